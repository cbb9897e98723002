import type { DefectQuirk } from '../quirk';

export const missingApiVersionAccepted: DefectQuirk = {
  name: 'missing-api-version-accepted',
  kind: 'defect',
  targets: ['DJ-APIV-01'],
  expectedMessage: /without api-version must be rejected with 400/,
  description: 'Serves requests that carry no api-version parameter at all as if they named the supported version.',
  checkApiVersion: ({ values, error }) => (values.length === 0 ? undefined : error),
};
