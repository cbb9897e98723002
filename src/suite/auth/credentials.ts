import { azureTokenProvider } from './run-token';
import type { AuthConfig } from '../config';
import { registerSecret } from '../http/redact';

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

function staticBearer(token: string, description: string): Credential {
  registerSecret(token);
  return { holdsCredential: true, description, authorization: () => Promise.resolve(`Bearer ${token}`) };
}

/** One token per run, acquired in globalSetup and shared with workers; see src/suite/auth/run-token.ts. */
function azureCredential(): Credential {
  const provider = azureTokenProvider();
  return {
    holdsCredential: true,
    description: 'azure (DefaultAzureCredential)',
    async authorization() {
      const token = await provider.token();
      registerSecret(token.token);
      return `Bearer ${token.token}`;
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
