import { SUPPORTED_API_VERSIONS } from '../../defaults';
import type { DefectQuirk } from '../quirk';

const SUPPORTED: readonly string[] = SUPPORTED_API_VERSIONS;

export const nfkcApiVersion: DefectQuirk = {
  name: 'nfkc-api-version',
  kind: 'defect',
  targets: ['DJ-APIV-06'],
  description:
    'Compares the api-version after Unicode NFKC normalisation (or parses it with Unicode digits), so ２０２３-10-31 with fullwidth digits is served.',
  checkApiVersion: ({ values, error }) =>
    values.length === 1 && SUPPORTED.includes(values[0]?.normalize('NFKC') ?? '') ? undefined : error,
};
