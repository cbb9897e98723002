import type { DefectQuirk } from '../quirk';
import type { JobJson } from './support';

export const listTimestampWithoutOffset: DefectQuirk = {
  name: 'list-timestamp-without-offset',
  kind: 'defect',
  targets: ['DJ-LIST-02'],
  description:
    'Sends the purgeDateTime of List entries without a UTC offset (2024-06-19T08:01:00), which is not RFC 3339; GetById stays correct.',
  collection: (body) => ({
    ...body,
    value: body.value.map((job) => {
      const purge = (job as JobJson).purgeDateTime;
      return typeof purge === 'string'
        ? { ...(job as JobJson), purgeDateTime: purge.replace(/(Z|[+-]\d{2}:\d{2})$/, '') }
        : job;
    }),
  }),
};
