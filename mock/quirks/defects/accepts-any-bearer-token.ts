import type { DefectQuirk } from '../quirk';

export const acceptsAnyBearerToken: DefectQuirk = {
  name: 'accepts-any-bearer-token',
  kind: 'defect',
  targets: ['DJ-AUTH-02', 'DJ-AUTH-03'],
  description: 'Accepts any non-empty bearer token without checking it.',
  authorize: (authorization, valid) => valid || /^bearer\s+\S/i.test(authorization ?? ''),
};
