import type { IncomingMessage } from 'node:http';
import { JOB_TIMEOUT_MINUTES } from './defaults';
import type { QuirkHooks } from './quirks';
import type { Exchange, Responder } from './respond';
import { createdJob, phaseAt, type Phase, type World } from './store';

const JOBS_PATH = '/jobs/deletions';
const JOB_PATH_PREFIX = '/jobs/deletions/';
const READ_METHODS = 'GET, HEAD';
const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const WHOLE_NUMBER = /^\d{1,9}$/;
const MAX_PAGE_SIZE = 1000;
const MAX_OPERATION_ID_LENGTH = 128;
/** List pages remembered per world; the Host header is part of the key, so the count is bounded. */
const MAX_REMEMBERED_PAGES = 64;

/** A List page as sent, valid while the same phases (same objects, same order) make it up. */
interface RememberedPage {
  readonly phases: readonly Phase[];
  readonly body: string;
  readonly bytes: number;
}

function samePhases(a: readonly Phase[], b: readonly Phase[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** Where links the mock hands out point: the Host the client used, else the socket's own address. */
function originOf(req: IncomingMessage): string {
  const host = req.headers.host;
  if (host !== undefined && HOST_HEADER.test(host)) return `http://${host}`;
  const { localAddress = '127.0.0.1', localPort } = req.socket;
  return `http://${localAddress.includes(':') ? `[${localAddress}]` : localAddress}:${localPort ?? 80}`;
}

/** `max-items-per-page` is a hint ("the server may return fewer"); unusable values fall back to the default. */
function pageSize(raw: string | string[] | undefined, fallback: number): number {
  if (typeof raw !== 'string' || !WHOLE_NUMBER.test(raw.trim())) return fallback;
  const size = Number(raw.trim());
  return size === 0 ? fallback : Math.min(size, MAX_PAGE_SIZE);
}

/** The three Delete Jobs operations. Job JSON is serialized once per job state, a List page once per set of states. */
export class Operations {
  private readonly pages = new WeakMap<World, Map<string, RememberedPage>>();

  constructor(
    private readonly hooks: QuirkHooks,
    private readonly respond: Responder,
  ) {}

  route(x: Exchange, world: World, apiVersion: string): void {
    const method = x.req.method ?? '';
    if (x.path.startsWith(JOB_PATH_PREFIX)) {
      const raw = x.path.slice(JOB_PATH_PREFIX.length);
      if (raw.includes('/')) {
        this.respond.error(x, 'MockRouteNotFound');
      } else if (method !== 'GET' && method !== 'HEAD') {
        this.respond.error(x, 'MockMethodNotAllowed', { headers: ['allow', READ_METHODS] });
      } else {
        x.route = 'getById';
        this.getById(x, world, raw);
      }
    } else if (x.path === JOBS_PATH) {
      if (method === 'GET' || method === 'HEAD') {
        x.route = 'list';
        this.list(x, world, apiVersion);
      } else if (method === 'POST') {
        x.route = 'add';
        this.add(x, world, apiVersion);
      } else {
        this.respond.error(x, 'MockMethodNotAllowed', { headers: ['allow', 'GET, HEAD, POST'] });
      }
    } else {
      this.respond.error(x, 'MockRouteNotFound');
    }
  }

  /** The phase's JSON, serialized (with its byte length) the first time it is asked for. */
  private jsonOf(phase: Phase): string {
    if (phase.json === undefined) {
      phase.json = JSON.stringify(this.hooks.job ? this.hooks.job(phase.body) : phase.body);
      phase.bytes = Buffer.byteLength(phase.json);
    }
    return phase.json;
  }

  private getById(x: Exchange, world: World, raw: string): void {
    let id = raw;
    if (raw.includes('%')) {
      try {
        id = decodeURIComponent(raw);
      } catch {
        this.respond.error(x, 'MockMalformedPercentEncoding');
        return;
      }
    }
    x.id = id;
    const exact = world.find(id);
    const job = this.hooks.findJob ? this.hooks.findJob(id, exact, world) : exact;
    const phase = job && phaseAt(job, world.clock.now());
    if (phase) this.respond.json(x, 200, this.jsonOf(phase), [], phase.bytes);
    else this.respond.error(x, 'DeleteJobNotFound');
  }

  private list(x: Exchange, world: World, apiVersion: string): void {
    const params = new URLSearchParams(x.query);
    const token = params.get('continuationToken');
    if (token !== null && !WHOLE_NUMBER.test(token)) {
      this.respond.error(x, 'MockInvalidContinuationToken');
      return;
    }
    const now = world.clock.now();
    const jobs = world.visible(now);
    const offset = token === null ? 0 : Number(token);
    const size = pageSize(x.req.headers['max-items-per-page'], world.scenario.pageSize);
    const end = offset + (this.hooks.pageSize ? this.hooks.pageSize(size) : size);
    const nextLink =
      end < jobs.length
        ? `${originOf(x.req)}${JOBS_PATH}?api-version=${encodeURIComponent(apiVersion)}&continuationToken=${end}`
        : null;
    const phases: Phase[] = [];
    for (const job of jobs.slice(offset, end)) {
      const phase = phaseAt(job, now);
      if (phase) phases.push(phase);
    }
    if (this.hooks.collection) {
      const value = phases.map((phase) => JSON.parse(this.jsonOf(phase)) as unknown);
      this.respond.json(x, 200, JSON.stringify(this.hooks.collection({ value, nextLink })));
      return;
    }
    const page = this.rememberedPage(world, offset, nextLink, phases);
    this.respond.json(x, 200, page.body, [], page.bytes);
  }

  private rememberedPage(world: World, offset: number, nextLink: string | null, phases: Phase[]): RememberedPage {
    let pages = this.pages.get(world);
    if (!pages) this.pages.set(world, (pages = new Map<string, RememberedPage>()));
    const key = `${offset} ${nextLink ?? ''}`;
    const known = pages.get(key);
    if (known && samePhases(known.phases, phases)) return known;
    const body = `{"value":[${phases.map((phase) => this.jsonOf(phase)).join(',')}],"nextLink":${JSON.stringify(nextLink)}}`;
    const page = { phases, body, bytes: Buffer.byteLength(body) };
    if (pages.size >= MAX_REMEMBERED_PAGES) pages.clear();
    pages.set(key, page);
    return page;
  }

  private add(x: Exchange, world: World, apiVersion: string): void {
    const timeout = new URLSearchParams(x.query).get('timeoutInMinutes');
    let timeoutMinutes: number = JOB_TIMEOUT_MINUTES.default;
    if (timeout !== null) {
      timeoutMinutes = WHOLE_NUMBER.test(timeout) ? Number(timeout) : NaN;
      if (!(timeoutMinutes >= JOB_TIMEOUT_MINUTES.min && timeoutMinutes <= JOB_TIMEOUT_MINUTES.max)) {
        this.respond.error(x, 'ValidationFailed', {
          detail: `timeoutInMinutes must be a whole number from ${JOB_TIMEOUT_MINUTES.min} to ${JOB_TIMEOUT_MINUTES.max}.`,
        });
        return;
      }
    }
    const operationId = x.req.headers['operation-id'];
    const requestedId = typeof operationId === 'string' && operationId.trim() !== '' ? operationId.trim() : undefined;
    if (requestedId !== undefined && requestedId.length > MAX_OPERATION_ID_LENGTH) {
      this.respond.error(x, 'ValidationFailed', {
        detail: `operation-id must be at most ${MAX_OPERATION_ID_LENGTH} characters.`,
      });
      return;
    }
    if (requestedId !== undefined && world.find(requestedId)) {
      this.respond.error(x, 'ValidationFailed', { detail: 'operation-id already exists.' });
      return;
    }
    const now = world.clock.now();
    if (world.hasActiveJob(now)) {
      this.respond.error(x, 'JobLimitReached');
      return;
    }
    let id = requestedId;
    while (id === undefined || world.find(id)) id = world.nextGeneratedId();
    const job = createdJob(id, now, timeoutMinutes * 60_000, world.lifecycle);
    world.add(job);
    const first = phaseAt(job, now);
    const location = `${originOf(x.req)}${JOBS_PATH}/${encodeURIComponent(id)}?api-version=${encodeURIComponent(apiVersion)}`;
    this.respond.json(x, 202, first ? this.jsonOf(first) : '{}', ['operation-location', location, 'operation-id', id]);
  }
}
