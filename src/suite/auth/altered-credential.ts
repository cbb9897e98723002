/**
 * DJ-AUTH-03: the configured credential, altered the way a gateway that checks only part of a token would still
 * accept. A JWT keeps its header and claims with the signature changed, and is sent again as `alg: none` without a
 * signature (RFC 8725 sections 2.1 and 3.1); an opaque token has its last character changed. The altered tokens are
 * as secret as the real one: the client registers them for redaction and never shows them.
 */

export type CredentialAlteration = 'changed-signature' | 'alg-none' | 'last-character';

export const ALTERATION_LABELS: Readonly<Record<CredentialAlteration, string>> = {
  'changed-signature': 'the configured JWT with its signature changed (same header and claims)',
  'alg-none': 'the configured JWT with alg set to none and no signature (same claims)',
  'last-character': 'the configured token with its last character changed',
};

const BASE64URL = /^[\w-]+$/;

interface JwtParts {
  header: Record<string, unknown>;
  payload: string;
  signature: string;
}

/** The parts of a JWS compact serialization whose header is a JSON object naming an `alg`, or undefined. */
function jwtParts(token: string): JwtParts | undefined {
  const [header, payload, signature, ...rest] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined || rest.length > 0) return undefined;
  if (!BASE64URL.test(header) || !BASE64URL.test(payload)) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown;
    if (typeof decoded !== 'object' || decoded === null || typeof (decoded as { alg?: unknown }).alg !== 'string')
      return undefined;
    return { header: decoded as Record<string, unknown>, payload, signature };
  } catch {
    return undefined;
  }
}

/** The alterations that apply to a bearer token: two for a JWT, one for anything else. */
export function alterationsOf(token: string): CredentialAlteration[] {
  return jwtParts(token) === undefined ? ['last-character'] : ['changed-signature', 'alg-none'];
}

/**
 * The token altered, or undefined when the alteration does not apply. The signature is changed in its bytes, not
 * in its last base64url character, whose low bits may be padding a verifier rightly ignores.
 */
export function alteredToken(token: string, alteration: CredentialAlteration): string | undefined {
  if (alteration === 'last-character') {
    if (token === '') return undefined;
    const last = token.slice(-1);
    return `${token.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
  }
  const jwt = jwtParts(token);
  if (jwt === undefined) return undefined;
  const [headerText] = token.split('.');
  if (alteration === 'alg-none')
    return `${Buffer.from(JSON.stringify({ ...jwt.header, alg: 'none' })).toString('base64url')}.${jwt.payload}.`;
  const signature = Buffer.from(jwt.signature, 'base64url');
  const changed =
    signature.length === 0
      ? Buffer.from('altered signature')
      : Buffer.from(signature.map((byte, index) => (index === 0 ? byte ^ 0xff : byte)));
  return `${headerText ?? ''}.${jwt.payload}.${changed.toString('base64url')}`;
}

/** Splits `Bearer <token>` into its scheme and token. */
export function bearerToken(authorization: string): { scheme: string; token: string } | undefined {
  const match = /^(\S+)\s+(\S+)$/.exec(authorization);
  return match?.[1] === undefined || match[2] === undefined ? undefined : { scheme: match[1], token: match[2] };
}
