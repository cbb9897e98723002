import { SUPPORTED_API_VERSIONS } from '../../defaults';
import type { DefectQuirk } from '../quirk';

const SUPPORTED: readonly string[] = SUPPORTED_API_VERSIONS;

export const trimsApiVersion: DefectQuirk = {
  name: 'trims-api-version',
  kind: 'defect',
  targets: ['DJ-APIV-06'],
  description:
    'Trims whitespace around the api-version before comparing it (+ is a space in a query), so api-version=+2023-10-31 is served.',
  checkApiVersion: ({ values, error }) =>
    values.length === 1 && SUPPORTED.includes(values[0]?.trim() ?? '') ? undefined : error,
};
