// The floor for mock throughput: a bare node:http server answering every request with one constant JSON body.
import http from 'node:http';
import { parseFlag } from './options';

const BODY = Buffer.from(
  JSON.stringify({
    id: 'bench-job-0001',
    status: 'succeeded',
    createdDateTime: '2023-10-31T00:00:00Z',
    finishedDateTime: '2023-10-31T00:05:00Z',
    purgeDateTime: '2023-11-30T00:05:00Z',
  }),
);
const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(BODY.length) };

const port = Number(parseFlag(process.argv.slice(2), '--port') ?? '0');
const host = parseFlag(process.argv.slice(2), '--host') ?? '127.0.0.1';

const server = http.createServer((_request, response) => {
  response.writeHead(200, HEADERS);
  response.end(BODY);
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
