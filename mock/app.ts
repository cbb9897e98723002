import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { clockFor, type Clock, type ClockMode } from './clock';
import { MOCK_DEFAULT_TOKEN } from './contract';
import {
  MOCK_DEFAULT_SCENARIO,
  MOCK_FAULT_HEADER,
  MOCK_SCENARIO_HEADER,
  MOCK_SESSION_HEADER,
  SUPPORTED_API_VERSIONS,
} from './defaults';
import { faultMessage, injectedErrorCode, parseFault, type Fault } from './faults';
import { handleControl } from './control';
import { Operations } from './operations';
import { composeHooks, quirksNamed, type QuirkHooks } from './quirks';
import { Responder, type Exchange } from './respond';
import { loadScenarios, type Lifecycle, type Scenario } from './scenarios';
import { didYouMean } from './suggest';
import { apiVersionVerdict, isAuthorized } from './validate';
import { spanIdSource, traceresponseFor } from './trace';
import { Worlds } from './worlds';

export interface MockOptions {
  /** Scenario served when a request names none (default `default`). */
  scenario?: string;
  /** A folder of more scenario files, read beside the built-in ones (fixtures/scenarios). */
  scenarioDir?: string;
  /** Already loaded scenarios; skips reading scenarioDir. */
  scenarios?: ReadonlyMap<string, Scenario>;
  token?: string;
  /** `frozen` (default): time stands still until moved through /mock/clock. `realtime`: time flows. */
  clock?: ClockMode;
  /** Injects a clock for every world; wins over `clock`. */
  createClock?: (startMs: number) => Clock;
  /** Overrides the scenario's "now" (ms since the epoch). */
  nowMs?: number;
  /** Overrides the scenario's lifecycle durations for jobs created through Add. */
  lifecycle?: Partial<Lifecycle>;
  /** A fault applied to every request without its own x-mock-fault header (same grammar). */
  fault?: string;
  /** Quirk names (defect modes and benign variants); none in normal runs. */
  quirks?: readonly string[];
  /** Receives one line per request; never the Authorization value. */
  log?: (line: string) => void;
  /** How many (scenario, session) worlds are kept before the oldest is forgotten. */
  maxSessions?: number;
}

/** A setting the mock cannot start with; the message names the option and the fix. */
export class MockConfigError extends Error {}

const HEALTHZ_BODY = '{"status":"ok"}';

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function runFault(spec: string | undefined): Fault | undefined {
  if (spec === undefined || spec === '') return undefined;
  const fault = parseFault(spec);
  if ('problem' in fault) throw new MockConfigError(faultMessage('Fault', spec, fault.problem));
  return fault;
}

interface Pipeline {
  worlds: Worlds;
  defaultScenario: string;
  token: string;
  hooks: QuirkHooks;
  respond: Responder;
  operations: Operations;
}

function serve(p: Pipeline, x: Exchange): void {
  const { req } = x;
  const valid = isAuthorized(req.headers.authorization, p.token);
  if (!(p.hooks.authorize ? p.hooks.authorize(req.headers.authorization, valid, p.token) : valid)) {
    p.respond.unauthorized(x);
    return;
  }
  const traceError = p.hooks.checkTrace?.(header(req, 'traceparent'), header(req, 'tracestate'));
  if (traceError) {
    p.respond.error(x, traceError);
    return;
  }
  const scenario = header(req, MOCK_SCENARIO_HEADER)?.trim() || p.defaultScenario;
  const session = header(req, MOCK_SESSION_HEADER) ?? '';
  const world = p.worlds.get(scenario, session);
  if (!world) {
    const asked = scenario.slice(0, 100);
    p.respond.error(x, 'MockUnknownScenario', {
      detail: `No scenario named ${JSON.stringify(asked)}.${didYouMean(asked, p.worlds.scenarioNames())}`,
    });
    return;
  }
  x.world = world;
  if (x.path.startsWith('/mock/')) {
    x.route = 'control';
    handleControl(x, p.respond, p.worlds, scenario, session);
    return;
  }
  const verdict = apiVersionVerdict(x.query);
  const versionError = p.hooks.checkApiVersion ? p.hooks.checkApiVersion(verdict) : verdict.error;
  if (versionError) {
    p.respond.error(x, versionError);
    return;
  }
  // A quirk may accept a version the mock would reject; links then carry the version the mock serves.
  const served = verdict.error === undefined ? verdict.values[0] : undefined;
  p.operations.route(x, world, served ?? SUPPORTED_API_VERSIONS[0]);
}

