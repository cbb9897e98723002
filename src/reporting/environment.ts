import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');
const DEFAULT_API_VERSION = '2023-10-31';
const BUNDLED_MOCK = 'bundled mock';

/** Origin and path only: credentials in the URL, query and fragment never reach a report. */
function displayTarget(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return 'invalid AZURE_DIGITALTWINS_URL (see the configuration error)';
  }
}

function suiteVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function gitCommit(env: NodeJS.ProcessEnv): string {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
      encoding: 'utf8',
    });
    return `${sha.trim()}${status.trim() === '' ? '' : ' (with local changes)'}`;
  } catch {
    return env.GITHUB_SHA ?? env.BUILD_SOURCEVERSION ?? env.CI_COMMIT_SHA ?? 'unknown';
  }
}

/** What the Allure environment widget and the matrix show about the run; never a secret. */
export function environmentInfo(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const url = env.AZURE_DIGITALTWINS_URL?.trim();
  const auth = env.ADT_AUTH?.trim();
  return {
    Target: url ? displayTarget(url) : BUNDLED_MOCK,
    'api-version': env.ADT_API_VERSION?.trim() || DEFAULT_API_VERSION,
    'Auth mode': auth || (url ? 'azure' : 'mock token'),
    'Suite version': suiteVersion(),
    'Git commit': gitCommit(env),
  };
}

/**
 * The folder name of a target's Allure history: the bundled mock, or the URL's host, plus the api-version. Runs
 * against different targets never share a history, so a failure on one target is never "flaky" on another.
 */
export function historyKey(environment: Readonly<Record<string, string>>): string {
  const target = environment.Target ?? '';
  let identity = 'bundled-mock';
  if (target !== BUNDLED_MOCK) {
    try {
      identity = new URL(target).host;
    } catch {
      identity = 'unknown-target';
    }
  }
  return `${identity}__api-${environment['api-version'] ?? DEFAULT_API_VERSION}`.replace(/[^A-Za-z0-9._-]/g, '_');
}
