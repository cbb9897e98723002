/** Loopback servers for the staging self tests: real sockets on ephemeral ports, nothing mocked in-process. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface LoopbackServer {
  url: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse, index: number) => void;

async function listen(
  server: http.Server | https.Server,
  scheme: 'http' | 'https',
  requests: RecordedRequest[],
): Promise<LoopbackServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Starts an HTTP server that records every request (method, url, headers) before handing it to `handler`. */
export function startServer(handler: Handler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    handler(request, response, requests.length - 1);
  });
  return listen(server, 'http', requests);
}

export function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** A self-signed certificate for 127.0.0.1, made fresh with openssl for each run (never committed). */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'adt-selfsigned-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function startHttpsServer(handler: Handler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = https.createServer(selfSignedCertificate(), (request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    handler(request, response, requests.length - 1);
  });
  return listen(server, 'https', requests);
}

/** A loopback port that was free a moment ago and now has no listener: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return `http://127.0.0.1:${port}`;
}

/** A fake JWT (unsigned) carrying the given claims, for tests of what a 401/403 message says. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.signature`;
}

/**
 * Records every request, then forwards it unchanged to `upstream` (e.g. an in-process bundled mock); a request
 * `neverAnswer` picks is accepted and left without a response, as a hanging target would.
 */
export function startRecordingProxy(
  upstream: string,
  neverAnswer: (url: string) => boolean = () => false,
): Promise<LoopbackServer> {
  const target = new URL(upstream);
  return startServer((request, response) => {
    if (neverAnswer(request.url ?? '')) return;
    const forwarded = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
      },
    );
    forwarded.on('error', () => {
      response.destroy();
    });
    request.pipe(forwarded);
  });
}

/**
 * A stand-in for the Azure Instance Metadata Service (managed identity). DefaultAzureCredential uses it
 * when AZURE_POD_IDENTITY_AUTHORITY_HOST points here: the real credential chain, end to end, on loopback.
 */
export function startFakeImds(answer: { token: string } | { status: number }): Promise<LoopbackServer> {
  return startServer((_request, response) => {
    if ('status' in answer) {
      sendJson(response, answer.status, { error: 'invalid_request', error_description: 'Identity not found' });
      return;
    }
    const expiresOn = Math.floor(Date.now() / 1000) + 3600;
    sendJson(response, 200, {
      access_token: answer.token,
      expires_in: '3600',
      expires_on: String(expiresOn),
      resource: 'https://digitaltwins.azure.net',
      token_type: 'Bearer',
    });
  });
}
