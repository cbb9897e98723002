import type { Exchange, Responder } from './respond';
import { parseRfc3339 } from './timestamps';
import type { Worlds } from './worlds';

const WHOLE_NUMBER = /^\d{1,15}$/;

/**
 * Mock-only routes, scoped to the (scenario, session) of the request:
 * GET /mock/clock, POST /mock/clock?advanceMs=N | ?set=<RFC 3339>, POST /mock/reset.
 */
export function handleControl(
  x: Exchange,
  respond: Responder,
  worlds: Worlds,
  scenario: string,
  session: string,
): void {
  const method = x.req.method;
  const world = x.world;
  if (!world) return;
  const nowBody = (): string => JSON.stringify({ now: new Date(world.clock.now()).toISOString(), scenario, session });
  if (x.path === '/mock/clock') {
    if (method === 'GET') {
      respond.json(x, 200, nowBody());
      return;
    }
    if (method !== 'POST') {
      respond.error(x, 'MockMethodNotAllowed', { headers: ['allow', 'GET, POST'] });
      return;
    }
    const params = new URLSearchParams(x.query);
    const advance = params.get('advanceMs');
    const set = params.get('set');
    const setMs = set === null ? undefined : parseRfc3339(set);
    if (advance !== null && set === null && WHOLE_NUMBER.test(advance)) world.clock.advance(Number(advance));
    else if (advance === null && setMs !== undefined) world.clock.set(setMs);
    else {
      respond.error(x, 'MockInvalidClockRequest');
      return;
    }
    respond.json(x, 200, nowBody());
  } else if (x.path === '/mock/reset') {
    if (method !== 'POST') {
      respond.error(x, 'MockMethodNotAllowed', { headers: ['allow', 'POST'] });
      return;
    }
    worlds.reset(scenario, session);
    respond.json(x, 200, JSON.stringify({ reset: true, scenario, session }));
  } else {
    respond.error(x, 'MockRouteNotFound');
  }
}
