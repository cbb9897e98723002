// The floor for mock throughput: a bare node:http server answering each request with a constant response.
// Given --responses FILE (written by the bench from the mock's own answers), it sends, for each path, the very
// status, headers and body the mock sent, so both servers move the same bytes and only the mock's logic differs.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseFlag } from './options';

export interface ConstantResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Prepared {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const DEFAULT_BODY = JSON.stringify({
  id: 'bench-job-0001',
  status: 'succeeded',
  createdDateTime: '2023-10-31T00:00:00Z',
  finishedDateTime: '2023-10-31T00:05:00Z',
  purgeDateTime: '2023-11-30T00:05:00Z',
});

function prepare(response: ConstantResponse): Prepared {
  const body = Buffer.from(response.body);
  return { status: response.status, headers: { ...response.headers, 'content-length': String(body.length) }, body };
}

const argv = process.argv.slice(2);
const port = Number(parseFlag(argv, '--port') ?? '0');
const host = parseFlag(argv, '--host') ?? '127.0.0.1';
const responsesFile = parseFlag(argv, '--responses');
const byPath = new Map<string, Prepared>(
  responsesFile === undefined
    ? []
    : Object.entries(JSON.parse(readFileSync(responsesFile, 'utf8')) as Record<string, ConstantResponse>).map(
        ([url, response]) => [url, prepare(response)],
      ),
);
const fallback = prepare({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: DEFAULT_BODY,
});

const server = http.createServer((request, response) => {
  const answer = byPath.get(request.url ?? '') ?? fallback;
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
});
server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  process.stdout.write(`bare node:http listening on http://${host}:${actualPort}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
  });
}
