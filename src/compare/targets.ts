/**
 * What `npm run compare` is asked to compare, parsed into a typed list before anything starts. Every mistake is a
 * ConfigError: one message naming the argument and the fix, exit 2.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { ConfigError, DECLARED_NAMES, VARIABLES } from '../config';
import { allVariants } from '../verify/variants';
import { commandLine } from '../../mock/contract';

export type TargetSpec =
  | { readonly kind: 'mock'; readonly label: string; readonly quirks: readonly string[] }
  | { readonly kind: 'url'; readonly label: string; readonly baseUrl: string }
  | { readonly kind: 'har'; readonly label: string; readonly file: string };

export interface CompareRequest {
  readonly targets: readonly TargetSpec[];
  /** Per-target variables (from --env and --target-env-file), applied over the run's own settings. */
  readonly overrides: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Where the comparison goes; each target's own reports go in a folder named after its label inside it. */
  readonly outDir: string | undefined;
  /** Playwright options after a second `--`, given to every run alike (e.g. --grep). */
  readonly playwrightArgs: readonly string[];
  readonly help: boolean;
}

export const COMPARE_USAGE = `Usage: ${commandLine('compare', '[options] <target> <target> [<target> ...]')}

A target is one of (optionally prefixed with a label, e.g. staging=https://...):
  mock                    the bundled mock
  mock+QUIRK[+QUIRK...]   the bundled mock with quirks (a quirk it does not know lists them)
  https://HOST            an instance, with this run's auth settings (ADT_AUTH, ADT_ACCESS_TOKEN, .env)
  FILE.har                a recording, replayed by the mock

Options:
  --env LABEL:NAME=VALUE  a variable for one target only, e.g. --env staging:ADT_AUTH=azure (repeatable)
  --target-env-file LABEL=FILE
                          a .env file for one target only (repeatable); put credentials here
  --out DIR               where the comparison goes; default <ADT_REPORTS_DIR>/compare
  --help                  this text
  -- PLAYWRIGHT OPTIONS   after the targets, given to every run alike, e.g. -- --grep @DJ-404

Exit code: 0 every target got the same verdict for every requirement; 1 they differ (or a run broke);
2 configuration error.`;

const TARGET_ENV_FILE = '--target-env-file';
const OPTIONS = {
  env: { type: 'string', multiple: true },
  'target-env-file': { type: 'string', multiple: true },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const MOCK_PATTERN = /^mock(\+.*)?$/;
/** Variables compare sets itself for every target; an override would break the comparison, not steer it. */
const COMPARE_OWNED = new Set([
  VARIABLES.reportsDir.name,
  VARIABLES.exchangesHar.name,
  VARIABLES.compareTarget.name,
  VARIABLES.dotenvPath.name,
]);

function targetError(argument: string, problem: string, fix: string): ConfigError {
  return new ConfigError(`compare target "${argument}"`, problem, fix);
}

function knownQuirks(): Set<string> {
  return new Set(allVariants().flatMap((variant) => variant.quirks));
}

function mockTarget(argument: string, body: string, label: string | undefined): TargetSpec {
  const quirks = body.split('+').slice(1);
  const known = knownQuirks();
  const empty = quirks.some((quirk) => quirk === '');
  const unknown = quirks.filter((quirk) => quirk !== '' && !known.has(quirk));
  if (empty)
    throw targetError(
      argument,
      'has an empty quirk name.',
      'write mock+QUIRK[+QUIRK...], e.g. mock+error-code-header-mismatch.',
    );
  if (unknown.length > 0) {
    throw targetError(
      argument,
      `names unknown quirk(s): ${unknown.join(', ')}.`,
      `use a quirk of the bundled mock: ${[...known].sort().join(', ')}.`,
    );
  }
  return { kind: 'mock', label: label ?? body, quirks };
}

function urlTarget(argument: string, body: string, label: string | undefined): TargetSpec {
  try {
    const parsed = VARIABLES.url.parse(body);
    return { kind: 'url', label: label ?? new URL(parsed.baseUrl).host.replace(/:/g, '_'), baseUrl: parsed.baseUrl };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw targetError(
      argument,
      error.message.replace(/^AZURE_DIGITALTWINS_URL: /, '').replace(/\nFix: [\s\S]*$/, ''),
      'give the base URL of the instance: https:// and the host, e.g. https://myinstance.api.weu.digitaltwins.azure.net.',
    );
  }
}

function harTarget(argument: string, body: string, label: string | undefined, cwd: string): TargetSpec {
  const file = path.resolve(cwd, body);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw targetError(
      argument,
      `the recording ${file} does not exist.`,
      `name a recording a suite run wrote (reports/exchanges.har of a finished ${commandLine('conformance')}).`,
    );
  }
  return { kind: 'har', label: label ?? path.basename(body, '.har'), file };
}

export function parseTarget(argument: string, cwd: string): TargetSpec {
  const labelled = /^([A-Za-z0-9][A-Za-z0-9._+-]*)=(.+)$/.exec(argument);
  const label = labelled?.[1];
  const body = labelled?.[2] ?? argument;
  if (MOCK_PATTERN.test(body)) return mockTarget(argument, body, label);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(body)) return urlTarget(argument, body, label);
  if (body.toLowerCase().endsWith('.har')) return harTarget(argument, body, label, cwd);
  throw targetError(
    argument,
    'is neither mock, mock+QUIRK, an http(s) URL nor a .har file.',
    'write e.g. mock, mock+error-code-header-mismatch, staging=https://myinstance.api.weu.digitaltwins.azure.net or recording.har.',
  );
}

