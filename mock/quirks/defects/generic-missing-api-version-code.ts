import type { DefectQuirk } from '../quirk';

export const genericMissingApiVersionCode: DefectQuirk = {
  name: 'generic-missing-api-version-code',
  kind: 'defect',
  targets: ['DJ-APIV-02'],
  description:
    'Rejects a request without api-version with the generic code ValidationFailed instead of MissingApiVersionParameter.',
  checkApiVersion: ({ values, error }) =>
    values.length === 0 && error === 'MissingApiVersionParameter' ? 'ValidationFailed' : error,
};
