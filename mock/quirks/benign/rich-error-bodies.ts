import type { BenignQuirk } from '../quirk';

export const richErrorBodies: BenignQuirk = {
  name: 'rich-error-bodies',
  kind: 'benign',
  description: 'Adds details, a nested innererror and unknown extra fields to every ErrorResponse.',
  errorBody: (body, code) => ({
    ...body,
    error: {
      ...body.error,
      target: 'id',
      details: [{ code, message: body.error.message }],
      innererror: { code: `${code}Detail`, innererror: { code: 'MockInnermost' } },
    },
    requestId: 'mock-request',
  }),
};
