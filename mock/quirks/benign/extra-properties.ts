import type { BenignQuirk } from '../quirk';

export const extraProperties: BenignQuirk = {
  name: 'extra-properties',
  kind: 'benign',
  description:
    'Adds unknown properties to every job, job error, List page and ErrorResponse, as a later api-version might.',
  job: (body) => ({
    ...body,
    ...(body.error
      ? {
          error: {
            ...body.error,
            target: 'twins',
            details: [{ code: 'TwinDeletionFailed', message: 'A twin could not be deleted.' }],
            innererror: { code: 'Timeout' },
          },
        }
      : {}),
    kind: 'DeleteJob',
    progress: { deletedTwins: 12, deletedModels: 3 },
  }),
  collection: (body) => ({
    ...body,
    count: body.value.length,
    '@odata.context': 'https://mock.invalid/$metadata#jobs',
  }),
  errorBody: (body) => ({
    ...body,
    error: { ...body.error, additionalInfo: [{ type: 'MockInfo', info: {} }] },
    correlationId: 'mock-correlation',
  }),
};
