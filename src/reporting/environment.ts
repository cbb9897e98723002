import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUNDLED_MOCK_TARGET,
  ciValue,
  JUDGED_TARGET_PREFIX,
  REPLAY_TARGET_PREFIX,
  DEFAULT_API_VERSION,
  describeTarget,
  type SuiteConfig,
} from '../config';
import { COMPILED, PACKAGE_ROOT } from '../package-root';
import { REQUIREMENTS } from '../requirements';

/** The environment's entry for the catalogue's size: how many requirements this version of the suite judges. */
export const CATALOGUE_SIZE = 'Requirements';

export function suiteVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Where the commit comes from when the report is built outside a git checkout (a CI artifact step). */
const CI_COMMIT_VARIABLES = ['GITHUB_SHA', 'BUILD_SOURCEVERSION', 'CI_COMMIT_SHA'] as const;

let commit: string | undefined;
/** The Git commit of a run of the installed command: its Suite version says which release ran. */
export const INSTALLED_COMMIT = 'none (installed package)';

/** Read once per process: the runner's reporters each ask for it, and git is a child process. */
function gitCommit(): string {
  // The installed package is no checkout: git there would name the commit of the user's own repository.
  commit ??= COMPILED ? INSTALLED_COMMIT : readGitCommit();
  return commit;
}

function readGitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
      encoding: 'utf8',
    });
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
      encoding: 'utf8',
    });
    return `${sha.trim()}${status.trim() === '' ? '' : ' (with local changes)'}`;
  } catch {
    return CI_COMMIT_VARIABLES.map((name) => ciValue(name)).find((value) => value !== undefined) ?? 'unknown';
  }
}

const AUTH_MODE: Record<SuiteConfig['auth']['kind'], string> = {
  azure: 'azure',
  token: 'token',
  none: 'none',
  mock: 'mock token',
};

/** What the Allure environment widget and the matrix show about the run; never a secret. */
export function environmentInfo(config: SuiteConfig): Record<string, string> {
  return {
    Target: describeTarget(config),
    'api-version': config.apiVersion,
    'Auth mode': config.replay?.judged === undefined ? AUTH_MODE[config.auth.kind] : 'as recorded',
    'Suite version': suiteVersion(),
    [CATALOGUE_SIZE]: String(REQUIREMENTS.length),
    'Git commit': gitCommit(),
  };
}

/** The Target of an npm run compare report: `compare: staging, mock`; each set of labels keeps its own history. */
export const COMPARE_TARGET_PREFIX = 'compare: ';

/**
 * The folder name of a target's Allure history: the bundled mock, or the URL's host, plus the api-version. Runs
 * against different targets never share a history, so a failure on one target is never "flaky" on another.
 */
export function historyKey(environment: Readonly<Record<string, string>>): string {
  const target = environment.Target ?? '';
  let identity = 'bundled-mock';
  if (target.startsWith(COMPARE_TARGET_PREFIX)) {
    identity = `compare-${target.slice(COMPARE_TARGET_PREFIX.length).replace(/, /g, '-vs-')}`;
  } else if (target.startsWith(REPLAY_TARGET_PREFIX)) {
    identity = 'replay';
  } else if (target.startsWith(JUDGED_TARGET_PREFIX)) {
    identity = 'judged';
  } else if (target !== BUNDLED_MOCK_TARGET) {
    try {
      identity = new URL(target).host;
    } catch {
      identity = 'unknown-target';
    }
  }
  return `${identity}__api-${environment['api-version'] ?? DEFAULT_API_VERSION}`.replace(/[^A-Za-z0-9._-]/g, '_');
}
