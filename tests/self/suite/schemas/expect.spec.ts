import { test } from '@playwright/test';
import { expect } from '../../../../src/suite/expect';

function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the assertion was expected to fail but passed');
}

test.describe('toMatchSchema', () => {
  test('passes for a valid DeleteJob', () => {
    expect({ id: 'job1', status: 'running' }, 'a valid job matches').toMatchSchema('DeleteJob');
  });

  test('fails naming the property, the reason and the value received', () => {
    const message = failureOf(() => {
      expect({ id: 'job1', status: 'Succeeded' }).toMatchSchema('DeleteJob');
    });
    expect(message, 'the failure lists the enum error').toContain(
      '/status must be equal to one of the allowed values (notstarted, running, failed, succeeded), got "Succeeded"',
    );
    expect(message, 'the failure names the schema').toContain('schema DeleteJob');
  });

  test('puts the custom message passed to expect above the details', () => {
    const message = failureOf(() => {
      expect({ error: 'boom' }, 'the 404 body is an ErrorResponse').toMatchSchema('ErrorResponse');
    });
    expect(message.startsWith('the 404 body is an ErrorResponse\n'), `custom message first, got: ${message}`).toBe(
      true,
    );
    expect(message, 'details follow the custom message').toContain('/error must be object, got "boom"');
  });

  test('supports .not', () => {
    expect([], 'an array is not an ErrorResponse').not.toMatchSchema('ErrorResponse');
    const message = failureOf(() => {
      expect({ error: {} }).not.toMatchSchema('ErrorResponse');
    });
    expect(message, '.not failure says the value matched').toContain('not to match schema ErrorResponse');
  });
});

test.describe('toBeRfc3339DateTime', () => {
  test('passes for a 7-digit fraction with +00:00', () => {
    expect('2022-01-01T00:00:00.0000000+00:00', 'the spec example timestamp').toBeRfc3339DateTime();
  });

  test('fails with the reason and honours the custom message', () => {
    const message = failureOf(() => {
      expect('2022-01-01T00:00:00+0000', 'createdDateTime is RFC 3339').toBeRfc3339DateTime();
    });
    expect(message.startsWith('createdDateTime is RFC 3339\n'), `custom message first, got: ${message}`).toBe(true);
    expect(message, 'the reason names the missing colon').toContain('the offset must be written ±hh:mm, with a colon');
  });

  test('fails for a non-string', () => {
    const message = failureOf(() => {
      expect(1_640_995_200).toBeRfc3339DateTime();
    });
    expect(message, 'a number is rejected as not a string').toContain('it is not a string');
  });
});

test.describe('toHaveNoProblem', () => {
  test('passes for undefined, an empty string and an empty list', () => {
    expect(undefined, 'nothing wrong').toHaveNoProblem();
    expect('', 'nothing wrong').toHaveNoProblem();
    expect([], 'nothing wrong').toHaveNoProblem();
  });

  test('reads as the requirement, then what came back: no matcher hint, no double negative', () => {
    const message = failureOf(() => {
      expect(
        ['no x-ms-error-code header', 'a byte order mark'],
        'x-ms-error-code must be present and equal error.code',
      ).toHaveNoProblem();
    });
    expect(message).toBe(
      'x-ms-error-code must be present and equal error.code\n\nReceived: no x-ms-error-code header; a byte order mark',
    );
  });
});
