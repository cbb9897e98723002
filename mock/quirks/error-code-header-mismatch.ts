import type { Quirk } from './quirk';

export const errorCodeHeaderMismatch: Quirk = {
  name: 'error-code-header-mismatch',
  kind: 'defect',
  description: 'Sends an x-ms-error-code header that differs from error.code in the body.',
  response: (draft) => {
    if (draft.headers['x-ms-error-code'] !== undefined) draft.headers['x-ms-error-code'] = 'ResourceNotFound';
  },
};
