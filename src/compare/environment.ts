/**
 * Each target's run is an ordinary suite run with its own environment: the run's settings (the caller's
 * environment, .env already loaded), what picks the target, the target's overrides, and its own reports folder.
 */
import path from 'node:path';
import { MOCK_ENV } from '../../mock/contract';
import { ConfigError, EXCHANGES_HAR, parseConfig, VARIABLES, type Audience, type SuiteConfig } from '../config';
import type { TargetSpec } from './targets';

export interface TargetRun {
  readonly target: TargetSpec;
  readonly environment: NodeJS.ProcessEnv;
  readonly reportsDir: string;
  readonly config: SuiteConfig;
}

/**
 * Settings of a real instance that would point the bundled mock elsewhere or pace it like staging. The api-version
 * stays: it is the run's choice, and a mock that rejects it is a real difference.
 */
const INSTANCE_ONLY_AUDIENCES: readonly Audience[] = ['target', 'staging'];
const KEPT_FOR_MOCK = new Set([VARIABLES.apiVersion.name]);

function without(env: NodeJS.ProcessEnv, names: Iterable<string>): NodeJS.ProcessEnv {
  const dropped = new Set(names);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !dropped.has(name)));
}

function withoutInstanceSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dropped = new Set(
    Object.values(VARIABLES)
      .filter(
        (declaration) => INSTANCE_ONLY_AUDIENCES.includes(declaration.audience) && !KEPT_FOR_MOCK.has(declaration.name),
      )
      .map((declaration) => declaration.name),
  );
  for (const name of Object.values(MOCK_ENV)) dropped.add(name);
  return without(env, dropped);
}

function targetSettings(target: TargetSpec, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  switch (target.kind) {
    case 'mock':
      return {
        ...withoutInstanceSettings(base),
        ...(target.quirks.length > 0 ? { [MOCK_ENV.quirks]: target.quirks.join(',') } : {}),
      };
    case 'url':
      // A recording named for the whole run would turn this instance into a replay.
      return { ...without(base, [VARIABLES.replayFile.name]), [VARIABLES.url.name]: target.baseUrl };
    case 'har':
      // The replay takes target, auth and pacing from the recording itself.
      return { ...withoutInstanceSettings(base), [VARIABLES.replayFile.name]: target.file };
  }
}

/**
 * The whole environment of one target's run, validated as the suite will validate it (so a bad override stops the
 * comparison before any run starts). `base` is the caller's environment with its .env already applied.
 */
export function targetRun(
  target: TargetSpec,
  base: NodeJS.ProcessEnv,
  overrides: Readonly<Record<string, string>>,
  outDir: string,
): TargetRun {
  const reportsDir = path.join(outDir, target.label);
  const environment: NodeJS.ProcessEnv = {
    ...targetSettings(target, base),
    ...overrides,
    [VARIABLES.reportsDir.name]: reportsDir,
    [VARIABLES.compareTarget.name]: target.label,
    // The exchange diff reads every target's recording, a replay's included (a replay records only when asked).
    [VARIABLES.exchangesHar.name]: path.join(reportsDir, EXCHANGES_HAR),
    // The .env was read once, into `base`; read again, it would bring back what a mock target leaves out.
    [VARIABLES.dotenvPath.name]: path.join(outDir, 'no-such.env'),
    NO_COLOR: '1',
  };
  try {
    return { target, environment, reportsDir, config: parseConfig(environment) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      `compare target "${target.label}": ${error.variable}`,
      error.message.replace(/^[^:]*: /, '').replace(/\nFix: [\s\S]*$/, ''),
      error.fix,
    );
  }
}
