import { ConfigError, loadConfig, type SuiteConfig } from './config';
import { resolveLatencySettings, resolveTrafficSettings, type TrafficSettings } from './http/rate-limit';
import { OneMessageError, resolveSafetyPolicy } from './http/safety';

export interface RunConfiguration {
  suite: SuiteConfig;
  traffic: TrafficSettings;
}

/**
 * Every variable a conformance run reads, checked at once: playwright.config.ts runs this before anything starts,
 * and src/cli/conformance.ts before it clears the last run's reports, so a typo touches nothing.
 */
export function validateRunConfiguration(env: NodeJS.ProcessEnv = process.env): RunConfiguration {
  const suite = loadConfig();
  if (suite.target.kind === 'url') resolveSafetyPolicy(env, suite.target);
  resolveLatencySettings(env);
  return { suite, traffic: resolveTrafficSettings(env, suite.target.kind) };
}

/** The one message of a configuration problem, or undefined when the error is something else. */
export function configurationMessage(error: unknown): string | undefined {
  return error instanceof ConfigError || error instanceof OneMessageError ? `Configuration error: ${error.message}` : undefined;
}

/** One clear message and exit code 2 on bad configuration, before anything starts. */
export function runConfigurationOrExit(): RunConfiguration {
  try {
    return validateRunConfiguration();
  } catch (error) {
    const message = configurationMessage(error);
    if (message === undefined) throw error;
    process.stderr.write(`\n${message}\n\n`);
    process.exit(2);
  }
}
