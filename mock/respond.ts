import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_CATALOGUE, errorResponseBody, UNAUTHORIZED_BODY, type ErrorCode } from './errors';
import type { QuirkHooks, RequestFacts, ResponseDraft } from './quirks';
import type { World } from './store';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** One request on its way through the mock. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly started: number;
  readonly path: string;
  readonly query: string;
  traceresponse: string | undefined;
  truncate: boolean;
  route: RequestFacts['route'];
  id?: string;
  world?: World;
}

export interface ErrorOptions {
  status?: number;
  detail?: string;
  headers?: string[];
}

const MAX_LOGGED_URL = 300;

/** The default ErrorResponse bodies, serialized once. */
const ERROR_JSON = new Map<string, string>(
  Object.keys(ERROR_CATALOGUE).map((code) => [code, JSON.stringify(errorResponseBody(code as ErrorCode))]),
);

function draftOf(status: number, headers: string[], body: string): ResponseDraft {
  const record: Record<string, string> = {};
  for (let index = 0; index < headers.length; index += 2) record[headers[index] ?? ''] = headers[index + 1] ?? '';
  return { status, headers: record, body };
}

/** Writes every response of the mock, so headers, quirks, truncation and logging live in one place. */
export class Responder {
  constructor(
    private readonly hooks: QuirkHooks,
    private readonly log: ((line: string) => void) | undefined,
  ) {}

  /** `bytes` is the body's UTF-8 length when the caller has it cached. */
  json(x: Exchange, status: number, body: string, headers: string[] = [], bytes?: number): void {
    headers.push('content-type', JSON_CONTENT_TYPE);
    this.write(x, status, headers, body, bytes);
  }

  error(x: Exchange, code: ErrorCode, options: ErrorOptions = {}): void {
    let body =
      options.detail === undefined
        ? (ERROR_JSON.get(code) ?? '')
        : JSON.stringify(errorResponseBody(code, options.detail));
    if (this.hooks.errorBody)
      body = JSON.stringify(this.hooks.errorBody(JSON.parse(body) as ReturnType<typeof errorResponseBody>, code));
    const headers = options.headers ?? [];
    headers.push('content-type', JSON_CONTENT_TYPE, 'x-ms-error-code', code);
    this.write(x, options.status ?? ERROR_CATALOGUE[code].status, headers, body);
  }

  /** The live 401: its own body shape, no x-ms-error-code. */
  unauthorized(x: Exchange): void {
    this.write(x, 401, ['content-type', JSON_CONTENT_TYPE, 'www-authenticate', 'Bearer'], UNAUTHORIZED_BODY);
  }

  /** Closes the connection without an answer (the `drop` fault). */
  drop(x: Exchange): void {
    x.req.socket.destroy();
    this.log?.(`${x.req.method ?? '?'} ${x.req.url?.slice(0, MAX_LOGGED_URL) ?? ''} dropped`);
  }

  /**
   * Bodies stay strings: Node then sends head and body in one write, where a Buffer body costs a writev.
   */
  private write(x: Exchange, status: number, headers: string[], text: string, bytes?: number): void {
    let body: string | Buffer = text;
    if (x.res.destroyed || x.res.headersSent) return;
    if (x.traceresponse !== undefined) headers.push('traceresponse', x.traceresponse);
    if (this.hooks.response) {
      // Node's own Date header is out of a hook's reach: the draft carries it, so a quirk may change or drop it.
      headers.push('date', new Date().toUTCString());
      x.res.sendDate = false;
      const draft = draftOf(status, headers, body);
      this.hooks.response(draft, {
        method: x.req.method ?? '',
        path: x.path,
        query: x.query,
        headers: x.req.headers,
        route: x.route,
        ...(x.id === undefined ? {} : { id: x.id }),
        app: this,
      });
      headers = Object.entries(draft.headers).flatMap(([name, value]) => [name, value]);
      status = draft.status;
      body = draft.bodyBytes ?? draft.body;
      bytes = undefined;
    }
    const length = bytes ?? Buffer.byteLength(body);
    headers.push('content-length', String(length));
    x.res.writeHead(status, headers);
    if (x.truncate) {
      x.res.write(Buffer.from(body).subarray(0, length >> 1), () => x.res.destroy());
    } else {
      x.res.end(body);
    }
    this.log?.(
      `${x.req.method ?? '?'} ${x.req.url?.slice(0, MAX_LOGGED_URL) ?? ''} ${status}${x.truncate ? ' truncated' : ''} ${(performance.now() - x.started).toFixed(1)}ms`,
    );
  }
}
