/**
 * A small recording proxy, as a team's gateway or a debugging proxy would be: it forwards every request to a
 * target and writes HAR 1.2 the way such tools do (another creator, its own host in the URLs, bodies decoded, the
 * request headers it saw plus its own), and knows nothing of this suite's recording format. The URLs name the proxy,
 * as the client saw it, so the nextLinks the target built from the Host header match them.
 */
import http from 'node:http';
import type net from 'node:net';
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';

export interface RecordingProxy {
  url: string;
  har: () => unknown;
  close: () => Promise<void>;
}

function decoded(body: Buffer, coding: string | undefined): Buffer {
  try {
    if (coding === 'gzip') return gunzipSync(body);
    if (coding === 'deflate') return inflateSync(body);
    if (coding === 'br') return brotliDecompressSync(body);
  } catch {
    return body;
  }
  return body;
}

const pairs = (headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): { name: string; value: string }[] =>
  Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : [value].flat().map((one) => ({ name, value: String(one) })),
  );

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const entries: unknown[] = [];
  let origin = '';
  const server = http.createServer((request, response) => {
    const started = new Date();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const upstream = http.request(
        new URL(request.url ?? '/', target),
        { method: request.method, headers: request.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            const bytes = Buffer.concat(body);
            const coding = answer.headers['content-encoding'];
            const text = decoded(bytes, typeof coding === 'string' ? coding : undefined);
            const url = `${origin}${request.url ?? '/'}`;
            entries.push({
              startedDateTime: started.toISOString(),
              time: Date.now() - started.getTime(),
              request: {
                method: request.method,
                url,
                httpVersion: `HTTP/${request.httpVersion}`,
                cookies: [],
                headers: [...pairs(request.headers), { name: 'x-forwarded-for', value: '203.0.113.7' }],
                queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
                headersSize: -1,
                bodySize: 0,
              },
              response: {
                status: answer.statusCode ?? 0,
                statusText: answer.statusMessage ?? '',
                httpVersion: `HTTP/${answer.httpVersion}`,
                cookies: [],
                headers: pairs(answer.headers),
                content: {
                  size: text.length,
                  mimeType: answer.headers['content-type'] ?? '',
                  text: text.toString('base64'),
                  encoding: 'base64',
                },
                redirectURL: '',
                headersSize: -1,
                bodySize: bytes.length,
              },
              cache: {},
              timings: { send: 0, wait: Date.now() - started.getTime(), receive: 0 },
            });
            response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
            response.end(bytes);
          });
        },
      );
      upstream.on('error', () => response.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    har: () => ({
      log: { version: '1.2', creator: { name: 'self-test-recording-proxy', version: '0.1' }, pages: [], entries },
    }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
