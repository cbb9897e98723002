import type { DefectQuirk } from '../quirk';

/** The claims segment of a JWS compact serialization, or undefined for anything that is not three segments. */
function claimsOf(token: string): string | undefined {
  const parts = token.split('.');
  return parts.length === 3 && parts[1] !== '' ? parts[1] : undefined;
}

export const jwtClaimsOnly: DefectQuirk = {
  name: 'jwt-claims-only',
  kind: 'defect',
  description: 'Accepts a bearer JWT whose claims are those of the configured token, whatever its header (alg none included) and signature.',
  authorize: (authorization, valid, token) => {
    const claims = claimsOf(/^bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '');
    return valid || (claims !== undefined && claims === claimsOf(token));
  },
};
