import type { BenignQuirk } from '../quirk';
import { atOffset, nanosecondFraction, rewriteTimestamps, type TimeField } from './timestamps';

const STYLE: Record<TimeField, (ms: number) => string> = {
  createdDateTime: (ms) => atOffset(ms, 5 * 60 + 30, nanosecondFraction(ms)),
  finishedDateTime: (ms) => atOffset(ms, -8 * 60, nanosecondFraction(ms)),
  purgeDateTime: (ms) => `${new Date(ms).toISOString().slice(0, 19)}z`,
};

export const offsetTimestamps: BenignQuirk = {
  name: 'offset-timestamps',
  kind: 'benign',
  description:
    'Writes the same instants with other valid RFC 3339 offsets: +05:30 and -08:00 with nine fractional digits, and a lower-case z.',
  job: (body) => rewriteTimestamps(body, (ms, field) => STYLE[field](ms)),
};
