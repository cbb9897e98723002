import { MOCK_DEFAULT_TOKEN } from '../../mock/contract';
import { randomInt } from 'node:crypto';
import {
  configuredProbeSeed,
  DEFAULT_API_VERSION,
  DEFAULT_LATENCY_SETTINGS,
  DEFAULT_PROBE_BUDGET,
  DEFAULT_RETRY_POLICY,
  MAX_PROBE_SEED,
} from '../config';
import { runInProcess } from '../engine/run-in-process';
import type { RunRecord } from '../reporting/run-record';
import { computeMatrix, exitCodeOf } from '../reporting/verdicts';
import { credentialFor } from '../suite/auth/credentials';
import { discover } from '../suite/discovery';
import { AdtClient } from '../suite/http/client';
import { startVariantMock } from './run-variant';
import type { RunResult } from './verdict';
import type { Variant } from './variants';

const REQUEST_TIMEOUT_MS = 15_000;
/** One seed for every variant of this proof (ADT_PROBE_SEED, else a fresh one): a failure message names it. */
const verifyProbes = { seed: configuredProbeSeed() ?? randomInt(MAX_PROBE_SEED), budget: DEFAULT_PROBE_BUDGET.mock };

/**
 * One variant through the suite's own plan, client and checks, in this process: the variant's mock on an
 * ephemeral loopback port, discovery, every case, the run-level requirements, and the matrix the reporter would
 * compute from those results. No Playwright: a failing check costs what a passing one does.
 */
export async function runVariantInProcess(variant: Variant): Promise<RunResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const mock = await startVariantMock(variant);
  if ('error' in mock) return { exitCode: null, matrix: undefined, durationMs: elapsed(), error: mock.error };
  const token = variant.token ?? MOCK_DEFAULT_TOKEN;
  const client = AdtClient.create({
    baseUrl: mock.url,
    apiVersion: DEFAULT_API_VERSION,
    credential: credentialFor({ kind: 'token', token }),
    retry: DEFAULT_RETRY_POLICY,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
  try {
    const startedAt = new Date().toISOString();
    let record: RunRecord;
    try {
      const discovery = await discover(client, {
        target: mock.url,
        apiVersion: DEFAULT_API_VERSION,
        deleteJobId: undefined,
      });
      const run = await runInProcess(client, {
        discovery,
        apiVersion: DEFAULT_API_VERSION,
        holdsCredential: true,
        latency: DEFAULT_LATENCY_SETTINGS,
        pacingIntervalMs: 0,
        probes: verifyProbes,
      });
      record = runRecord(startedAt, run.tests, []);
    } catch (error) {
      // What globalSetup would have stopped the run with: the run has no tests and says why.
      record = {
        ...runRecord(startedAt, [], [error instanceof Error ? error.message : String(error)]),
        unusableTarget: 'discovery failed',
      };
    }
    const matrix = computeMatrix([record]);
    return { exitCode: exitCodeOf(matrix), matrix, durationMs: elapsed() };
  } finally {
    client.close();
    await mock.close();
  }
}

function runRecord(startedAt: string, tests: RunRecord['tests'], runErrors: string[]): RunRecord {
  return {
    kind: 'adt-conformance-run',
    version: 1,
    shard: null,
    startedAt,
    playwrightStatus: tests.some((test) => test.outcome === 'failed') || runErrors.length > 0 ? 'failed' : 'passed',
    runErrors,
    deviationsFile: null,
    deviations: [],
    environment: {},
    tests,
  };
}
