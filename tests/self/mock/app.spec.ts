import { createServer, type Server } from 'node:http';
import { createApp } from '../../../mock/app';
import { frozenClock } from '../../../mock/clock';
import { API, call, expect, test } from './fixtures';

/** The app is a plain request listener: any node:http server can host it, with no mock code listening. */
async function host(listener: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server };
}

test('createApp is a plain node:http listener that any server can host', async () => {
  const { url, server } = await host(createApp());
  try {
    const reply = await call(url, `/jobs/deletions/deletejob1?${API}`);
    expect(reply.status, 'served by a server the test built itself').toBe(200);
  } finally {
    server.close();
  }
});

test('two apps keep separate state, and an injected clock drives time from outside', async () => {
  const clocks: ReturnType<typeof frozenClock>[] = [];
  const first = await host(
    createApp({
      scenario: 'empty',
      createClock: (start) => {
        const clock = frozenClock(start);
        clocks.push(clock);
        return clock;
      },
    }),
  );
  const second = await host(createApp({ scenario: 'empty' }));
  try {
    await call(first.url, `/jobs/deletions?${API}`, { method: 'POST', headers: { 'operation-id': 'only-here' } });
    expect((await call(second.url, `/jobs/deletions/only-here?${API}`)).status, 'the other app never saw it').toBe(404);
    for (const clock of clocks) clock.advance(3_000);
    const job = (await call(first.url, `/jobs/deletions/only-here?${API}`)).json() as { status: string };
    expect(job.status, 'the test moved the injected clock past startAfterMs').toBe('running');
  } finally {
    first.server.close();
    second.server.close();
  }
});
