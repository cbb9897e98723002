import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { describeTarget, loadConfig, resolveBaseUrl } from './config';
import { CredentialError, credentialFor } from './credentials';
import { discover, DISCOVERY_FILE_ENV, DISCOVERY_FILE_NAME, DiscoveryError, writeDiscovery } from './discovery';
import { AdtClient, TargetRequestError } from './http';

/** An error Playwright prints as the message alone: the user needs the fix, not our stack. */
function stackless(message: string): Error {
  const error = new Error(`Conformance run stopped before any test.\n${message}`);
  error.stack = `Error: ${error.message}`;
  return error;
}

/**
 * Runs after the webServer (the bundled mock) is up and before spec files load: finds the delete jobs to
 * check and leaves them in a file the specs read synchronously.
 */
export default async function globalSetup(playwrightConfig: FullConfig): Promise<void> {
  const config = loadConfig();
  const outputDir = playwrightConfig.projects[0]?.outputDir ?? path.resolve('test-results');
  const client = AdtClient.create({ baseUrl: resolveBaseUrl(config), apiVersion: config.apiVersion, credential: credentialFor(config.auth) });
  try {
    const discovery = await discover(client, { target: describeTarget(config), apiVersion: config.apiVersion, deleteJobId: config.deleteJobId });
    fs.mkdirSync(outputDir, { recursive: true });
    const file = path.join(outputDir, DISCOVERY_FILE_NAME);
    writeDiscovery(file, discovery);
    process.env[DISCOVERY_FILE_ENV] = file;
  } catch (error) {
    if (error instanceof DiscoveryError || error instanceof CredentialError || error instanceof TargetRequestError) {
      throw stackless(error.message);
    }
    throw error;
  } finally {
    client.close();
  }
}
