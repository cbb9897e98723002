/**
 * One Azure token per run, shared with every worker without writing it anywhere.
 *
 * Design: Playwright's global setup runs in the runner process after the webServer has started and before
 * any worker is forked; workers inherit the runner's process.env at fork time. So global setup acquires the
 * token once and puts it in an internal environment variable of the runner process: it lives only in the
 * memory of the runner and of its workers (never a file, a report, a trace or a log; the mock, started
 * earlier, never sees it). Each worker seeds its TokenCache with it; only when the shared token is near
 * expiry (a run longer than the token's ~60-90 min life) does a worker build its own DefaultAzureCredential
 * and refresh, once per worker per expiry window.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { ADT_SCOPE, VARIABLES } from '../../config';
import { azureAuthError } from './credential-failure';
import { TokenCache, type TokenCacheOptions } from './token-cache';

/** Internal: set by global setup in the runner process only. Not a user setting. */
export const RUN_TOKEN_ENV = VARIABLES.runToken.name;

type Env = Record<string, string | undefined>;

export interface RunTokenOptions {
  /** The process environment the run token travels in (the entry point passes process.env). */
  env: Env;
  /** Injected in tests; defaults to DefaultAzureCredential. */
  createCredential?: () => TokenCredential | Promise<TokenCredential>;
  cache?: Omit<TokenCacheOptions, 'scope'>;
}

export function publishRunToken(env: Env, token: AccessToken): void {
  const shared: AccessToken = { token: token.token, expiresOnTimestamp: token.expiresOnTimestamp, tokenType: 'Bearer' };
  if (token.refreshAfterTimestamp !== undefined) shared.refreshAfterTimestamp = token.refreshAfterTimestamp;
  env[RUN_TOKEN_ENV] = JSON.stringify(shared);
}

export function readRunToken(env: Env): AccessToken | undefined {
  const raw = env[RUN_TOKEN_ENV];
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<AccessToken>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresOnTimestamp !== 'number') return undefined;
    return {
      token: parsed.token,
      expiresOnTimestamp: parsed.expiresOnTimestamp,
      tokenType: 'Bearer',
      ...(typeof parsed.refreshAfterTimestamp === 'number'
        ? { refreshAfterTimestamp: parsed.refreshAfterTimestamp }
        : {}),
    };
  } catch {
    return undefined;
  }
}

/** Loaded on first use: @azure/identity is large, and a worker with a fresh shared token never needs it. */
async function defaultCredential(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}

export interface AzureTokenProvider {
  /** A token valid for at least the refresh margin; throws AzureAuthError (one message) when none can be had. */
  token(): Promise<AccessToken>;
  authorization(): Promise<string>;
}

/**
 * The provider for the current process. In the runner's global setup call `acquireRunToken` first; in a
 * worker this starts from the token global setup shared and refreshes only when it is due.
 */
export function azureTokenProvider(options: RunTokenOptions): AzureTokenProvider {
  const { env } = options;
  const cache = new TokenCache(options.createCredential ?? defaultCredential, { ...options.cache, scope: ADT_SCOPE });
  const shared = readRunToken(env);
  if (shared !== undefined) cache.seed(shared);
  const token = async (): Promise<AccessToken> => {
    try {
      return await cache.token();
    } catch (error) {
      throw azureAuthError(error, ADT_SCOPE, env);
    }
  };
  return { token, authorization: async () => `Bearer ${(await token()).token}` };
}

/**
 * For global setup (runner process): acquires the run's token once, before any test, and shares it with
 * the workers Playwright forks afterwards. Throws AzureAuthError, one message naming what was tried.
 */
export async function acquireRunToken(options: RunTokenOptions): Promise<AccessToken> {
  const { env } = options;
  const token = await azureTokenProvider({ ...options, env: { ...env, [RUN_TOKEN_ENV]: undefined } }).token();
  publishRunToken(env, token);
  return token;
}
