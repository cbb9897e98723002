import { formatServiceTimestamp, parseRfc3339 } from '../../timestamps';
import type { ResponseHook } from './support';
import { onGetByIdJob } from './support';

/**
 * Rewrites finishedDateTime of failed jobs on GetById. Only that one property of a few jobs is touched, so a
 * broken format shows up in the format and ordering checks and nowhere else, in few tests.
 */
export function rewriteFinished(rewrite: (serviceStyle: string) => string): ResponseHook {
  return onGetByIdJob((job) => {
    const finished =
      job.status === 'failed' && typeof job.finishedDateTime === 'string'
        ? parseRfc3339(job.finishedDateTime)
        : undefined;
    return finished === undefined ? job : { ...job, finishedDateTime: rewrite(formatServiceTimestamp(finished)) };
  });
}
