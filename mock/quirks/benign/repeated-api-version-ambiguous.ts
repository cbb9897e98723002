import type { BenignQuirk } from '../quirk';

export const repeatedApiVersionAmbiguous: BenignQuirk = {
  name: 'repeated-api-version-ambiguous',
  kind: 'benign',
  description:
    'Rejects a repeated api-version parameter with its own error code, as ASP.NET API Versioning answers AmbiguousApiVersion.',
  checkApiVersion: ({ values, error }) =>
    values.length > 1 && new Set(values).size > 1 ? 'MockAmbiguousApiVersion' : error,
};
