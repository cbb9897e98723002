import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { isolatedEnvironment, spawnSuite } from '../../../../src/cli/spawn-suite';

export interface SuiteRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Directory holding the run's test-results (attachments) and report.json. */
  readonly dir: string;
  readonly results: readonly TestOutcome[];
}

export interface TestOutcome {
  readonly title: string;
  readonly tags: readonly string[];
  readonly status: string;
  readonly errors: readonly string[];
  readonly annotations: readonly { type: string; description?: string }[];
  /** Attachment contents as text (inline bodies decoded, files read). */
  readonly attachments: readonly { name: string; text: string }[];
}

interface JsonAttachment {
  name: string;
  body?: string;
  path?: string;
}

function attachmentText(attachment: JsonAttachment): string {
  if (attachment.body !== undefined) return Buffer.from(attachment.body, 'base64').toString('utf8');
  return attachment.path !== undefined && fs.existsSync(attachment.path)
    ? fs.readFileSync(attachment.path, 'utf8')
    : '';
}

interface JsonSuite {
  suites?: JsonSuite[];
  specs?: {
    title: string;
    tags: string[];
    tests: {
      annotations: { type: string; description?: string }[];
      results: { status: string; errors: { message?: string }[]; attachments: JsonAttachment[] }[];
    }[];
  }[];
}

function outcomes(suite: JsonSuite): TestOutcome[] {
  const own = (suite.specs ?? []).flatMap((spec) =>
    spec.tests.map((test) => {
      const result = test.results.at(-1);
      return {
        title: spec.title,
        tags: spec.tags,
        status: result?.status ?? 'not run',
        errors: (result?.errors ?? []).map((error) => error.message ?? ''),
        annotations: test.annotations,
        attachments: (result?.attachments ?? []).map((attachment) => ({
          name: attachment.name,
          text: attachmentText(attachment),
        })),
      };
    }),
  );
  return [...own, ...(suite.suites ?? []).flatMap(outcomes)];
}

/**
 * Runs the conformance suite exactly as a user would (`playwright test`) in a child process, with the given
 * variables and a JSON report. No `.env` is read, so the developer's own settings cannot interfere.
 */
export async function runConformance(
  env: Readonly<Record<string, string>>,
  extraArgs: readonly string[] = [],
): Promise<SuiteRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adt-suite-run-'));
  const reportFile = path.join(dir, 'report.json');
  // Loopback reference servers have no rate limit: unpaced (a URL target's default is 1 request/s).
  const environment = isolatedEnvironment({
    ADT_MAX_RPS: '0',
    PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile,
    FORCE_COLOR: '0',
    ...env,
  });
  const run = await spawnSuite({
    args: ['--reporter=list,json', `--output=${path.join(dir, 'test-results')}`, ...extraArgs],
    environment,
  });
  const results = fs.existsSync(reportFile)
    ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { suites: JsonSuite[] }).suites.flatMap(outcomes)
    : [];
  return { exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, dir, results };
}

/** Every file under a directory, recursively, with its content as text. */
export function filesUnder(dir: string): { file: string; text: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { file, text: fs.readFileSync(file, 'latin1') };
    });
}

export function requirementIdsOf(outcome: TestOutcome): string[] {
  return outcome.tags.map((tag) => tag.replace(/^@/, ''));
}
