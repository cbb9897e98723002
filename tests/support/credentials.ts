import type { AccessToken, TokenCredential } from '@azure/identity';
import { ADT_SCOPE, type AuthConfig } from './config';
import { registerSecret } from './redact';

/** Where the suite's own bearer token comes from. The token itself never leaves this object unredacted. */
export interface Credential {
  /** True when the suite sends a credential, so unauthenticated requests are expected to get 401. */
  readonly holdsCredential: boolean;
  /** The full Authorization header value, or undefined when the suite runs without auth. */
  authorization(): Promise<string | undefined>;
  /** How the token came, for reports: never the token. */
  readonly description: string;
}

export class CredentialError extends Error {
  override name = 'CredentialError';
}

const REFRESH_MARGIN_MS = 5 * 60_000;

function staticBearer(token: string, description: string): Credential {
  registerSecret(token);
  return { holdsCredential: true, description, authorization: () => Promise.resolve(`Bearer ${token}`) };
}

function azureCredential(): Credential {
  // Loaded on first use: the package is large, and every Playwright worker (restarted after each failure) pays for it.
  let credential: TokenCredential | undefined;
  let current: AccessToken | undefined;
  let pending: Promise<AccessToken> | undefined;
  const fetchToken = async (): Promise<AccessToken> => {
    try {
      credential ??= new (await import('@azure/identity')).DefaultAzureCredential();
      const token = await credential.getToken(ADT_SCOPE);
      if (!token) throw new Error('the credential returned no token');
      registerSecret(token.token);
      return token;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
      throw new CredentialError(
        `ADT_AUTH=azure: no Azure credential could get a token for ${ADT_SCOPE} (${reason}).\n` +
          'Fix: run `az login`, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, ' +
          'or use ADT_AUTH=token with ADT_ACCESS_TOKEN.',
      );
    }
  };
  return {
    holdsCredential: true,
    description: 'azure (DefaultAzureCredential)',
    async authorization() {
      if (!current || current.expiresOnTimestamp - Date.now() < REFRESH_MARGIN_MS) {
        pending ??= fetchToken().finally(() => (pending = undefined));
        current = await pending;
      }
      return `Bearer ${current.token}`;
    },
  };
}

export function credentialFor(auth: AuthConfig): Credential {
  switch (auth.kind) {
    case 'none':
      return { holdsCredential: false, description: 'none', authorization: () => Promise.resolve(undefined) };
    case 'token':
      return staticBearer(auth.token, 'token (ADT_ACCESS_TOKEN)');
    case 'mock':
      return staticBearer(auth.token, "bundled mock's default token");
    case 'azure':
      return azureCredential();
  }
}
