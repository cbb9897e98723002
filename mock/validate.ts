import { SUPPORTED_API_VERSIONS } from './defaults';
import type { ApiVersionVerdict } from './quirks/quirk';

const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_API_VERSIONS);
const CANONICAL_QUERIES = new Map(SUPPORTED_API_VERSIONS.map((version) => [`api-version=${version}`, version]));

/** A bearer token equal to the mock's; the scheme name is case-insensitive (RFC 9110). */
export function isAuthorized(authorization: string | undefined, token: string): boolean {
  if (authorization === undefined || authorization.length !== token.length + 7 || !authorization.endsWith(token))
    return false;
  return authorization.startsWith('Bearer ') || authorization.slice(0, 7).toLowerCase() === 'bearer ';
}

/**
 * Absent or empty → MissingApiVersionParameter (an empty value is treated as no value, as Azure
 * Resource Manager does); any value that is not a supported version → UnsupportedApiVersionValue.
 */
export function apiVersionVerdict(query: string): ApiVersionVerdict {
  const canonical = CANONICAL_QUERIES.get(query);
  if (canonical !== undefined) return { values: [canonical], error: undefined };
  const values = new URLSearchParams(query).getAll('api-version');
  if (values.every((value) => value === '')) return { values, error: 'MissingApiVersionParameter' };
  if (values.every((value) => SUPPORTED.has(value))) return { values, error: undefined };
  return { values, error: 'UnsupportedApiVersionValue' };
}
