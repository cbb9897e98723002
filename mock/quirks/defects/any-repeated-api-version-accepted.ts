import { SUPPORTED_API_VERSIONS } from '../../defaults';
import type { DefectQuirk } from '../quirk';

const SUPPORTED: readonly string[] = SUPPORTED_API_VERSIONS;

export const anyRepeatedApiVersionAccepted: DefectQuirk = {
  name: 'any-repeated-api-version-accepted',
  kind: 'defect',
  targets: ['DJ-APIV-06'],
  description:
    'Serves a request whose repeated api-version parameter holds a supported value among others, as taking the first (Go) or the last value, or a "contains" check over a joined list, does.',
  checkApiVersion: ({ values, error }) =>
    values.length > 1 && values.some((value) => SUPPORTED.includes(value)) ? undefined : error,
};
