/** Strict RFC 3339 date-time: T separator, Z or ±hh:mm offset, any number of fractional digits. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch for a strict RFC 3339 string with a real calendar date, else undefined. */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetHours = Number(match[9] ?? 0);
  const offsetMinutes = Number(match[10] ?? 0);
  const calendar = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const realDate =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    calendar.getUTCHours() === hour &&
    calendar.getUTCMinutes() === minute &&
    calendar.getUTCSeconds() === second;
  if (!realDate || offsetHours > 23 || offsetMinutes > 59) return undefined;
  return Date.parse(text);
}

/** The service's own style, as in the official examples: 7 fractional digits and a +00:00 offset. */
export function formatServiceTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}0000+00:00`;
}

/** The latest createdDateTime or finishedDateTime a serialized body shows, in milliseconds. */
export function latestStampIn(body: string): number | undefined {
  const stamps = [...body.matchAll(/"(?:createdDateTime|finishedDateTime)":"([^"]+)"/g)].flatMap(
    (match) => parseRfc3339(match[1] ?? '') ?? [],
  );
  return stamps.length === 0 ? undefined : Math.max(...stamps);
}
