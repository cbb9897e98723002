import type { BenignQuirk } from '../quirk';

export const oneJobPerPage: BenignQuirk = {
  name: 'one-job-per-page',
  kind: 'benign',
  description:
    'Pages List one job at a time whatever max-items-per-page asks ("the server may return fewer"), each nextLink an absolute URL on the origin the client called.',
  pageSize: () => 1,
};
