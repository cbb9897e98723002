export const MOCK_DEFAULT_SCENARIO = 'default';
export const SUPPORTED_API_VERSIONS = ['2023-10-31'] as const;

/** Request headers through which a test steers the mock for one request (documented in docs/mock.md). */
export const MOCK_SCENARIO_HEADER = 'x-mock-scenario';
export const MOCK_SESSION_HEADER = 'x-mock-session';
export const MOCK_FAULT_HEADER = 'x-mock-fault';

export { MOCK_ENV } from './contract';

export const PURGE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
export const JOB_TIMEOUT_MINUTES = { default: 720, min: 15, max: 1440 } as const;
