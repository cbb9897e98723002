import type { Clock } from './clock';
import { PURGE_AFTER_MS } from './defaults';
import { JOB_TIMEOUT_ERROR } from './errors';
import type { DeleteJobBody, JobStatus, Lifecycle, Scenario } from './scenarios';
import { formatServiceTimestamp, parseRfc3339 } from './timestamps';

/** One state of a job, from a moment on; its JSON is serialized once, on first use. */
export interface Phase {
  readonly from: number;
  readonly body: DeleteJobBody;
  json?: string;
  bytes?: number;
}

/** A job's whole life, known when it is created: the mock never mutates a job afterwards. */
export interface Job {
  readonly id: string;
  readonly phases: readonly Phase[];
  /** The purge moment: from then on the job is gone and reads give 404. */
  readonly goneAt: number;
}

export function phaseAt(job: Job, now: number): Phase | undefined {
  if (now >= job.goneAt) return undefined;
  for (let index = job.phases.length - 1; index >= 0; index--) {
    const phase = job.phases[index];
    if (phase && phase.from <= now) return phase;
  }
  return job.phases[0];
}

const ACTIVE: ReadonlySet<JobStatus> = new Set(['notstarted', 'running']);

function seededJob(body: DeleteJobBody): Job {
  return { id: body.id, phases: [{ from: -Infinity, body }], goneAt: parseRfc3339(body.purgeDateTime) ?? Infinity };
}

/** notstarted → running → succeeded, or failed when the timeout comes first (counted from creation). */
export function createdJob(id: string, createdAt: number, timeoutMs: number, lifecycle: Lifecycle): Job {
  const created = formatServiceTimestamp(createdAt);
  const startAt = createdAt + lifecycle.startAfterMs;
  const doneAt = startAt + lifecycle.runMs;
  const timedOut = doneAt > createdAt + timeoutMs;
  const finishedAt = timedOut ? createdAt + timeoutMs : doneAt;
  const pending = (status: JobStatus): DeleteJobBody => ({
    id,
    createdDateTime: created,
    purgeDateTime: formatServiceTimestamp(createdAt + PURGE_AFTER_MS),
    status,
  });
  const error = timedOut ? JOB_TIMEOUT_ERROR : lifecycle.failure;
  const finished: DeleteJobBody = {
    id,
    createdDateTime: created,
    finishedDateTime: formatServiceTimestamp(finishedAt),
    purgeDateTime: formatServiceTimestamp(finishedAt + PURGE_AFTER_MS),
    status: error ? 'failed' : 'succeeded',
  };
  if (error) finished.error = { ...error };
  const phases: Phase[] = [{ from: createdAt, body: pending('notstarted') }];
  if (startAt < finishedAt) phases.push({ from: startAt, body: pending('running') });
  phases.push({ from: finishedAt, body: finished });
  return { id, phases, goneAt: finishedAt + PURGE_AFTER_MS };
}

/** The jobs of one scenario for one session, with that session's clock. */
export class World {
  private readonly jobs = new Map<string, Job>();
  private generated = 0;

  constructor(
    readonly scenario: Scenario,
    readonly clock: Clock,
    readonly lifecycle: Lifecycle,
  ) {
    for (const body of scenario.jobs) this.jobs.set(body.id, seededJob(body));
  }

  /** Byte-for-byte id lookup; purged jobs are not found. */
  find(id: string): Job | undefined {
    const job = this.jobs.get(id);
    return job && this.clock.now() < job.goneAt ? job : undefined;
  }

  /** Every job that still exists, seeded ones first, then in creation order. */
  visible(now: number): Job[] {
    const visible: Job[] = [];
    for (const job of this.jobs.values()) if (now < job.goneAt) visible.push(job);
    return visible;
  }

  hasActiveJob(now: number): boolean {
    for (const job of this.jobs.values()) {
      const phase = phaseAt(job, now);
      if (phase && ACTIVE.has(phase.body.status)) return true;
    }
    return false;
  }

  /** A deterministic GUID-shaped id, so runs stay reproducible. */
  nextGeneratedId(): string {
    this.generated += 1;
    return `00000000-0000-4000-8000-${this.generated.toString(16).padStart(12, '0')}`;
  }

  add(job: Job): void {
    const now = this.clock.now();
    for (const [id, old] of this.jobs) if (now >= old.goneAt) this.jobs.delete(id);
    this.jobs.set(job.id, job);
  }
}
