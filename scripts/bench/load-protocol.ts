/** Messages between the bench and its load-generator child process. */

export interface LoadJob {
  id: number;
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSec: number;
}

export interface LoadResult {
  id: number;
  responses: number;
  durationSec: number;
  requestsPerSec: number;
  /** Latency percentiles in milliseconds, from every response's own timing (sub-millisecond precision). */
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** CPU milliseconds the load generator itself used during the measured run. */
  loadGeneratorCpuMs: number;
}

export interface LoadFailure {
  id: number;
  error: string;
}

export type WorkerReply = LoadResult | LoadFailure;

export function isFailure(reply: WorkerReply): reply is LoadFailure {
  return 'error' in reply;
}
