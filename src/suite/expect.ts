import { expect as baseExpect, type ExpectMatcherState, type MatcherReturnType } from '@playwright/test';
import { parseRfc3339DateTime } from './rfc3339';
import { type SchemaName, validateAgainst } from './schemas';

function preview(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** What a check found wrong, in words: none for undefined, '' or []. */
function problemsIn(received: string | readonly string[] | undefined): readonly string[] {
  if (received === undefined || received === '') return [];
  return typeof received === 'string' ? [received] : received;
}

/**
 * The suite's `expect`: Playwright's, plus the schema, timestamp and problem matchers.
 * A custom message (`expect(body, 'why').toMatchSchema('DeleteJob')`) is put above the details by
 * Playwright itself, as for built-in matchers (pinned by tests/self/suite/schemas/expect.spec.ts).
 */
export const expect = baseExpect.extend({
  toMatchSchema(this: ExpectMatcherState, received: unknown, schemaName: SchemaName): MatcherReturnType {
    const name = 'toMatchSchema';
    const result = validateAgainst(schemaName, received);
    const hint = this.utils.matcherHint(name, 'received', `'${schemaName}'`, { isNot: this.isNot });
    const message = result.valid
      ? () =>
          `${hint}\n\nExpected the value not to match schema ${schemaName}, but it does.\nReceived: ${preview(received)}`
      : () =>
          `${hint}\n\nThe value does not match schema ${schemaName}:\n` +
          result.errors.map((line) => `  - ${line}`).join('\n') +
          `\nReceived: ${preview(received)}`;
    return { pass: result.valid, message, name, expected: schemaName, actual: received };
  },

  /**
   * For a check that returns what is wrong in words (undefined, '' or [] when nothing is). The failure reads as the
   * requirement (the message given to expect) and then what came back, with no double negative:
   * `x-ms-error-code must be present and equal error.code … | Received: no x-ms-error-code header (…)`.
   */
  toHaveNoProblem(this: ExpectMatcherState, received: string | readonly string[] | undefined): MatcherReturnType {
    const problems = problemsIn(received);
    const pass = problems.length === 0;
    const message = pass ? () => 'Received: a reply with nothing wrong' : () => `Received: ${problems.join('; ')}`;
    return { pass, message, name: 'toHaveNoProblem', actual: received };
  },

  toBeRfc3339DateTime(this: ExpectMatcherState, received: unknown): MatcherReturnType {
    const name = 'toBeRfc3339DateTime';
    const parsed = typeof received === 'string' ? parseRfc3339DateTime(received) : undefined;
    const pass = parsed?.ok === true;
    const hint = this.utils.matcherHint(name, 'received', '', { isNot: this.isNot });
    const reason = parsed === undefined ? 'it is not a string' : parsed.ok ? '' : parsed.reason;
    const message = pass
      ? () => `${hint}\n\nExpected not an RFC 3339 date-time, but ${preview(received)} is one.`
      : () => `${hint}\n\nExpected a strict RFC 3339 date-time, got ${preview(received)}: ${reason}.`;
    return { pass, message, name, actual: received };
  },
});