function withFault(p: Pipeline, x: Exchange, fault: Fault): void {
  if (fault.drop) {
    p.respond.drop(x);
  } else if (fault.status !== undefined) {
    const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
    const headers = retryAfter === undefined ? [] : ['retry-after', String(retryAfter)];
    p.respond.error(x, injectedErrorCode(fault.status), { status: fault.status, headers });
  } else {
    x.truncate = fault.truncate;
    serve(p, x);
  }
}

/**
 * The mock as a plain node:http request listener, built apart from any listening socket.
 * Order of checks, like Azure: faults, auth, api-version, then routing.
 */
export function createApp(options: MockOptions = {}): RequestListener {
  const scenarios = options.scenarios ?? loadScenarios(options.scenarioDir);
  const defaultScenario = options.scenario ?? MOCK_DEFAULT_SCENARIO;
  if (!scenarios.has(defaultScenario)) {
    const known = [...scenarios.keys()];
    throw new MockConfigError(
      `Unknown scenario "${defaultScenario}".${didYouMean(defaultScenario, known)} Known scenarios: ${known.join(', ')}`,
    );
  }
  const hooks = composeHooks(quirksNamed(options.quirks ?? []));
  const respond = new Responder(hooks, options.log);
  const pipeline: Pipeline = {
    worlds: new Worlds({
      scenarios,
      createClock: options.createClock ?? clockFor(options.clock ?? 'frozen'),
      ...(options.nowMs === undefined ? {} : { nowMs: options.nowMs }),
      ...(options.lifecycle === undefined ? {} : { lifecycle: options.lifecycle }),
      maxSessions: options.maxSessions ?? 1000,
    }),
    defaultScenario,
    token: options.token ?? MOCK_DEFAULT_TOKEN,
    hooks,
    respond,
    operations: new Operations(hooks, respond),
  };
  const everyRequestFault = runFault(options.fault);
  const guarded = (x: Exchange, step: () => void): void => {
    try {
      step();
    } catch (error) {
      // A bug must surface as an answer, never as a crash of a shared server.
      respond.error(x, 'MockInternalError', { detail: `The mock failed: ${(error as Error).message}` });
    }
  };
  const nextSpanId = spanIdSource();

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const x: Exchange = {
      req,
      res,
      started: options.log ? performance.now() : 0,
      path: mark === -1 ? url : url.slice(0, mark),
      query: mark === -1 ? '' : url.slice(mark + 1),
      traceresponse: traceresponseFor(req.headers.traceparent, nextSpanId),
      truncate: false,
      route: 'none',
    };
    guarded(x, () => {
      if (x.path === '/healthz') {
        x.route = 'healthz';
        respond.json(x, 200, HEALTHZ_BODY);
        return;
      }
      const faultHeader = header(req, MOCK_FAULT_HEADER);
      const fault = faultHeader === undefined ? everyRequestFault : parseFault(faultHeader);
      if (!fault) {
        serve(pipeline, x);
      } else if ('problem' in fault) {
        respond.error(x, 'MockInvalidFaultHeader', {
          detail: faultMessage(`The ${MOCK_FAULT_HEADER} header`, faultHeader ?? '', fault.problem),
        });
      } else if (fault.latencyMs > 0) {
        setTimeout(() => {
          guarded(x, () => {
            withFault(pipeline, x, fault);
          });
        }, fault.latencyMs);
      } else {
        withFault(pipeline, x, fault);
      }
    });
  };
}