function addOverride(
  overrides: Map<string, Record<string, string>>,
  label: string,
  name: string,
  value: string,
  source: string,
): void {
  if (!DECLARED_NAMES.includes(name)) {
    throw new ConfigError(
      source,
      `${name} is not a variable of this suite.`,
      'use a variable listed in docs/configuration.md, e.g. ADT_AUTH or ADT_ACCESS_TOKEN.',
    );
  }
  if (COMPARE_OWNED.has(name)) {
    throw new ConfigError(
      source,
      `${name} is set by ${commandLine('compare')} for each target.`,
      `remove it; use --out to choose where the comparison goes.`,
    );
  }
  overrides.set(label, { ...overrides.get(label), [name]: value });
}

function parseEnvOption(raw: string, overrides: Map<string, Record<string, string>>): void {
  const match = /^([^:=]+):([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw);
  if (!match?.[1] || !match[2])
    throw new ConfigError('--env', `"${raw}" is not LABEL:NAME=VALUE.`, 'write e.g. --env staging:ADT_AUTH=azure.');
  addOverride(overrides, match[1], match[2], match[3] ?? '', `--env ${match[1]}:${match[2]}`);
}

function parseEnvFileOption(raw: string, overrides: Map<string, Record<string, string>>, cwd: string): void {
  const match = /^([^=]+)=(.+)$/.exec(raw);
  if (!match?.[1] || !match[2])
    throw new ConfigError(
      TARGET_ENV_FILE,
      `"${raw}" is not LABEL=FILE.`,
      `write e.g. ${TARGET_ENV_FILE} staging=.env.staging.`,
    );
  const file = path.resolve(cwd, match[2]);
  if (!existsSync(file))
    throw new ConfigError(`${TARGET_ENV_FILE} ${raw}`, `${file} does not exist.`, 'name an existing .env file.');
  for (const [name, value] of Object.entries(dotenv.parse(readFileSync(file))))
    addOverride(overrides, match[1], name, value, `${TARGET_ENV_FILE} ${raw}`);
}

function checkTargets(targets: readonly TargetSpec[], overrides: ReadonlyMap<string, unknown>): void {
  if (targets.length < 2) {
    throw new ConfigError(
      commandLine('compare'),
      `needs at least two targets, got ${targets.length}.`,
      `name two or more, e.g. ${commandLine('compare', 'mock mock+error-code-header-mismatch')}.`,
    );
  }
  const seen = new Set<string>();
  for (const target of targets) {
    if (!LABEL_PATTERN.test(target.label)) {
      throw new ConfigError(
        `compare target label "${target.label}"`,
        'holds characters a folder name cannot.',
        'give the target a label of letters, digits, ".", "_", "+" and "-": label=TARGET.',
      );
    }
    if (seen.has(target.label)) {
      throw new ConfigError(
        `compare target label "${target.label}"`,
        'is used by two targets, so their reports would overwrite each other.',
        `give one of them its own label, e.g. ${target.label}-2=...`,
      );
    }
    seen.add(target.label);
  }
  for (const label of overrides.keys()) {
    if (!seen.has(label))
      throw new ConfigError(
        `--env/${TARGET_ENV_FILE} ${label}`,
        `no target is labelled "${label}".`,
        `use one of the labels: ${[...seen].join(', ')}.`,
      );
  }
}

/**
 * Node 20 reads `--env-file` anywhere on its command line, after the script name too: it exits 9 before this code
 * runs. The npm script ends in `--`, where Node stops looking, so the old spelling reaches this message instead.
 */
function oldEnvFileSpelling(argv: readonly string[]): void {
  const end = argv.indexOf('--');
  const old = (end === -1 ? argv : argv.slice(0, end)).find(
    (argument) => argument === '--env-file' || argument.startsWith('--env-file='),
  );
  if (old !== undefined) {
    throw new ConfigError(
      '--env-file',
      'was renamed: Node 20 reads --env-file itself, as its own option.',
      `write ${TARGET_ENV_FILE} LABEL=FILE, e.g. ${TARGET_ENV_FILE} staging=.env.staging.`,
    );
  }
}

function parsedArgv(argv: readonly string[]) {
  oldEnvFileSpelling(argv);
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, tokens: true });
  } catch (error) {
    const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1] ?? commandLine('compare');
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new ConfigError(option, 'needs a value.', `see ${commandLine('compare', '--help')} for ${option}.`);
    }
    throw new ConfigError(
      option,
      `is not an option of ${commandLine('compare')}.`,
      `see ${commandLine('compare', '--help')}.`,
    );
  }
}

/** `argv` as the script gets it, after the `--` the npm script puts first (see oldEnvFileSpelling). */
export function parseCompareArgs(argv: readonly string[], cwd: string): CompareRequest {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values, positionals, tokens } = parsedArgv(args);
  const overrides = new Map<string, Record<string, string>>();
  for (const raw of values.env ?? []) parseEnvOption(raw, overrides);
  for (const raw of values['target-env-file'] ?? []) parseEnvFileOption(raw, overrides, cwd);
  const terminator = tokens.find((token) => token.kind === 'option-terminator');
  const targetArgs =
    terminator === undefined
      ? positionals
      : tokens.flatMap((token) => (token.kind === 'positional' && token.index < terminator.index ? [token.value] : []));
  const playwrightArgs = terminator === undefined ? [] : args.slice(terminator.index + 1);
  const help = values.help ?? false;
  const targets = help ? [] : targetArgs.map((argument) => parseTarget(argument, cwd));
  if (!help) checkTargets(targets, overrides);
  return {
    targets,
    overrides,
    outDir: values.out === undefined ? undefined : path.resolve(cwd, values.out),
    playwrightArgs,
    help,
  };
}
