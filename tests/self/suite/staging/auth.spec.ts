/** Token caching, refresh and sharing, with injected credentials and clocks; the failure message. */
import { expect, test } from '@playwright/test';
import {
  AggregateAuthenticationError,
  CredentialUnavailableError,
  type AccessToken,
  type TokenCredential,
} from '@azure/identity';
import { describeCredentialFailure } from '../../../../src/suite/auth/credential-failure';
import {
  acquireRunToken,
  azureTokenProvider,
  publishRunToken,
  readRunToken,
  RUN_TOKEN_ENV,
} from '../../../../src/suite/auth/run-token';
import { TokenCache } from '../../../../src/suite/auth/token-cache';

const SCOPE = 'https://digitaltwins.azure.net/.default';
const MINUTE = 60_000;

/** A credential that hands out numbered tokens valid for `lifetimeMs`, and counts how often it was asked. */
function countingCredential(now: () => number, lifetimeMs = 60 * MINUTE): TokenCredential & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    getToken(scopes) {
      calls.push(String(scopes));
      return Promise.resolve({
        token: `token-${calls.length}`,
        expiresOnTimestamp: now() + lifetimeMs,
        tokenType: 'Bearer',
      });
    },
  };
}

function failingCredential(error: Error): TokenCredential {
  return { getToken: () => Promise.reject(error) };
}

function clock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

test.describe('TokenCache', () => {
  test('asks the credential once, for the ADT scope, while the token is fresh', async () => {
    const time = clock();
    const credential = countingCredential(time.now);
    const cache = new TokenCache(() => credential, { scope: SCOPE, now: time.now });
    expect((await cache.token()).token).toBe('token-1');
    time.advance(50 * MINUTE);
    expect((await cache.token()).token).toBe('token-1');
    expect(credential.calls).toEqual([SCOPE]);
  });

  test('refreshes within the margin before expiry (long runs)', async () => {
    const time = clock();
    const credential = countingCredential(time.now);
    const cache = new TokenCache(() => credential, { scope: SCOPE, now: time.now, refreshMarginMs: 5 * MINUTE });
    await cache.token();
    time.advance(56 * MINUTE);
    expect((await cache.token()).token, '4 minutes before expiry a new token is fetched').toBe('token-2');
  });

  test("honours the token's own refreshAfterTimestamp", async () => {
    const time = clock();
    const cache = new TokenCache(() => countingCredential(time.now), { scope: SCOPE, now: time.now });
    cache.seed({
      token: 'seeded',
      expiresOnTimestamp: time.now() + 60 * MINUTE,
      refreshAfterTimestamp: time.now() + 30 * MINUTE,
      tokenType: 'Bearer',
    });
    time.advance(31 * MINUTE);
    expect((await cache.token()).token).toBe('token-1');
  });

  test('concurrent callers share one acquisition', async () => {
    const time = clock();
    const credential = countingCredential(time.now);
    const cache = new TokenCache(() => credential, { scope: SCOPE, now: time.now });
    const tokens = await Promise.all([cache.token(), cache.token(), cache.token()]);
    expect(tokens.map((t) => t.token)).toEqual(['token-1', 'token-1', 'token-1']);
    expect(credential.calls).toHaveLength(1);
  });

  test('a seeded token is used without ever building a credential', async () => {
    const time = clock();
    let built = 0;
    const cache = new TokenCache(
      () => {
        built++;
        return countingCredential(time.now);
      },
      { scope: SCOPE, now: time.now },
    );
    cache.seed({ token: 'from-global-setup', expiresOnTimestamp: time.now() + 60 * MINUTE, tokenType: 'Bearer' });
    expect((await cache.token()).token).toBe('from-global-setup');
    expect(built, 'no DefaultAzureCredential is created in a worker with a fresh shared token').toBe(0);
  });

  test('a failed refresh keeps serving the held token until it really expires, then fails', async () => {
    const time = clock();
    const cache = new TokenCache(() => failingCredential(new Error('Entra is down')), { scope: SCOPE, now: time.now });
    cache.seed({ token: 'held', expiresOnTimestamp: time.now() + 3 * MINUTE, tokenType: 'Bearer' });
    expect((await cache.token()).token, 'due for refresh but still valid').toBe('held');
    time.advance(4 * MINUTE);
    await expect(cache.token()).rejects.toThrow('Entra is down');
  });

  test('a credential that never answers times out', async () => {
    const cache = new TokenCache(() => ({ getToken: () => new Promise<AccessToken>(() => undefined) }), {
      scope: SCOPE,
      acquireTimeoutMs: 50,
    });
    await expect(cache.token()).rejects.toThrow('no credential answered within 50 ms');
  });
});

