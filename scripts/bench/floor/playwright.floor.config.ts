// The floor for suite overhead: the suite's own webServer (the same mock, started the same way) and
// reporters, but one trivial API test and no discovery.
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import suiteConfig from '../../../playwright.config';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const mockServer = suiteConfig.webServer;
if (mockServer === undefined || Array.isArray(mockServer)) {
  throw new Error(
    'The bench floor needs the suite to start the bundled mock: unset AZURE_DIGITALTWINS_URL (npm run bench does).',
  );
}

export default defineConfig({
  testDir: __dirname,
  testMatch: 'floor.spec.ts',
  outputDir: path.join(REPO_ROOT, '.tmp', 'bench', 'floor-results'),
  retries: 0,
  reporter: suiteConfig.reporter,
  // The suite's config lives in the repository root, which is where its webServer command runs.
  webServer: { ...mockServer, cwd: mockServer.cwd ?? REPO_ROOT },
  use: { trace: 'off' },
});
