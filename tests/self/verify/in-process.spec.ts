import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runVariantInProcess } from '../../../src/verify/in-process';
import { runVariant } from '../../../src/verify/run-variant';
import { allVariants, type Variant } from '../../../src/verify/variants';
import type { MatrixView } from '../../../src/verify/verdict';

/**
 * The in-process proof is only worth something if it says what a real run says: for a sample of defects of
 * different kinds (a per-job body check, an error-contract header, a run-level requirement), the whole plan run in
 * process and `npm run conformance`'s Playwright path against the same mock give every requirement the same verdict.
 * The three go into one mock, so one real run judges them all (their targets are disjoint); verify:suite's
 * end-to-end layer compares five more, one run each.
 */

const SAMPLE = ['timestamp-without-offset', 'no-error-code-header-on-404', 'status-flaps'];

function variant(name: string): Variant {
  const found = allVariants().find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no variant ${name}`);
  return found;
}

function verdicts(matrix: MatrixView | undefined): Record<string, string> {
  return Object.fromEntries((matrix?.requirements ?? []).map((row) => [row.id, row.verdict]));
}

test(`in process and through Playwright, ${SAMPLE.join(' + ')} in one mock get the same verdict on every requirement`, async () => {
  test.setTimeout(180_000);
  const parts = SAMPLE.map(variant);
  const sample: Variant = {
    name: SAMPLE.join('+'),
    kind: 'defect',
    description: 'three defects of different kinds in one mock',
    targets: parts.flatMap((part) => part.targets),
    quirks: parts.flatMap((part) => part.quirks),
  };
  expect(new Set(sample.targets).size, 'the sample defects target disjoint requirements').toBe(sample.targets.length);
  const dir = mkdtempSync(path.join(tmpdir(), 'adt-parity-'));
  try {
    const inProcess = await runVariantInProcess(sample);
    const real = await runVariant(sample, {
      reportDir: path.join(dir, 'reports'),
      scratchDir: path.join(dir, 'scratch'),
      timeoutMs: 150_000,
    });
    expect(real.matrix, `the real run wrote a matrix (${real.error ?? 'no error'})`).toBeDefined();
    const failed = Object.entries(verdicts(real.matrix)).filter(([, verdict]) => verdict === 'failed');
    expect(
      failed.map(([id]) => id).sort(),
      'the real run fails every target of the sample, so the comparison covers three kinds of failure',
    ).toEqual([...sample.targets].sort());
    expect(
      verdicts(inProcess.matrix),
      `the in-process verdicts of ${sample.name} equal those of npm run conformance's path`,
    ).toEqual(verdicts(real.matrix));
    expect(inProcess.exitCode, 'the same exit code').toBe(real.exitCode);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a job whose status flaps between two values across reads fails the run-level DJ-STATE-04 and nothing else', async () => {
  const run = await runVariantInProcess(variant('status-flaps'));
  const failing = (run.matrix?.requirements ?? []).filter((row) => row.verdict === 'failed').map((row) => row.id);
  expect(failing, 'the requirements the flapping status fails').toEqual(['DJ-STATE-04']);
  expect(run.matrix?.status, 'the run verdict').toBe('failed');
});
