import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { acquireRunToken } from './auth/run-token';
import {
  describeTarget,
  handOver,
  loadConfig,
  MAX_PROBE_SEED,
  OneMessageError,
  resolveBaseUrl,
  type SuiteConfig,
} from '../config';
import { CredentialError, credentialFor } from './auth/credentials';
import { discover, DISCOVERY_FILE_NAME, DiscoveryError, writeDiscovery } from './discovery';
import { AdtClient, TargetRequestError } from './http/client';
import { assertPreflight, type AuthMode } from './preflight';
import { requestPolicyFor } from './http/rate-limit';
import { recordingSink } from './recording/recorder';
import { STOPPED_BEFORE_ANY_TEST } from '../reporting/constants';
import { judgedDiscovery } from '../judge/discovery';

/** An error Playwright prints as the message alone: the user needs the fix, not our stack. */
function stackless(message: string): Error {
  const error = new Error(`${STOPPED_BEFORE_ANY_TEST}\n${message}`);
  error.stack = `Error: ${error.message}`;
  return error;
}

/** The preflight's wording of the configured auth: the mock's own token is a token like any other. */
function preflightAuth(kind: SuiteConfig['auth']['kind']): AuthMode {
  return kind === 'mock' ? 'token' : kind;
}

/** Only with ADT_ALLOW_CREATE_DELETE_JOB=1 and ADT_CONFIRM_TARGET_HOST (the safety guard checks again). */
async function createDeleteJob(client: AdtClient): Promise<void> {
  const exchange = await client.createDeleteJob();
  if (exchange.status !== 202) {
    const code = exchange.header('x-ms-error-code') ?? 'no x-ms-error-code';
    throw new DiscoveryError(
      `The target has no delete job, and creating one (POST /jobs/deletions, opted in) answered ${exchange.status} (${code}).\nFix: set ADT_DELETE_JOB_ID to an existing delete job, or check the target.`,
    );
  }
}

/**
 * Runs after the webServer (the bundled mock) is up and before spec files load: acquires the run's Azure
 * token once (shared with workers), checks with one preflight request that the target speaks this API,
 * then finds the delete jobs to check and leaves them in a file the specs read synchronously.
 */
export default async function globalSetup(playwrightConfig: FullConfig): Promise<void> {
  const config = loadConfig();
  // One seed for the whole run: every worker plans the generated probes from it (the discovery file carries it).
  const probeSeed = config.probes.seed ?? randomInt(MAX_PROBE_SEED);
  const outputDir = playwrightConfig.projects[0]?.outputDir ?? path.resolve('test-results');
  const baseUrl = resolveBaseUrl(config);
  let client: AdtClient | undefined;
  try {
    const policy = requestPolicyFor(config, baseUrl, playwrightConfig.workers);
    if (config.auth.kind === 'azure') await acquireRunToken({ env: process.env });
    const credential = credentialFor(config.auth, process.env);
    const { recording } = config.reports;
    // Recorded even when no HAR is written: the run-level requirements judge every read of the run.
    const recorder = recordingSink({ outputDir, part: 'setup', baseUrl, keepHost: recording.keepHost, phase: 'setup' });
    // A judged recording answers only what it holds: there is no target to preflight.
    if (config.replay?.judged === undefined)
      await assertPreflight({
        baseUrl,
        apiVersion: config.apiVersion,
        auth: preflightAuth(config.auth.kind),
        authorization: await credential.authorization(),
        retry: policy.retry,
        timeoutMs: policy.timeoutMs,
        record: recorder,
      });
    const clientOptions = { baseUrl, apiVersion: config.apiVersion, credential, ...policy };
    const setupClient = (): AdtClient => {
      const created = AdtClient.create(clientOptions);
      return created.withEvidence(recorder);
    };
    client = setupClient();
    const settings = { target: describeTarget(config), apiVersion: config.apiVersion, deleteJobId: config.deleteJobId };
    let discovery = await discover(client, settings);
    if (config.replay?.judged !== undefined) discovery = judgedDiscovery(discovery, config.replay.file);
    if (discovery.jobs.length === 0 && policy.safety.allowCreateDeleteJob) {
      await createDeleteJob(client);
      // A fresh client: the first, empty List response must not be reused.
      client.close();
      client = setupClient();
      discovery = await discover(client, settings);
    }
    fs.mkdirSync(outputDir, { recursive: true });
    const file = path.join(outputDir, DISCOVERY_FILE_NAME);
    writeDiscovery(file, { ...discovery, probeSeed });
    handOver.setDiscoveryFile(file);
  } catch (error) {
    if (
      error instanceof DiscoveryError ||
      error instanceof CredentialError ||
      error instanceof TargetRequestError ||
      error instanceof OneMessageError
    ) {
      throw stackless(error.message);
    }
    throw error;
  } finally {
    client?.close();
  }
}
