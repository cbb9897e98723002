import { SUPPORTED_API_VERSIONS } from '../../defaults';
import type { DefectQuirk } from '../quirk';

export const nearMissApiVersion: DefectQuirk = {
  name: 'near-miss-api-version',
  kind: 'defect',
  targets: ['DJ-APIV-04'],
  description:
    'Accepts any api-version that starts with a supported one (2023-10-31-preview, 2023-10-31x), as a prefix comparison would.',
  checkApiVersion: ({ values, error }) =>
    error === 'UnsupportedApiVersionValue' &&
    values.length === 1 &&
    SUPPORTED_API_VERSIONS.some((version) => values[0]?.startsWith(version))
      ? undefined
      : error,
};
