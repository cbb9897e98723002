import type { Findings } from '../engine/verdict';
import { describeRequest } from '../suite/checks';
import type { Exchange } from '../suite/http/client';
import { isRecord } from '../suite/json';

/** The parsed body, or a failed expectation naming the requirement when it is not JSON. */
export function jsonBody(findings: Findings, exchange: Exchange, requirement: string): unknown {
  try {
    return exchange.json();
  } catch (error) {
    findings.that(false, requirement, error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

/**
 * The job in the body of a 200 GetById. One root cause is reported once: a GetById of an existing job that is not
 * a 200 is DJ-200-01's finding, a body that is no JSON object DJ-200-02's, so for every other requirement the job
 * cannot be checked (not applicable, with the reason). `shapeIsMine` is DJ-200-02's own use: there it fails.
 */
export function jobBody(findings: Findings, exchange: Exchange, shapeIsMine = false): Record<string, unknown> {
  findings.notApplicableWhen(
    exchange.status !== 200,
    `${describeRequest(exchange)} answered ${exchange.status}, so there is no job to check (DJ-200-01 reports it)`,
  );
  let body: unknown;
  try {
    body = exchange.json();
  } catch {
    body = undefined;
  }
  const what = `the 200 body of ${describeRequest(exchange)} must be a JSON object`;
  if (shapeIsMine) findings.that(isRecord(body), what, exchange.bodyText.slice(0, 120));
  else
    findings.notApplicableWhen(
      !isRecord(body),
      `the 200 body of ${describeRequest(exchange)} is no JSON object (DJ-200-02 reports it)`,
    );
  return body as Record<string, unknown>;
}

/** The one exchange a single-request case sent. */
export function only(exchanges: readonly Exchange[]): Exchange {
  const [exchange] = exchanges;
  if (exchange === undefined) throw new Error('a single-request check was given no exchange');
  return exchange;
}

/** The parsed body, or undefined when there is none a tolerant reader can recover. */
export function bodyOrUndefined(exchange: Exchange): unknown {
  try {
    return exchange.json();
  } catch {
    return undefined;
  }
}

const DATE_TIMES = ['createdDateTime', 'finishedDateTime', 'purgeDateTime'];

/**
 * A job as a schema check judges it: a string status is DJ-200-04's to judge and a string date-time DJ-TIME-01's (or
 * DJ-LIST-02's), so their values are left out (a status or date-time of another type is still a shape defect).
 */
export function schemaView(job: unknown, statusOwnedElsewhere = true): unknown {
  if (!isRecord(job)) return job;
  const ownedElsewhere = (name: string, value: unknown): boolean =>
    typeof value === 'string' && ((statusOwnedElsewhere && name === 'status') || DATE_TIMES.includes(name));
  return Object.fromEntries(Object.entries(job).filter(([name, value]) => !ownedElsewhere(name, value)));
}
