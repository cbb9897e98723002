import type { DefectQuirk } from '../quirk';

/** The claims segment of a JWS compact serialization, or undefined for anything that is not three segments. */
function claimsOf(token: string): string | undefined {
  const parts = token.split('.');
  return parts.length === 3 && parts[1] !== '' ? parts[1] : undefined;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** JWT-shaped, as an Entra token is: header, claims and a signature (of nothing; the mock compares strings). */
export const JWT_TEST_TOKEN = `${base64url({ typ: 'JWT', alg: 'RS256', kid: 'adt-mock' })}.${base64url({ aud: 'https://digitaltwins.azure.net', sub: 'adt-mock' })}.${Buffer.from('adt-mock-signature').toString('base64url')}`;

export const jwtClaimsOnly: DefectQuirk = {
  name: 'jwt-claims-only',
  kind: 'defect',
  targets: ['DJ-AUTH-03'],
  token: JWT_TEST_TOKEN,
  description:
    'Accepts a bearer JWT whose claims are those of the configured token, whatever its header (alg none included) and signature.',
  authorize: (authorization, valid, token) => {
    const claims = claimsOf(/^bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '');
    return valid || (claims !== undefined && claims === claimsOf(token));
  },
};
