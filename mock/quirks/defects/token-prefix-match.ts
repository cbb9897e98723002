import type { DefectQuirk } from '../quirk';

export const tokenPrefixMatch: DefectQuirk = {
  name: 'token-prefix-match',
  kind: 'defect',
  targets: ['DJ-AUTH-03'],
  description:
    'Compares only the first half of a bearer token with the configured one, as a gateway keyed on a truncated token would.',
  authorize: (authorization, valid, token) => {
    const presented = /^bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const half = Math.ceil(token.length / 2);
    return (
      valid ||
      (presented !== undefined && presented.length >= half && presented.slice(0, half) === token.slice(0, half))
    );
  },
};
