export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const BYTE_ORDER_MARK = '\uFEFF';
const JSON_WHITESPACE = /^[ \t\n\r]*/;

/** Where the first JSON value of the text ends (after leading whitespace), or undefined when it never closes. */
export function endOfFirstValue(text: string): number | undefined {
  const start = JSON_WHITESPACE.exec(text)?.[0].length ?? 0;
  const first = text[start];
  if (first !== '{' && first !== '[' && first !== '"') {
    const primitive = /^(?:-?\d[\d.eE+-]*|true|false|null)/.exec(text.slice(start));
    return primitive ? start + primitive[0].length : undefined;
  }
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') {
        inString = false;
        if (depth === 0) return index + 1;
      }
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return undefined;
}

function parsed(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * The JSON text a tolerant reader takes from a body: without a leading byte order mark, and only its first value
 * when bytes follow it. Undefined when not even that parses.
 */
export function recoveredJsonText(text: string): string | undefined {
  const unmarked = text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text;
  if (parsed(unmarked) !== undefined) return unmarked;
  const end = endOfFirstValue(unmarked);
  return end !== undefined && parsed(unmarked.slice(0, end)) !== undefined ? unmarked.slice(0, end) : undefined;
}

/**
 * The value of a JSON body as a tolerant reader recovers it (see recoveredJsonText), or undefined when it has none.
 * Every check that needs the value judges this one: a framing defect (a byte order mark, trailing bytes) is one root
 * cause, reported once under DJ-JSON-01 (src/suite/json-defects.ts), not again by every requirement that reads the body.
 */
export function parsedOrUndefined(text: string): unknown {
  const recovered = recoveredJsonText(text);
  return recovered === undefined ? undefined : parsed(recovered)?.value;
}
