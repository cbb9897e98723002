import type { TestCase, TestResult } from '@playwright/test/reporter';
import { ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE } from 'allure-js-commons/sdk/reporter';
import AllureReporter from 'allure-playwright';
import { handOver, loadConfig } from '../config';
import { environmentInfo } from './environment';
import { allureMetadataOf } from './metadata';

type AllureOptions = ConstructorParameters<typeof AllureReporter>[0];

/**
 * allure-playwright with the run's environment widget and each test's requirement metadata (metadata.ts). The
 * environment is built here, not in the reporter list, because Playwright evaluates the config in every worker but
 * constructs reporters only in the runner.
 */
export default class ConformanceAllureReporter extends AllureReporter {
  constructor(options: AllureOptions) {
    super({ ...options, environmentInfo: environmentInfo(loadConfig()) });
  }

  /** The metadata goes in as the runtime message a worker would have attached; the other reporters never see it. */
  override onTestEnd(test: TestCase, result: TestResult): Promise<void> {
    const annotations = [...test.annotations, ...result.annotations];
    const message = allureMetadataOf({ tags: test.tags, annotations }, handOver.compareTarget());
    const attachment = {
      name: 'Allure Metadata (metadata)',
      contentType: ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE,
      body: Buffer.from(JSON.stringify(message), 'utf8'),
    };
    return super.onTestEnd(test, { ...result, attachments: [...result.attachments, attachment] });
  }
}
