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

/** The body of a 200 GetById; fails first, clearly, when the job could not be read at all. */
export function jobBody(findings: Findings, exchange: Exchange): Record<string, unknown> {
  findings.that(exchange.status === 200, `${describeRequest(exchange)} must answer 200 before the job in its body can be checked`, String(exchange.status));
  const body = jsonBody(findings, exchange, `the 200 body of ${describeRequest(exchange)} must be JSON`);
  findings.that(isRecord(body), `the 200 body of ${describeRequest(exchange)} must be a JSON object`, exchange.bodyText.slice(0, 120));
  return body as Record<string, unknown>;
}

/** The one exchange a single-request case sent. */
export function only(exchanges: readonly Exchange[]): Exchange {
  const [exchange] = exchanges;
  if (exchange === undefined) throw new Error('a single-request check was given no exchange');
  return exchange;
}
