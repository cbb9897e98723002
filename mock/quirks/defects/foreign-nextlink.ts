import type { DefectQuirk } from '../quirk';

const PUBLIC_HOST = 'https://myinstance.api.weu.digitaltwins.azure.net';

export const foreignNextlink: DefectQuirk = {
  name: 'foreign-nextlink',
  kind: 'defect',
  targets: ['DJ-LIST-01'],
  description:
    'Points nextLink at a fixed public host instead of the host the client called, so the next page cannot be reached.',
  collection: (body) => ({ ...body, nextLink: body.nextLink?.replace(/^https?:\/\/[^/]+/, PUBLIC_HOST) ?? null }),
};
