import { formatServiceTimestamp, parseRfc3339 } from '../../timestamps';
import type { ResponseHook } from './support';
import { onGetByIdJob } from './support';

/**
 * Rewrites finishedDateTime of every finished job on GetById. Only that one property is touched, so a
 * broken format shows up in the format and ordering checks and nowhere else.
 */
export function rewriteFinished(rewrite: (serviceStyle: string) => string): ResponseHook {
  return onGetByIdJob((job) => {
    const finished = typeof job.finishedDateTime === 'string' ? parseRfc3339(job.finishedDateTime) : undefined;
    return finished === undefined ? job : { ...job, finishedDateTime: rewrite(formatServiceTimestamp(finished)) };
  });
}
