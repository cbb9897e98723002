import type { AccessToken, TokenCredential } from '@azure/identity';

/** Refresh this long before expiry: Entra tokens live 60-90 min, and a request must not race the expiry. */
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 60_000;

export interface TokenCacheOptions {
  scope: string;
  refreshMarginMs?: number;
  acquireTimeoutMs?: number;
  now?: () => number;
}

export class TokenAcquisitionTimeout extends Error {
  override name = 'TokenAcquisitionTimeout';
}

/**
 * Holds one access token and asks the credential for a new one only when it is due: `margin` before
 * expiry, or at the token's own refreshAfterTimestamp. Concurrent callers share one acquisition. If a
 * refresh fails while the held token is still valid, the held token keeps serving (the next call retries).
 * The credential is created lazily, so a worker that never needs a refresh never builds one.
 */
export class TokenCache {
  private held: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;
  private credential: TokenCredential | undefined;
  private readonly margin: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly createCredential: () => TokenCredential | Promise<TokenCredential>,
    private readonly options: TokenCacheOptions,
  ) {
    this.margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.timeoutMs = options.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /** Starts from a token acquired elsewhere (the runner's global setup). */
  seed(token: AccessToken): void {
    this.held = token;
  }

  isDue(token: AccessToken | undefined = this.held): boolean {
    if (token === undefined) return true;
    const now = this.now();
    const refreshAfter = token.refreshAfterTimestamp;
    return now >= token.expiresOnTimestamp - this.margin || (refreshAfter !== undefined && now >= refreshAfter);
  }

  async token(): Promise<AccessToken> {
    const held = this.held;
    if (held !== undefined && !this.isDue(held)) return held;
    this.pending ??= this.acquire().finally(() => {
      this.pending = undefined;
    });
    try {
      this.held = await this.pending;
      return this.held;
    } catch (error) {
      if (held !== undefined && this.now() < held.expiresOnTimestamp) return held;
      throw error;
    }
  }

  private async acquire(): Promise<AccessToken> {
    this.credential ??= await this.createCredential();
    const credential = this.credential;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(new TokenAcquisitionTimeout(`no credential answered within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      const token = await Promise.race([credential.getToken(this.options.scope), timeout]);
      if (token === null) throw new Error('the credential returned no token');
      return token;
    } finally {
      clearTimeout(timer);
    }
  }
}
