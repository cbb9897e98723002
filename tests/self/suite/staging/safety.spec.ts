import { expect, test } from '@playwright/test';
import { ConfigError, parseConfig, type Env } from '../../../../src/config';
import {
  assertRequestAllowed,
  canCreateDeleteJob,
  safetyPolicyFor,
  type SafetyTarget,
  UnsafeRequestError,
} from '../../../../src/suite/http/safety';

/** The policy the suite would use against `target` with these variables, parsed by the one configuration module. */
function resolveSafetyPolicy(env: Env, target: SafetyTarget): ReturnType<typeof safetyPolicyFor> {
  const config = parseConfig(target.kind === 'url' ? { ...env, AZURE_DIGITALTWINS_URL: target.baseUrl } : env);
  return safetyPolicyFor(target, config.safety);
}

const STAGING = 'https://staging-twins.api.weu.digitaltwins.azure.net';
const staging = { kind: 'url', baseUrl: STAGING } as const;
const mock = { kind: 'bundled-mock', baseUrl: 'http://127.0.0.1:4010' } as const;
const jobs = new URL(`${STAGING}/jobs/deletions?api-version=2023-10-31`);
const optedIn = {
  ADT_ALLOW_CREATE_DELETE_JOB: '1',
  ADT_CONFIRM_TARGET_HOST: 'staging-twins.api.weu.digitaltwins.azure.net',
};

test.describe('safety policy (resolved once, up front)', () => {
  test('by default a URL target may not get a delete job', () => {
    expect(canCreateDeleteJob(resolveSafetyPolicy({}, staging))).toBe(false);
  });

  test('the bundled mock may always get one', () => {
    expect(canCreateDeleteJob(resolveSafetyPolicy({}, mock))).toBe(true);
  });

  test('opt-in plus a confirmation naming the target host allows it', () => {
    expect(canCreateDeleteJob(resolveSafetyPolicy(optedIn, staging))).toBe(true);
    const withScheme = { ...optedIn, ADT_CONFIRM_TARGET_HOST: `${STAGING}/` };
    expect(
      canCreateDeleteJob(resolveSafetyPolicy(withScheme, staging)),
      'a pasted URL of the same host also confirms',
    ).toBe(true);
  });

  test('opt-in without confirmation is refused with one message that names the host to confirm', () => {
    expect(() => resolveSafetyPolicy({ ADT_ALLOW_CREATE_DELETE_JOB: '1' }, staging)).toThrow(
      'also set ADT_CONFIRM_TARGET_HOST=staging-twins.api.weu.digitaltwins.azure.net',
    );
  });

  test('a confirmation naming another host is refused', () => {
    const other = { ...optedIn, ADT_CONFIRM_TARGET_HOST: 'prod-twins.api.weu.digitaltwins.azure.net' };
    expect(() => resolveSafetyPolicy(other, staging)).toThrow(ConfigError);
    expect(() => resolveSafetyPolicy(other, staging)).toThrow(
      'does not name the target host staging-twins.api.weu.digitaltwins.azure.net',
    );
  });

  test('a confirmation without the opt-in allows nothing', () => {
    const policy = resolveSafetyPolicy({ ADT_CONFIRM_TARGET_HOST: optedIn.ADT_CONFIRM_TARGET_HOST }, staging);
    expect(canCreateDeleteJob(policy)).toBe(false);
  });

  test('an unclear opt-in value is one message, not a silent no', () => {
    expect(() => resolveSafetyPolicy({ ADT_ALLOW_CREATE_DELETE_JOB: 'yes please' }, staging)).toThrow(
      'is not understood',
    );
  });
});

test.describe('request guard (called by the HTTP layer before every request)', () => {
  test('GET to the target passes', () => {
    expect(() => {
      assertRequestAllowed(resolveSafetyPolicy({}, staging), 'GET', jobs);
    }).not.toThrow();
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
    test(`${method} to a URL target without opt-in is refused`, () => {
      expect(() => {
        assertRequestAllowed(resolveSafetyPolicy({}, staging), method, jobs);
      }).toThrow(UnsafeRequestError);
    });
  }

  test('the refusal of POST /jobs/deletions says it would wipe the instance and how to opt in', () => {
    expect(() => {
      assertRequestAllowed(resolveSafetyPolicy({}, staging), 'post', jobs);
    }).toThrow(
      /DELETES EVERY model, twin and relationship.*ADT_ALLOW_CREATE_DELETE_JOB=1 and ADT_CONFIRM_TARGET_HOST=staging-twins/,
    );
  });

  test('with opt-in and matching host, POST /jobs/deletions passes but nothing else does', () => {
    const policy = resolveSafetyPolicy(optedIn, staging);
    expect(() => {
      assertRequestAllowed(policy, 'POST', jobs);
    }).not.toThrow();
    expect(() => {
      assertRequestAllowed(policy, 'DELETE', new URL(`${STAGING}/jobs/deletions/x`));
    }).toThrow(UnsafeRequestError);
    expect(() => {
      assertRequestAllowed(policy, 'POST', new URL(`${STAGING}/jobs/imports`));
    }).toThrow(UnsafeRequestError);
  });

  test('no request (not even GET) leaves the target origin, so a token never follows a foreign nextLink', () => {
    const policy = resolveSafetyPolicy(optedIn, staging);
    expect(() => {
      assertRequestAllowed(policy, 'GET', new URL('https://attacker.example/jobs/deletions'));
    }).toThrow('only talks to its target');
  });

  test('against the bundled mock every method is allowed', () => {
    const policy = resolveSafetyPolicy({}, mock);
    expect(() => {
      assertRequestAllowed(policy, 'POST', new URL('http://127.0.0.1:4010/jobs/deletions'));
    }).not.toThrow();
  });
});
