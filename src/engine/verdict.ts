import { isDeepStrictEqual } from 'node:util';
import { parseRfc3339DateTime } from '../suite/rfc3339';
import { type SchemaName, validateAgainst } from '../suite/schemas';

/**
 * What a check concludes about one requirement from the exchanges it was given. A failure states the requirement
 * and then what came back; "not applicable" says why the exchanges cannot decide it.
 */
export type Verdict =
  | { readonly outcome: 'passed'; readonly attachments?: readonly Attachment[] }
  | { readonly outcome: 'failed'; readonly problems: readonly string[]; readonly attachments?: readonly Attachment[] }
  | { readonly outcome: 'not-applicable'; readonly reason: string };

/** Evidence a check computed (latency samples, say), shown beside the exchanges. */
export interface Attachment {
  readonly name: string;
  readonly value: unknown;
}

export const PASSED: Verdict = { outcome: 'passed' };

class Stop extends Error {}
class NotApplicable extends Error {}

function preview(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * The findings of one check. `that` is a hard expectation (the check stops at the first one that fails, as a
 * test's expect does), `soft` records and goes on, `notApplicableWhen` ends the check as not applicable.
 */
export class Findings {
  readonly problems: string[] = [];
  readonly attachments: Attachment[] = [];

  attach(name: string, value: unknown): void {
    this.attachments.push({ name, value });
  }

  /** `requirement; got <what came back>` when `ok` is false; then stops the check. */
  that(ok: boolean, requirement: string, got?: string): void {
    if (ok) return;
    this.problems.push(got === undefined ? requirement : `${requirement}; got ${got}`);
    throw new Stop();
  }

  soft(ok: boolean, requirement: string, got?: string): boolean {
    if (!ok) this.problems.push(got === undefined ? requirement : `${requirement}; got ${got}`);
    return ok;
  }

  equal(actual: unknown, expected: unknown, requirement: string): void {
    this.that(
      isDeepStrictEqual(actual, expected),
      requirement,
      `${preview(actual)} where ${preview(expected)} was expected`,
    );
  }

  /** Each entry of `problems` is what is wrong, in words; none (undefined, '' or []) passes. */
  noProblem(problems: string | readonly string[] | undefined, requirement: string, soft = false): void {
    const list = problems === undefined || problems === '' ? [] : typeof problems === 'string' ? [problems] : problems;
    if (list.length === 0) return;
    if (soft) this.soft(false, requirement, list.join('; '));
    else this.that(false, requirement, list.join('; '));
  }

  schema(value: unknown, name: SchemaName, requirement: string): void {
    const result = validateAgainst(name, value);
    this.that(
      result.valid,
      requirement,
      `a value that does not match schema ${name}: ${result.errors.join('; ')} (received ${preview(value)})`,
    );
  }

  rfc3339(value: unknown, requirement: string, soft = false): void {
    const parsed = typeof value === 'string' ? parseRfc3339DateTime(value) : undefined;
    if (parsed === undefined || !parsed.ok) {
      const reason = parsed === undefined ? 'it is not a string' : parsed.reason;
      const got = `${preview(value)}: ${reason}`;
      if (soft) this.soft(false, requirement, got);
      else this.that(false, requirement, got);
    }
  }

  notApplicableWhen(condition: boolean, reason: string): void {
    if (condition) throw new NotApplicable(reason);
  }
}

/** Runs a check body and turns its findings into a verdict; any other exception is a bug in the check and is rethrown. */
export function judge(body: (findings: Findings) => void): Verdict {
  const findings = new Findings();
  try {
    body(findings);
  } catch (error) {
    if (error instanceof NotApplicable) return { outcome: 'not-applicable', reason: error.message };
    if (!(error instanceof Stop)) throw error;
  }
  const attachments = findings.attachments.length === 0 ? {} : { attachments: findings.attachments };
  return findings.problems.length === 0
    ? { outcome: 'passed', ...attachments }
    : { outcome: 'failed', problems: findings.problems, ...attachments };
}

/** Several verdicts about one requirement: failed when any failed, passed when any passed, else not applicable. */
export function combine(verdicts: readonly Verdict[]): Verdict {
  const problems = verdicts.flatMap((verdict) => (verdict.outcome === 'failed' ? verdict.problems : []));
  if (problems.length > 0) return { outcome: 'failed', problems };
  if (verdicts.some((verdict) => verdict.outcome === 'passed')) return PASSED;
  const reasons = [
    ...new Set(verdicts.flatMap((verdict) => (verdict.outcome === 'not-applicable' ? [verdict.reason] : []))),
  ];
  return { outcome: 'not-applicable', reason: reasons.join('; ') || 'no case of it was planned' };
}
