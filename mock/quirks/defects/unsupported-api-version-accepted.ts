import type { DefectQuirk } from '../quirk';

export const unsupportedApiVersionAccepted: DefectQuirk = {
  name: 'unsupported-api-version-accepted',
  kind: 'defect',
  targets: ['DJ-APIV-04', 'DJ-APIV-06'],
  description:
    'Serves requests naming an unsupported api-version such as 1999-01-01 as if they named the supported one.',
  checkApiVersion: ({ error }) => (error === 'UnsupportedApiVersionValue' ? undefined : error),
};
