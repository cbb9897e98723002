/**
 * Strict RFC 3339 `date-time` (section 5.6) with the restrictions issue 2 asks for.
 *
 * Decisions (see tests/self/suite/schemas/rfc3339.spec.ts for the tables that pin them):
 * - Separator: upper-case `T` only. RFC 3339 5.6 allows `t`, but also lets a specification restrict it to
 *   upper case; issue 2 lists "a T separator" as a check and the spec documents `yyyy-MM-ddTHH:mm:ssZ`.
 * - Offset: `Z`, `z` (RFC 3339 5.6 allows lower case and nothing in issue 2 restricts it) or `+hh:mm` /
 *   `-hh:mm` with the colon; `-00:00` is valid (RFC 3339 4.3). Offset hours 00-23, minutes 00-59.
 * - Fraction: optional, any number of digits (the examples send 7, the live service trims trailing zeros).
 * - Leap second: second 60 only when the instant, converted to UTC, is 23:59:60 (RFC 3339 5.7).
 *   Which days actually had one is not checked: that table is not part of the format.
 */

export const RFC3339_FORMAT_NAME = 'rfc3339-date-time';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** An exactly comparable instant: whole UTC seconds, leap-second flag, fractional digits as written. */
export interface Rfc3339Instant {
  /** Seconds since 1970-01-01T00:00:00Z of the start of the UTC second (a leap second counts as its 23:59:59). */
  readonly epochSecond: number;
  readonly isLeapSecond: boolean;
  /** Fractional-second digits, trailing zeros removed ('' for none). Compared as a decimal string. */
  readonly fraction: string;
}

export type Rfc3339ParseResult =
  { readonly ok: true; readonly instant: Rfc3339Instant } | { readonly ok: false; readonly reason: string };

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function describeShapeProblem(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}[ t_]/.test(value)) return 'the date and time must be separated by an upper-case "T"';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'a date alone is not a date-time';
  if (/[+-]\d{4}$/.test(value)) return 'the offset must be written ±hh:mm, with a colon';
  if (/[+-]\d{2}$/.test(value)) return 'the offset must be written ±hh:mm, minutes included';
  if (/T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) return 'an offset (Z or ±hh:mm) is required';
  if (/T\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/i.test(value)) return 'seconds are required (hh:mm:ss)';
  if (/\.(Z|[+-])/i.test(value)) return 'a decimal point must be followed by at least one digit';
  return 'expected yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)';
}

/** Parses a strict RFC 3339 date-time; on failure says why, in words a report reader understands. */
export function parseRfc3339DateTime(value: string): Rfc3339ParseResult {
  const match = PATTERN.exec(value);
  if (!match) return { ok: false, reason: describeShapeProblem(value) };
  const [, yyyy, mo, dd, hh, mi, ss, fractionDigits = '', zulu, sign, offH, offM] = match;
  const year = Number(yyyy);
  const month = Number(mo);
  const day = Number(dd);
  const hour = Number(hh);
  const minute = Number(mi);
  const second = Number(ss);
  if (month < 1 || month > 12) return { ok: false, reason: `month ${mo} does not exist` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `day ${dd} does not exist in ${yyyy}-${mo}` };
  }
  if (hour > 23) return { ok: false, reason: `hour ${hh} is out of range 00-23` };
  if (minute > 59) return { ok: false, reason: `minute ${mi} is out of range 00-59` };
  if (second > 60) return { ok: false, reason: `second ${ss} is out of range 00-60` };

  let offsetMinutes = 0;
  if (zulu === undefined) {
    const offsetHour = Number(offH);
    const offsetMinute = Number(offM);
    if (offsetHour > 23) return { ok: false, reason: `offset hour ${offH} is out of range 00-23` };
    if (offsetMinute > 59) return { ok: false, reason: `offset minute ${offM} is out of range 00-59` };
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  }

  const isLeapSecond = second === 60;
  const utcMinuteOfDay = (((hour * 60 + minute - offsetMinutes) % 1440) + 1440) % 1440;
  if (isLeapSecond && utcMinuteOfDay !== 23 * 60 + 59) {
    return { ok: false, reason: 'second 60 (a leap second) is only valid at 23:59:60 UTC' };
  }

  const epochSecond =
    daysFromCivil(year, month, day) * 86_400 +
    hour * 3600 +
    minute * 60 +
    (isLeapSecond ? 59 : second) -
    offsetMinutes * 60;
  return { ok: true, instant: { epochSecond, isLeapSecond, fraction: fractionDigits.replace(/0+$/, '') } };
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil; Date.UTC mangles years 0-99). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function isRfc3339DateTime(value: unknown): value is string {
  return typeof value === 'string' && parseRfc3339DateTime(value).ok;
}

function compareInstants(a: Rfc3339Instant, b: Rfc3339Instant): -1 | 0 | 1 {
  if (a.epochSecond !== b.epochSecond) return a.epochSecond < b.epochSecond ? -1 : 1;
  if (a.isLeapSecond !== b.isLeapSecond) return a.isLeapSecond ? 1 : -1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  if (fa === fb) return 0;
  return fa < fb ? -1 : 1;
}

/**
 * Compares two RFC 3339 date-times exactly (every fractional digit counts; JS Date would round to ms).
 * Returns -1 when a is earlier, 0 for the same instant (whatever the offsets), 1 when a is later.
 * Throws when either value is not a strict RFC 3339 date-time: check validity first.
 */
export function compareRfc3339(a: string, b: string): -1 | 0 | 1 {
  const pa = parseRfc3339DateTime(a);
  const pb = parseRfc3339DateTime(b);
  if (!pa.ok) throw new TypeError(`Not an RFC 3339 date-time: ${JSON.stringify(a)} (${pa.reason})`);
  if (!pb.ok) throw new TypeError(`Not an RFC 3339 date-time: ${JSON.stringify(b)} (${pb.reason})`);
  return compareInstants(pa.instant, pb.instant);
}
