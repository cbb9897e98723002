/**
 * Reads the few non-secret claims of a JWT bearer token that explain a 401/403 (audience, expiry, which
 * identity). The token itself is never returned or printed. Opaque tokens (the mock's) give undefined.
 */
export interface TokenClaims {
  audience: string | undefined;
  expiresAt: Date | undefined;
  /** Object id, app id and tenant: enough to find the identity for a role assignment. */
  objectId: string | undefined;
  appId: string | undefined;
  tenantId: string | undefined;
}

export const ADT_AUDIENCES = ['https://digitaltwins.azure.net', '0b07f429-9f4b-4714-9392-cc5e8e80c8b0'];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readTokenClaims(bearerToken: string): TokenClaims | undefined {
  const payload = bearerToken.replace(/^Bearer\s+/i, '').split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const exp = claims.exp;
    return {
      audience: text(claims.aud),
      expiresAt: typeof exp === 'number' ? new Date(exp * 1000) : undefined,
      objectId: text(claims.oid),
      appId: text(claims.appid) ?? text(claims.azp),
      tenantId: text(claims.tid),
    };
  } catch {
    return undefined;
  }
}

export function isAdtAudience(audience: string): boolean {
  return ADT_AUDIENCES.includes(audience.replace(/\/+$/, ''));
}

export function describeIdentity(claims: TokenClaims | undefined): string {
  if (claims === undefined) return 'the identity behind the token';
  const parts = [
    claims.objectId === undefined ? undefined : `object id ${claims.objectId}`,
    claims.appId === undefined ? undefined : `app id ${claims.appId}`,
    claims.tenantId === undefined ? undefined : `tenant ${claims.tenantId}`,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? 'the identity behind the token' : `the identity (${parts.join(', ')})`;
}
