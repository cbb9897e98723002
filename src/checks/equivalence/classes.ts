import fc from 'fast-check';

/**
 * The equivalence classes of docs/equivalence-classes.md: inputs a web stack, a gateway or a store may map onto an
 * existing id or onto the supported api-version. A generated input is a short list of edits, each a pair of
 * natural numbers (which position, which choice), rendered by a pure function of the id or the version: an
 * arbitrary of plain numbers shrinks without context, so a failing input can be shrunk after the fact.
 */

export type Edit = readonly [number, number];
export type Edits = readonly Edit[];

/** One to three edits; small numbers so a shrunk edit names an early position and the first choice. */
export const EDITS: fc.Arbitrary<Edits> = fc.array(fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 })), {
  minLength: 1,
  maxLength: 3,
});

export interface IdClass {
  readonly kind: 'id';
  readonly name: string;
  /** For titles: `ids a stack maps onto an existing id by <what>`. */
  readonly what: string;
  /** The raw path segment for the edits applied to `id`, or undefined when the id offers nothing to edit. */
  render(id: string, edits: Edits): string | undefined;
  /** Whether the input holds a path separator or a control character, which a server may reject with 400. */
  readonly mayReject: boolean;
}

export interface ApiVersionClass {
  readonly kind: 'api-version';
  readonly name: string;
  readonly what: string;
  /** The raw query (without `?`) for the edits applied to the supported version, or undefined. */
  render(apiVersion: string, edits: Edits): string | undefined;
}

export type EquivalenceClass = IdClass | ApiVersionClass;

export function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Each position edited once: the last edit of a position wins, so the result depends on the set of edits. */
function byPosition(edits: Edits, positions: number): Map<number, number> {
  const chosen = new Map<number, number>();
  for (const [position, choice] of edits) chosen.set(position % positions, choice);
  return chosen;
}

function hexBytes(char: string): string[] {
  return Array.from(Buffer.from(char, 'utf8'), (byte) => byte.toString(16).toUpperCase().padStart(2, '0'));
}

const doublePercentEncoding: IdClass = {
  kind: 'id',
  name: 'double-percent-encoding',
  what: 'double percent-encoding (a second decode)',
  mayReject: false,
  render(id, edits) {
    const chars = Array.from(id);
    if (chars.length === 0) return undefined;
    const chosen = byPosition(edits, chars.length);
    return chars
      .map((char, index) => {
        const choice = chosen.get(index);
        if (choice === undefined) return encodeURIComponent(char);
        const hex = hexBytes(char).map((byte) => (choice % 2 === 0 ? byte : byte.toLowerCase()));
        return hex.map((byte) => `%25${byte}`).join('');
      })
      .join('');
  },
};

/** Encoded separators before and after the id: a duplicate slash, dot segments that lead back to it, a trailing slash. */
const PREFIXES = ['%2F', '.%2F', '%2E%2F', 'x%2F..%2F', '..%2Fdeletions%2F', '%2E%2E%2Fdeletions%2F'];
const SUFFIXES = ['%2F', '%2F.', '%2F%2E'];

const encodedPathSeparators: IdClass = {
  kind: 'id',
  name: 'encoded-path-separators',
  what: 'encoded path separators (%2F, dot segments, duplicate or trailing slash)',
  mayReject: true,
  render(id, edits) {
    if (id === '') return undefined;
    const prefixes = new Set<string>();
    const suffixes = new Set<string>();
    for (const [position, choice] of edits) {
      if (position % 2 === 0) prefixes.add(pick(PREFIXES, choice));
      else suffixes.add(pick(SUFFIXES, choice));
    }
    return `${[...prefixes].join('')}${encodeURIComponent(id)}${[...suffixes].join('')}`;
  },
};

function shifted(char: string, from: string, to: number): string {
  return String.fromCodePoint(to + (char.codePointAt(0) ?? 0) - (from.codePointAt(0) ?? 0));
}

/** Characters NFKC maps onto `char` (fullwidth, mathematical, circled, superscript forms, the long s). */
export function compatibilityForms(char: string): string[] {
  const candidates: (string | undefined)[] = [];
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x21 && code <= 0x7e) candidates.push(String.fromCodePoint(code + 0xfee0));
  if (/[a-z]/.test(char)) candidates.push(shifted(char, 'a', 0x1d41a), shifted(char, 'a', 0x24d0));
  if (/[A-Z]/.test(char)) candidates.push(shifted(char, 'A', 0x1d400), shifted(char, 'A', 0x24b6));
  if (/[0-9]/.test(char))
    candidates.push(shifted(char, '0', 0x1d7ce), shifted(char, '0', 0x1d7d8), '⁰¹²³⁴⁵⁶⁷⁸⁹'.charAt(code - 0x30));
  if (char === 's') candidates.push('ſ');
  if (char === '-') candidates.push('﹣');
  return [
    ...new Set(
      candidates.filter(
        (candidate): candidate is string =>
          candidate !== undefined && candidate !== char && candidate.normalize('NFKC') === char,
      ),
    ),
  ];
}

/** `value` with characters at the chosen positions replaced by a compatibility form; undefined when none has one. */
function withCompatibilityForms(value: string, edits: Edits): string | undefined {
  const chars = Array.from(value);
  const editable = chars.flatMap((char, index) => (compatibilityForms(char).length > 0 ? [index] : []));
  if (editable.length === 0) return undefined;
  const chosen = byPosition(edits, editable.length);
  const result = [...chars];
  for (const [slot, choice] of chosen) {
    const index = pick(editable, slot);
    result[index] = pick(compatibilityForms(pick(chars, index)), choice);
  }
  return result.join('');
}

