import type { DefectQuirk } from '../quirk';

export const unsupportedReportedMissing: DefectQuirk = {
  name: 'unsupported-reported-missing',
  kind: 'defect',
  targets: ['DJ-APIV-05'],
  description:
    'Rejects an unsupported api-version with the code MissingApiVersionParameter instead of UnsupportedApiVersionValue.',
  checkApiVersion: ({ error }) => (error === 'UnsupportedApiVersionValue' ? 'MissingApiVersionParameter' : error),
};