test.describe('sharing one token per run', () => {
  test('publish and read round-trip through an environment object', () => {
    const env: Record<string, string | undefined> = {};
    publishRunToken(env, { token: 'abc', expiresOnTimestamp: 42, refreshAfterTimestamp: 21, tokenType: 'Bearer' });
    expect(readRunToken(env)).toEqual({
      token: 'abc',
      expiresOnTimestamp: 42,
      refreshAfterTimestamp: 21,
      tokenType: 'Bearer',
    });
    expect(readRunToken({ [RUN_TOKEN_ENV]: 'not json' })).toBeUndefined();
  });

  test('global setup acquires once and publishes; a worker provider then uses the shared token without asking again', async () => {
    const env: Record<string, string | undefined> = {};
    const credential = countingCredential(Date.now);
    await acquireRunToken({ env, createCredential: () => credential });
    const worker = azureTokenProvider({ env: { ...env }, createCredential: () => credential });
    expect(await worker.authorization()).toBe('Bearer token-1');
    expect(credential.calls, 'one acquisition for the whole run').toHaveLength(1);
  });

  test('global setup ignores a stale shared token left in its environment', async () => {
    const env: Record<string, string | undefined> = {
      [RUN_TOKEN_ENV]: JSON.stringify({ token: 'stale', expiresOnTimestamp: Date.now() + 60 * MINUTE }),
    };
    const credential = countingCredential(Date.now);
    expect((await acquireRunToken({ env, createCredential: () => credential })).token).toBe('token-1');
  });

  test('a worker whose shared token is near expiry re-acquires on its own', async () => {
    const env: Record<string, string | undefined> = {};
    publishRunToken(env, { token: 'shared', expiresOnTimestamp: Date.now() + MINUTE, tokenType: 'Bearer' });
    const credential = countingCredential(Date.now);
    expect(await azureTokenProvider({ env, createCredential: () => credential }).authorization()).toBe(
      'Bearer token-1',
    );
  });
});

test.describe('when no credential works', () => {
  const aggregate = new AggregateAuthenticationError(
    [
      new CredentialUnavailableError('EnvironmentCredential is unavailable. No underlying credential could be used.'),
      new CredentialUnavailableError('ManagedIdentityCredential: Network unreachable.'),
      new CredentialUnavailableError(
        "Azure CLI could not be found. Please visit https://aka.ms/azure-cli and then run 'az login'.",
      ),
    ],
    'ChainedTokenCredential authentication failed.',
  );

  test('one message: what was tried, what each said, and every fix', async () => {
    const provider = azureTokenProvider({ env: {}, createCredential: () => failingCredential(aggregate) });
    const error = (await provider.token().catch((e: unknown) => e)) as Error;
    expect(error.stack, 'printed without a stack trace').toBe(error.message);
    for (const expected of [
      'no Azure credential could get a token for https://digitaltwins.azure.net/.default',
      'EnvironmentCredential',
      'WorkloadIdentityCredential',
      'ManagedIdentityCredential',
      'AzureCliCredential',
      'ManagedIdentityCredential: Network unreachable.',
      '`az login`',
      'AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET',
      'id-token: write',
      'ADT_AUTH=token',
    ])
      expect(error.message, `mentions ${expected}`).toContain(expected);
  });

  test('AZURE_TOKEN_CREDENTIALS narrows what is listed as tried', () => {
    const message = describeCredentialFailure(aggregate, SCOPE, { AZURE_TOKEN_CREDENTIALS: 'prod' });
    expect(message).toContain('AZURE_TOKEN_CREDENTIALS=prod');
    expect(message).toContain('ManagedIdentityCredential: managed identity');
    expect(message).not.toContain('AzureCliCredential:');
  });

  test('a client secret or a JWT in an SDK message never reaches the output', () => {
    const secret = 'sup3r-s3cret-value';
    const jwt = 'eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl';
    const leaky = new Error(`AuthenticationError: invalid secret ${secret} for assertion ${jwt}`);
    const message = describeCredentialFailure(leaky, SCOPE, { AZURE_CLIENT_SECRET: secret });
    expect(message).not.toContain(secret);
    expect(message).not.toContain(jwt);
    expect(message).toContain('invalid secret <redacted>');
  });
});
