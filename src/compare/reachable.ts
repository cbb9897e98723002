import net from 'node:net';
import { ConfigError } from '../config';
import type { TargetSpec } from './targets';

const CONNECT_TIMEOUT_MS = 5_000;

function defaultPort(url: URL): number {
  return url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** A TCP connection and nothing more: no request reaches the instance before its own run, with its own pacing. */
function connects(url: URL): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: defaultPort(url) });
    const done = (problem: string | undefined): void => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      done(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`);
    });
    socket.once('connect', () => {
      done(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      done(error.code ?? error.message);
    });
  });
}

/** Every URL target must accept a connection before any run starts, so a typo costs one message, not a run. */
export async function checkReachable(targets: readonly TargetSpec[]): Promise<void> {
  for (const target of targets) {
    if (target.kind !== 'url') continue;
    const url = new URL(target.baseUrl);
    const problem = await connects(url);
    if (problem !== undefined) {
      throw new ConfigError(
        `compare target "${target.label}"`,
        `${url.host} cannot be reached (${problem}).`,
        'check the URL and your network (VPN, proxy), or leave the target out.',
      );
    }
  }
}
