import type { Exchange } from './http/client';
import { recoveredJsonText } from './json';

/**
 * DJ-JSON-02: member names repeated within one JSON object, at any depth. JSON.parse keeps the last of them, other
 * parsers the first or refuse the text, so two clients of one response can read two different values. Names are
 * compared after unescaping (`"a"` and `"\u0061"` are the same name), as RFC 8259 section 8.3 compares strings.
 */

type Frame =
  | { kind: 'object'; path: string; names: Set<string>; expectName: boolean; name: string }
  | { kind: 'array'; path: string; index: number };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function memberPath(path: string, name: string): string {
  return IDENTIFIER.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

function childPath(parent: Frame | undefined): string {
  if (parent === undefined) return '$';
  return parent.kind === 'object' ? memberPath(parent.path, parent.name) : `${parent.path}[${parent.index}]`;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  return index;
}

/**
 * The JSONPath of every member whose name already occurred in its object (`$.status`, `$.value[0].id`), in text
 * order. The text must be valid JSON (it is checked with JSON.parse first); for anything else the result is empty.
 */
export function duplicateMemberNames(text: string): string[] {
  const duplicates: string[] = [];
  const frames: Frame[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    const top = frames.at(-1);
    if (char === '"') {
      const end = stringEnd(text, index);
      if (top?.kind === 'object' && top.expectName) {
        const name = JSON.parse(text.slice(index, end + 1)) as string;
        if (top.names.has(name)) duplicates.push(memberPath(top.path, name));
        top.names.add(name);
        top.name = name;
        top.expectName = false;
      }
      index = end;
    } else if (char === '{')
      frames.push({ kind: 'object', path: childPath(top), names: new Set(), expectName: true, name: '' });
    else if (char === '[') frames.push({ kind: 'array', path: childPath(top), index: 0 });
    else if (char === '}' || char === ']') frames.pop();
    else if (char === ',' && top !== undefined) {
      if (top.kind === 'object') top.expectName = true;
      else top.index++;
    }
  }
  return duplicates;
}

/** DJ-JSON-02 in words: every repeated member name of a JSON body, or nothing (a body that is not JSON is DJ-JSON-01's). */
export function duplicateNameDefects(exchange: Exchange): string[] {
  const text = recoveredJsonText(exchange.bodyText);
  if (text === undefined) return [];
  return duplicateMemberNames(text).map((path) => `the member name at ${path} occurs more than once in its object`);
}
