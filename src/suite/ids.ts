/** Ids the suite derives from the discovered ones: case variants, case pairs, an unknown id, odd ids. */

function toggleCase(char: string): string {
  const upper = char.toUpperCase();
  return char === upper ? char.toLowerCase() : upper;
}

/** True when changing the case of the id can give another string. */
export function hasCasedLetters(id: string): boolean {
  return id.toUpperCase() !== id.toLowerCase();
}

/**
 * A case variant of `id` that is not itself an existing id, preferring the most obvious ones
 * (all upper, all lower, every letter swapped), then one letter at a time. Undefined when none exists.
 */
export function caseVariant(id: string, existing: ReadonlySet<string>): string | undefined {
  const chars = Array.from(id);
  const candidates = [
    id.toUpperCase(),
    id.toLowerCase(),
    chars.map(toggleCase).join(''),
    ...chars.map((char, index) => [...chars.slice(0, index), toggleCase(char), ...chars.slice(index + 1)].join('')),
  ];
  return candidates.find((candidate) => candidate !== id && !existing.has(candidate));
}

/** Pairs of existing ids that differ only in case, each pair once, in a stable order. */
export function casePairs(ids: readonly string[]): (readonly [string, string])[] {
  const pairs: (readonly [string, string])[] = [];
  const sorted = [...new Set(ids)].sort();
  sorted.forEach((first, index) => {
    for (const second of sorted.slice(index + 1)) {
      if (first.toLowerCase() === second.toLowerCase()) pairs.push([first, second]);
    }
  });
  return pairs;
}

/** A fixed id (so runs are reproducible) that is not one of the existing ids. */
export function unknownJobId(existing: ReadonlySet<string>): string {
  const base = 'conformance-no-such-delete-job';
  let candidate = base;
  for (let suffix = 2; existing.has(candidate); suffix += 1) candidate = `${base}-${suffix}`;
  return candidate;
}

export interface OddId {
  /** Short label for titles. */
  readonly label: string;
  /** The path segment exactly as sent. */
  readonly rawSegment: string;
}

/** Odd ids that need no existing job: reserved characters, unicode, length, dots, spaces, empty. */
export const STATIC_ODD_IDS: readonly OddId[] = [
  { label: 'encoded slash %2F', rawSegment: 'job%2Fdeletions' },
  { label: 'encoded question mark %3F', rawSegment: 'job%3Fapi-version=1999-01-01' },
  { label: 'encoded hash %23', rawSegment: 'job%23fragment' },
  { label: 'encoded percent %25', rawSegment: 'job%25' },
  { label: 'encoded reserved set', rawSegment: '%3A%40%21%24%26%27%28%29%2A%2B%2C%3B%3D' },
  { label: 'malformed percent-encoding %zz', rawSegment: 'job%zz' },
  { label: 'unicode letters', rawSegment: encodeURIComponent('jöb-ünïcødé-删除') },
  { label: 'emoji', rawSegment: encodeURIComponent('job-🗑️') },
  { label: 'encoded NUL', rawSegment: 'job%00' },
  { label: '300 characters', rawSegment: 'j'.repeat(300) },
  { label: 'single dot', rawSegment: '.' },
  { label: 'double dot', rawSegment: '..' },
  { label: 'encoded double dot', rawSegment: '%2E%2E' },
  { label: 'dots inside', rawSegment: 'job.v1..2' },
  { label: 'a space', rawSegment: '%20' },
  { label: 'spaces inside', rawSegment: 'delete%20job%201' },
  { label: 'plus sign', rawSegment: 'delete+job' },
  { label: 'empty id', rawSegment: '' },
];

/**
 * Odd ids built from an existing id: a server that trims, normalises or ignores what follows must not
 * answer them with that job.
 */
export function oddIdsAround(id: string): OddId[] {
  const encoded = encodeURIComponent(id);
  return [
    { label: 'existing id + trailing space', rawSegment: `${encoded}%20` },
    { label: 'existing id + leading space', rawSegment: `%20${encoded}` },
    { label: 'existing id + trailing dot', rawSegment: `${encoded}.` },
    { label: 'existing id + encoded NUL', rawSegment: `${encoded}%00` },
    { label: 'existing id + ;matrix parameter', rawSegment: `${encoded};v=1` },
  ];
}

/** The id a server would see after percent-decoding the segment, when it decodes at all. */
export function decodedSegment(rawSegment: string): string | undefined {
  try {
    return decodeURIComponent(rawSegment);
  } catch {
    return undefined;
  }
}
