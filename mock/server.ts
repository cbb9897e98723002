import { createServer, STATUS_CODES, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createApp, type MockOptions } from './app';
import { ERROR_CATALOGUE, errorResponseBody, type ErrorCode } from './errors';
import { JSON_CONTENT_TYPE } from './respond';

export interface ServerOptions extends MockOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Serves this listener instead of the stateful mock (the replay of a recording). */
  app?: RequestListener;
}

export interface RunningMock {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Large enough for real Entra ID tokens; beyond it the client gets a 431, not a crash. */
const MAX_HEADER_BYTES = 32 * 1024;

function rawErrorResponse(code: ErrorCode): string {
  const body = JSON.stringify(errorResponseBody(code));
  const { status } = ERROR_CATALOGUE[code];
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    `content-type: ${JSON_CONTENT_TYPE}`,
    `x-ms-error-code: ${code}`,
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '',
    body,
  ].join('\r\n');
}

const HEADER_TOO_LARGE = rawErrorResponse('MockRequestHeaderTooLarge');
const BAD_REQUEST = rawErrorResponse('MockBadRequest');

/** Requests Node cannot even parse (unknown methods, oversized headers) still get a catalogue error. */
function answerUnparsable(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  socket.end(error.code === 'HPE_HEADER_OVERFLOW' ? HEADER_TOO_LARGE : BAD_REQUEST);
}

export async function startMockServer(options: ServerOptions = {}): Promise<RunningMock> {
  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, keepAliveTimeout: 5_000 },
    options.app ?? createApp(options),
  );
  server.on('clientError', answerUnparsable);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
