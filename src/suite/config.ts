import path from 'node:path';
import dotenv from 'dotenv';
import { MOCK_DEFAULT_TOKEN } from '../../mock/defaults';

export const DEFAULT_API_VERSION = '2023-10-31';
export const ADT_SCOPE = 'https://digitaltwins.azure.net/.default';
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** How the suite authenticates. `mock` is the bundled mock's public default token: not a secret. */
export type AuthConfig =
  | { kind: 'azure' }
  | { kind: 'token'; token: string }
  | { kind: 'mock'; token: string }
  | { kind: 'none' };

export type TargetConfig = { kind: 'url'; baseUrl: string } | { kind: 'bundled-mock' };

export interface SuiteConfig {
  target: TargetConfig;
  apiVersion: string;
  auth: AuthConfig;
  deleteJobId: string | undefined;
}

/** A configuration problem the user fixes by changing one variable; printed as one message, no stack. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
    readonly fix: string,
  ) {
    super(`${variable}: ${problem}\nFix: ${fix}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Data-plane routes of Azure Digital Twins: a base URL holding one points at an operation, not at the instance. */
const ADT_ROUTE_IN_PATH = /\/(?:jobs|digitaltwins|models|query|eventroutes)(?=\/|$)/i;

function parseTarget(env: Env): TargetConfig {
  const raw = nonEmpty(env.AZURE_DIGITALTWINS_URL);
  if (raw === undefined) return { kind: 'bundled-mock' };
  const example = 'AZURE_DIGITALTWINS_URL=https://myinstance.api.weu.digitaltwins.azure.net';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('AZURE_DIGITALTWINS_URL', `"${raw}" is not a URL.`, `set it to the instance's base URL, e.g. ${example}, or unset it to use the bundled mock.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('AZURE_DIGITALTWINS_URL', `"${raw}" uses ${url.protocol} but only https: and http: are supported.`, `use an https:// URL, e.g. ${example}.`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ConfigError('AZURE_DIGITALTWINS_URL', 'must be a base URL without credentials, query or fragment.', `remove everything after the host (and optional path prefix), e.g. ${example}.`);
  }
  const route = ADT_ROUTE_IN_PATH.exec(url.pathname)?.[0];
  if (route !== undefined) {
    throw new ConfigError('AZURE_DIGITALTWINS_URL', `the URL carries the path ${url.pathname.replace(/\/+$/, '')}, which includes the API route ${route}; the suite adds the routes itself.`, `the base URL is the host: set AZURE_DIGITALTWINS_URL=${url.origin}${url.pathname.slice(0, url.pathname.indexOf(route)).replace(/\/+$/, '')}.`);
  }
  return { kind: 'url', baseUrl: url.origin + url.pathname.replace(/\/+$/, '') };
}

function parseApiVersion(env: Env): string {
  const raw = nonEmpty(env.ADT_API_VERSION);
  if (raw === undefined) return DEFAULT_API_VERSION;
  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(raw)) {
    throw new ConfigError('ADT_API_VERSION', `"${raw}" is not an api-version (yyyy-mm-dd or yyyy-mm-dd-preview).`, `unset it to use ${DEFAULT_API_VERSION}, or set e.g. ADT_API_VERSION=${DEFAULT_API_VERSION}.`);
  }
  return raw;
}

function parseAuth(env: Env, target: TargetConfig): AuthConfig {
  const mode = nonEmpty(env.ADT_AUTH)?.toLowerCase();
  const token = nonEmpty(env.ADT_ACCESS_TOKEN);
  switch (mode) {
    case undefined:
      return target.kind === 'bundled-mock' ? { kind: 'mock', token: MOCK_DEFAULT_TOKEN } : { kind: 'azure' };
    case 'none':
      return { kind: 'none' };
    case 'azure':
      if (target.kind === 'bundled-mock') {
        throw new ConfigError('ADT_AUTH', '"azure" needs a real instance, but AZURE_DIGITALTWINS_URL is not set (the bundled mock only knows its own token).', 'set AZURE_DIGITALTWINS_URL to your instance, or unset ADT_AUTH to run against the bundled mock.');
      }
      return { kind: 'azure' };
    case 'token':
      if (token === undefined) {
        throw new ConfigError('ADT_ACCESS_TOKEN', 'is empty, but ADT_AUTH=token needs it.', 'set ADT_ACCESS_TOKEN to a bearer token (e.g. from `az account get-access-token --resource https://digitaltwins.azure.net`), or use ADT_AUTH=azure.');
      }
      if (/^bearer\s/i.test(token)) {
        throw new ConfigError('ADT_ACCESS_TOKEN', 'starts with "Bearer ", but the suite adds the scheme itself.', 'set ADT_ACCESS_TOKEN to the token alone, without the "Bearer " prefix.');
      }
      if (/\s/.test(token)) {
        throw new ConfigError('ADT_ACCESS_TOKEN', 'contains whitespace, so it cannot be a bearer token.', 'paste the token again as one line, without spaces or line breaks.');
      }
      return { kind: 'token', token };
    default:
      throw new ConfigError('ADT_AUTH', `"${env.ADT_AUTH ?? ''}" is not a known auth mode.`, 'set ADT_AUTH to azure, token or none (or unset it for the default).');
  }
}

/** Builds the configuration from an environment; throws ConfigError on the first problem. */
export function parseConfig(env: Env): SuiteConfig {
  const target = parseTarget(env);
  return {
    target,
    apiVersion: parseApiVersion(env),
    auth: parseAuth(env, target),
    deleteJobId: nonEmpty(env.ADT_DELETE_JOB_ID),
  };
}

let cached: SuiteConfig | undefined;

/** Reads `.env` (never overriding real variables) and the environment once per process. */
export function loadConfig(): SuiteConfig {
  if (cached) return cached;
  dotenv.config({ path: process.env.DOTENV_CONFIG_PATH ?? path.join(REPO_ROOT, '.env'), quiet: true });
  cached = parseConfig(process.env);
  return cached;
}

/** A one-line description of the target for logs and reports; never contains a secret. */
export function describeTarget(config: SuiteConfig): string {
  return config.target.kind === 'bundled-mock' ? 'bundled mock' : config.target.baseUrl;
}

/** Set by Playwright's webServer from the mock's ready line (named group `adt_mock_url`). */
export const MOCK_URL_ENV = 'ADT_MOCK_URL';

/** The base URL requests go to: the configured URL, or the bundled mock's URL once it has started. */
export function resolveBaseUrl(config: SuiteConfig): string {
  if (config.target.kind === 'url') return config.target.baseUrl;
  const mockUrl = nonEmpty(process.env[MOCK_URL_ENV]);
  if (mockUrl === undefined) {
    throw new Error(`The bundled mock's URL is unknown: ${MOCK_URL_ENV} was not set. Run the suite with \`npx playwright test\` so the webServer starts the mock, or set AZURE_DIGITALTWINS_URL.`);
  }
  return mockUrl.replace(/\/+$/, '');
}
