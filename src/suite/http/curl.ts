export const TOKEN_ENV_REFERENCE = '$ADT_ACCESS_TOKEN';

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface CurlRequest {
  method: string;
  url: string;
  /** Headers exactly as sent, except the configured credential, which must not be passed here. */
  headers: readonly (readonly [string, string])[];
  /** Adds `Authorization: Bearer $ADT_ACCESS_TOKEN`, expanded by the user's shell, never written out. */
  bearerFromEnvironment: boolean;
}

/**
 * A runnable curl command reproducing a request byte for byte: `--path-as-is` keeps `/..` and `-g` keeps
 * brackets, so odd ids reach the server exactly as the suite sent them.
 */
export function curlCommand(request: CurlRequest): string {
  const parts = ['curl', '-sS', '-i', '--path-as-is', '-g'];
  if (request.method !== 'GET') parts.push('-X', request.method);
  parts.push(shellQuote(request.url));
  if (request.bearerFromEnvironment) parts.push(`-H "Authorization: Bearer ${TOKEN_ENV_REFERENCE}"`);
  for (const [name, value] of request.headers) {
    // curl sends `Name;` as a header with an empty value; `Name:` would remove the header instead.
    parts.push('-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`));
  }
  return parts.join(' ');
}
