import AllureReporter from 'allure-playwright';
import { loadConfig } from '../config';
import { environmentInfo } from './environment';

type AllureOptions = ConstructorParameters<typeof AllureReporter>[0];

/**
 * allure-playwright with the run's environment widget. The environment is built here, not in the reporter list,
 * because Playwright evaluates the config in every worker but constructs reporters only in the runner.
 */
export default class ConformanceAllureReporter extends AllureReporter {
  constructor(options: AllureOptions) {
    super({ ...options, environmentInfo: environmentInfo(loadConfig()) });
  }
}
