import type { DefectQuirk } from '../quirk';

export const errorCodeHeaderMismatch: DefectQuirk = {
  name: 'error-code-header-mismatch',
  kind: 'defect',
  targets: ['DJ-404-02'],
  description: 'Sends an x-ms-error-code header that differs from error.code in the body.',
  response: (draft) => {
    if (draft.headers['x-ms-error-code'] !== undefined) draft.headers['x-ms-error-code'] = 'ResourceNotFound';
  },
};