const compatibilityFormsClass: IdClass = {
  kind: 'id',
  name: 'compatibility-forms',
  what: 'Unicode compatibility forms (NFKC: fullwidth, mathematical, circled)',
  mayReject: false,
  render(id, edits) {
    const variant = withCompatibilityForms(id, edits);
    return variant === undefined ? undefined : encodeURIComponent(variant);
  },
};

/** Characters that many collations give no weight: soft hyphen, zero-width space and joiners, word joiner, BOM. */
export const IGNORABLE = ['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

const ignorableCharacters: IdClass = {
  kind: 'id',
  name: 'ignorable-characters',
  what: 'characters a collation ignores (zero-width, soft hyphen, BOM) inside the id',
  mayReject: false,
  render(id, edits) {
    const chars = Array.from(id);
    if (chars.length < 2) return undefined;
    // Only between two characters: at either end a trimming or prefix-matching server would be the finding.
    const inserted = [...chars];
    const gaps = [...byPosition(edits, chars.length - 1)].sort(([a], [b]) => b - a);
    for (const [gap, choice] of gaps) inserted.splice(gap + 1, 0, pick(IGNORABLE, choice));
    return encodeURIComponent(inserted.join(''));
  },
};

/** ASCII whitespace controls: tab, line feed, vertical tab, form feed, carriage return. */
export const CONTROL_WHITESPACE = ['\t', '\n', '\u000b', '\f', '\r'];

const controlWhitespace: IdClass = {
  kind: 'id',
  name: 'control-whitespace',
  what: 'tabs and line breaks around the id (trimmed or sanitised away)',
  mayReject: true,
  render(id, edits) {
    if (id === '') return undefined;
    let before = '';
    let after = '';
    for (const [position, choice] of edits) {
      if (position % 2 === 0) after += pick(CONTROL_WHITESPACE, choice);
      else before = pick(CONTROL_WHITESPACE, choice) + before;
    }
    return encodeURIComponent(`${before}${id}${after}`);
  },
};

/** Padding as sent in a query: `+` (a space in form encoding), encoded spaces, tabs, line breaks, NBSP, ideographic space. */
const PADDING = ['+', '%20', '%09', '%0A', '%0D', '%C2%A0', '%E3%80%80'];

const apiVersionPadding: ApiVersionClass = {
  kind: 'api-version',
  name: 'api-version-padding',
  what: 'whitespace or + around the api-version',
  render(apiVersion, edits) {
    // Always padded in front: a server comparing by prefix is DJ-APIV-04's finding, not this class's.
    const [first, ...rest] = edits;
    if (first === undefined) return undefined;
    let before = pick(PADDING, first[1]);
    let after = '';
    for (const [position, choice] of rest) {
      if (position % 2 === 0) after += pick(PADDING, choice);
      else before = pick(PADDING, choice) + before;
    }
    return `api-version=${before}${encodeURIComponent(apiVersion)}${after}`;
  },
};

function nextDay(date: string): string | undefined {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : new Date(time + 86_400_000).toISOString().slice(0, 10);
}

/** Values besides the supported one in a repeated api-version: none empty (an empty one is DJ-APIV-03's). */
function otherVersions(apiVersion: string): string[] {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(apiVersion)?.[0];
  const neighbour = date === undefined ? undefined : nextDay(date);
  return [
    '1999-01-01',
    ...(apiVersion.endsWith('-preview') ? [apiVersion.slice(0, -'-preview'.length)] : [`${apiVersion}-preview`]),
    ...(neighbour === undefined ? [] : [neighbour]),
    'latest',
    `${apiVersion}x`,
  ].filter((value) => value !== apiVersion);
}

const apiVersionRepeated: ApiVersionClass = {
  kind: 'api-version',
  name: 'api-version-repeated',
  what: 'a repeated api-version parameter holding the supported value and another',
  render(apiVersion, edits) {
    const others = otherVersions(apiVersion);
    const [first] = edits;
    if (first === undefined) return undefined;
    const values = edits.map(([, choice]) => pick(others, choice));
    values.splice(first[0] % (values.length + 1), 0, apiVersion);
    return values.map((value) => `api-version=${encodeURIComponent(value)}`).join('&');
  },
};

const apiVersionCompatibilityForms: ApiVersionClass = {
  kind: 'api-version',
  name: 'api-version-compatibility-forms',
  what: 'Unicode compatibility forms of the api-version (fullwidth digits and hyphens)',
  render(apiVersion, edits) {
    const variant = withCompatibilityForms(apiVersion, edits);
    return variant === undefined ? undefined : `api-version=${encodeURIComponent(variant)}`;
  },
};

export const ID_CLASSES: readonly IdClass[] = [
  doublePercentEncoding,
  encodedPathSeparators,
  compatibilityFormsClass,
  ignorableCharacters,
  controlWhitespace,
];

export const API_VERSION_CLASSES: readonly ApiVersionClass[] = [
  apiVersionPadding,
  apiVersionRepeated,
  apiVersionCompatibilityForms,
];

export const EQUIVALENCE_CLASSES: readonly EquivalenceClass[] = [...ID_CLASSES, ...API_VERSION_CLASSES];
