export const MOCK_DEFAULT_SCENARIO = 'default';
export const SUPPORTED_API_VERSIONS = ['2023-10-31'] as const;

/** Request headers through which a test steers the mock for one request (documented in docs/mock.md). */
export const MOCK_SCENARIO_HEADER = 'x-mock-scenario';
export const MOCK_SESSION_HEADER = 'x-mock-session';
export const MOCK_FAULT_HEADER = 'x-mock-fault';

/** Environment variables the CLI reads when the matching flag is absent. */
export const MOCK_ENV = {
  port: 'ADT_MOCK_PORT',
  host: 'ADT_MOCK_HOST',
  scenario: 'ADT_MOCK_SCENARIO',
  scenarioDir: 'ADT_MOCK_SCENARIO_DIR',
  token: 'ADT_MOCK_TOKEN',
  clock: 'ADT_MOCK_CLOCK',
  now: 'ADT_MOCK_NOW',
  startAfterMs: 'ADT_MOCK_START_AFTER_MS',
  runMs: 'ADT_MOCK_RUN_MS',
  fault: 'ADT_MOCK_FAULT',
  quirks: 'ADT_MOCK_QUIRKS',
  log: 'ADT_MOCK_LOG',
} as const;

export const PURGE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
export const JOB_TIMEOUT_MINUTES = { default: 720, min: 15, max: 1440 } as const;
