import { createServer, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import serveStatic from 'serve-static';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a generated report folder read-only on loopback (Allure 3 reports load their data over http, not file://),
 * with expressjs's serve-static: a malformed URL is a 400, a path outside the folder a 403, a missing file a 404.
 * Allure's own `allure open` listens on every interface and injects a live-reload script into the pages.
 */
export async function serveDirectory(root: string, port = 0, host = '127.0.0.1'): Promise<StaticServer> {
  const serve = serveStatic(root, { fallthrough: false, dotfiles: 'ignore' });
  const server = createServer((request, response) => {
    serve(request, response, (error?: { status?: number }) => {
      const status = error?.status ?? 404;
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(STATUS_CODES[status]);
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, host, ready);
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actualPort}/`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          done();
        });
        // A browser keeps its connections open: without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
