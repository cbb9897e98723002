import type { DefectQuirk } from '../quirk';

const JWT_SHAPED = /^bearer\s+[\w-]+\.[\w-]+\.[\w-]+$/i;

export const unverifiedJwtSignature: DefectQuirk = {
  name: 'unverified-jwt-signature',
  kind: 'defect',
  targets: ['DJ-AUTH-02'],
  description: 'Accepts any well-formed JWT as a bearer token without verifying its signature.',
  authorize: (authorization, valid) => valid || JWT_SHAPED.test(authorization ?? ''),
};
