import type { BenignQuirk } from '../quirk';
import { rewriteTimestamps } from './timestamps';

export const noFractionTimestamps: BenignQuirk = {
  name: 'no-fraction-timestamps',
  kind: 'benign',
  description: 'Sends every timestamp in whole seconds without a fraction, e.g. 2024-05-20T08:01:00Z.',
  job: (body) => rewriteTimestamps(body, (ms) => `${new Date(ms).toISOString().slice(0, 19)}Z`),
};
