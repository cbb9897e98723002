import type { DeleteJobBody } from '../../scenarios';
import { parseRfc3339 } from '../../timestamps';

export const TIME_FIELDS = ['createdDateTime', 'finishedDateTime', 'purgeDateTime'] as const;
export type TimeField = (typeof TIME_FIELDS)[number];

/** The job with every timestamp it carries rewritten from its instant (ms since the epoch). */
export function rewriteTimestamps(
  body: DeleteJobBody,
  format: (ms: number, field: TimeField) => string,
): DeleteJobBody {
  const rewritten: DeleteJobBody = { ...body };
  for (const field of TIME_FIELDS) {
    const ms = rewritten[field] === undefined ? undefined : parseRfc3339(rewritten[field]);
    if (ms !== undefined) rewritten[field] = format(ms, field);
  }
  return rewritten;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The same instant written in local time at the given offset, e.g. 2024-05-20T13:30:00.123+05:30. */
export function atOffset(ms: number, offsetMinutes: number, fraction: string): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${local}${fraction}${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}

/** `.123000000`: the millisecond fraction of the instant, padded to nanoseconds. */
export function nanosecondFraction(ms: number): string {
  return `.${pad(((ms % 1000) + 1000) % 1000, 3)}000000`;
}
