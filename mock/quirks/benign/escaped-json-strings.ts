import type { BenignQuirk } from '../quirk';

/** A JSON string literal with every UTF-16 unit other than a letter or digit as a \u escape. */
const escapedString = (text: string): string =>
  `"${text.replace(/[^A-Za-z0-9]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;

function escapedJson(value: unknown): string {
  if (typeof value === 'string') return escapedString(value);
  if (Array.isArray(value)) return `[${value.map(escapedJson).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .map(([key, item]) => `${escapedString(key)}:${escapedJson(item)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export const escapedJsonStrings: BenignQuirk = {
  name: 'escaped-json-strings',
  kind: 'benign',
  description:
    'Writes every character of every JSON string other than letters and digits as a \\u escape ("2024\\u002d05\\u002d20T…"): the same JSON values, other bytes.',
  response: (draft) => {
    if (!/^application\/json/i.test(draft.headers['content-type'] ?? '')) return;
    draft.body = escapedJson(JSON.parse(draft.body));
  },
};
