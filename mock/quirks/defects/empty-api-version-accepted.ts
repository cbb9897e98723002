import type { DefectQuirk } from '../quirk';

export const emptyApiVersionAccepted: DefectQuirk = {
  name: 'empty-api-version-accepted',
  kind: 'defect',
  targets: ['DJ-APIV-03'],
  description: 'Serves requests with an empty api-version= as if they named the supported version.',
  checkApiVersion: ({ values, error }) =>
    values.length > 0 && values.every((value) => value === '') ? undefined : error,
};
