/**
 * Values one step away from valid ones. A server that matches ids by prefix, or api-versions by prefix or by date,
 * treats them as valid; a correct one rejects them.
 */

export interface NearMiss {
  /** What the probe is, for titles: `id minus its last character`. */
  readonly label: string;
  readonly value: string;
}

const ALTERNATIVES = ['0', '1', 'x', 'y', '-', '_'];

/** The last character replaced by another one (never the same letter in another case: that is DJ-CASE-01's probe). */
function changedLast(id: string, existing: ReadonlySet<string>): string | undefined {
  const stem = Array.from(id).slice(0, -1).join('');
  return ALTERNATIVES.map((replacement) => `${stem}${replacement}`).find(
    (candidate) => candidate.toLowerCase() !== id.toLowerCase() && !existing.has(candidate),
  );
}

/**
 * Near misses of an existing id: proper prefixes (the id minus its last character, its first half, its first
 * character), the id plus one character, the id with one character changed. Candidates that are themselves
 * existing ids, repeats and the empty id are left out.
 */
export function nearMissIds(id: string, existing: ReadonlySet<string>): NearMiss[] {
  const chars = Array.from(id);
  const candidates: NearMiss[] = [
    { label: 'id minus its last character', value: chars.slice(0, -1).join('') },
    { label: 'first half of the id', value: chars.slice(0, Math.ceil(chars.length / 2)).join('') },
    { label: 'first character of the id', value: chars.slice(0, 1).join('') },
    {
      label: 'id plus one character',
      value: ALTERNATIVES.map((extra) => `${id}${extra}`).find((candidate) => !existing.has(candidate)) ?? '',
    },
    { label: 'id with its last character changed', value: changedLast(id, existing) ?? '' },
  ];
  const seen = new Set<string>();
  return candidates.filter(({ value }) => {
    if (value === '' || value === id || existing.has(value) || seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

function nextDay(date: string): string | undefined {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : new Date(time + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Near misses of the supported api-version: with -preview appended, one character more, the next day, and the
 * same date in two other formats. Only the ones that differ from the version itself.
 */
export function nearMissApiVersions(apiVersion: string): NearMiss[] {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(apiVersion)?.[0];
  const rest = date === undefined ? '' : apiVersion.slice(date.length);
  const neighbour = date === undefined ? undefined : nextDay(date);
  const candidates: NearMiss[] = [
    { label: '-preview appended', value: `${apiVersion}-preview` },
    { label: 'one character more', value: `${apiVersion}x` },
    ...(neighbour === undefined ? [] : [{ label: 'the next day', value: `${neighbour}${rest}` }]),
    ...(date === undefined
      ? []
      : [
          { label: 'the date without dashes', value: `${date.replace(/-/g, '')}${rest}` },
          { label: 'the date as a date-time', value: `${date}T00:00:00Z${rest}` },
        ]),
  ];
  return candidates.filter(({ value }) => value !== apiVersion);
}
