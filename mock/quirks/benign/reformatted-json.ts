import type { BenignQuirk } from '../quirk';

/** The same JSON value with the keys of every object in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reversedKeys(item)]),
  );
}

export const reformattedJson: BenignQuirk = {
  name: 'reformatted-json',
  kind: 'benign',
  description: 'Pretty-prints every JSON body with its properties in reverse order (JSON objects are unordered).',
  response: (draft) => {
    if (!/^application\/json/i.test(draft.headers['content-type'] ?? '')) return;
    draft.body = `${JSON.stringify(reversedKeys(JSON.parse(draft.body)), null, 4)}\n`;
  },
};
