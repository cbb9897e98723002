import type { DefectQuirk } from '../quirk';

/** The last segment of /jobs/deletions/<id> once %2F is a separator, dot segments are resolved and slashes merged. */
function normalisedId(id: string): string | undefined {
  const segments: string[] = [];
  for (const segment of `jobs/deletions/${id}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const [jobs, deletions, only, ...rest] = segments;
  return jobs === 'jobs' && deletions === 'deletions' && only !== undefined && rest.length === 0 ? only : undefined;
}

export const normalisesEncodedSlashes: DefectQuirk = {
  name: 'normalises-encoded-slashes',
  kind: 'defect',
  targets: ['DJ-404-06'],
  description:
    'Treats a decoded %2F in the id as a path separator and normalises the path (merged slashes, dot segments, trailing slash), as a gateway unescaping slashes does, so x%2F..%2Fdeletejob1 is answered with deletejob1.',
  findJob: (id, found, world) => {
    if (found || !id.includes('/')) return found;
    const normalised = normalisedId(id);
    return normalised === undefined ? undefined : world.find(normalised);
  },
};
