import type { DeleteJobBody } from '../../scenarios';
import type { BenignQuirk } from '../quirk';

const TIME_FIELDS = ['createdDateTime', 'finishedDateTime', 'purgeDateTime'] as const;

/** 2022-01-01T00:01:00.1200000+00:00 → 2022-01-01T00:01:00.12Z, as the live service has been seen sending. */
function zuluTrimmed(text: string): string {
  const iso = new Date(Date.parse(text)).toISOString();
  return iso.replace(/\.?0*Z$/, 'Z');
}

export const zTimestamps: BenignQuirk = {
  name: 'z-timestamps',
  kind: 'benign',
  description: 'Sends every timestamp in UTC with a Z offset and trailing fractional zeros trimmed.',
  job: (body) => {
    const rewritten: DeleteJobBody = { ...body };
    for (const field of TIME_FIELDS) {
      const value = rewritten[field];
      if (value !== undefined) rewritten[field] = zuluTrimmed(value);
    }
    return rewritten;
  },
};
