/**
 * Turns a DefaultAzureCredential failure (usually an AggregateAuthenticationError holding one error per
 * credential in the chain) into ONE message: what was tried, why each failed, and how to fix it.
 */
import { OneMessageError } from '../../config';

export class AzureAuthError extends OneMessageError {}

type Env = Record<string, string | undefined>;

/** The DefaultAzureCredential chain of @azure/identity 4.x, and what makes each one work. */
const CHAIN: readonly { name: string; group: 'prod' | 'dev'; works: string }[] = [
  {
    name: 'EnvironmentCredential',
    group: 'prod',
    works:
      'service principal from AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)',
  },
  {
    name: 'WorkloadIdentityCredential',
    group: 'prod',
    works: 'workload identity federation (AZURE_FEDERATED_TOKEN_FILE, e.g. on AKS)',
  },
  {
    name: 'ManagedIdentityCredential',
    group: 'prod',
    works: 'managed identity of the Azure VM / App Service / self-hosted agent',
  },
  { name: 'VisualStudioCodeCredential', group: 'dev', works: 'VS Code Azure Resources sign-in' },
  { name: 'AzureCliCredential', group: 'dev', works: '`az login` (also what azure/login and AzureCLI@2 set up in CI)' },
  { name: 'AzurePowerShellCredential', group: 'dev', works: 'Connect-AzAccount' },
  { name: 'AzureDeveloperCliCredential', group: 'dev', works: '`azd auth login`' },
];

function chainFor(env: Env): typeof CHAIN {
  const selected = env.AZURE_TOKEN_CREDENTIALS?.trim().toLowerCase();
  if (selected === undefined || selected === '') return CHAIN;
  if (selected === 'prod' || selected === 'dev') return CHAIN.filter((entry) => entry.group === selected);
  return CHAIN.filter((entry) => entry.name.toLowerCase() === selected);
}

function innerErrors(error: unknown): unknown[] {
  const errors = (error as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.length > 0 ? errors : [error];
}

/** The first sentence of an SDK message (the rest is troubleshooting links), without the error-class prefix, secrets or JWTs. */
function reason(error: unknown, env: Env): string {
  const raw = error instanceof Error ? error.message : String(error);
  let text = (raw.split('\n')[0] ?? '')
    .replace(/^(CredentialUnavailableError|AuthenticationError|Error):\s*/, '')
    .trim();
  text = /^.*?\.(?=\s|$)/.exec(text)?.[0] ?? text;
  const secret = env.AZURE_CLIENT_SECRET;
  if (secret !== undefined && secret.length >= 4) text = text.split(secret).join('<redacted>');
  text = text.replace(/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '<redacted>');
  return text.length > 220 ? `${text.slice(0, 220)}…` : text;
}

export function describeCredentialFailure(error: unknown, scope: string, env: Env): string {
  const tried = chainFor(env).map((entry) => `  - ${entry.name}: ${entry.works}`);
  const reasons = innerErrors(error).map((inner) => `  - ${reason(inner, env)}`);
  const selection = env.AZURE_TOKEN_CREDENTIALS?.trim();
  return [
    `ADT_AUTH=azure: no Azure credential could get a token for ${scope}, so no test ran.`,
    `Tried, in order (DefaultAzureCredential${selection ? `, AZURE_TOKEN_CREDENTIALS=${selection}` : ''}):`,
    ...tried,
    'What each said:',
    ...reasons,
    'Fix, whichever fits:',
    "  - on your machine: `az login` (and `az account set --subscription <id>` for the instance's tenant/subscription)",
    '  - service principal: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET',
    '  - CI: workload identity federation (GitHub Actions: azure/login with `permissions: id-token: write`; Azure Pipelines: AzureCLI@2 with a workload identity service connection), see ci-templates/',
    '  - or bring your own token: set ADT_ACCESS_TOKEN (with ADT_AUTH unset, or ADT_AUTH=token)',
  ].join('\n');
}

export function azureAuthError(error: unknown, scope: string, env: Env): AzureAuthError {
  return new AzureAuthError(describeCredentialFailure(error, scope, env));
}
