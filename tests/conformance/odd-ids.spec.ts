import {
  decodedSegment,
  describeRequest,
  discoveredIds,
  discovery,
  expect,
  errorCodeHeaderProblem,
  ERROR_CODE_HEADER_MESSAGE,
  errorResponsesAmong,
  type Exchange,
  foreignJobIn,
  notApplicableWhen,
  oddIdsAround,
  requirementDetails,
  STATIC_ODD_IDS,
  test,
  type OddId,
} from './fixtures';

const firstJob = discovery?.jobs[0];
const oddIds: readonly OddId[] = [...STATIC_ODD_IDS, ...(firstJob ? oddIdsAround(firstJob.id) : [])];

function shown(rawSegment: string): string {
  return rawSegment.length > 40 ? `${rawSegment.slice(0, 40)}…(${rawSegment.length} chars)` : rawSegment;
}

for (const odd of oddIds) {
  const label = `odd id: ${odd.label} [${shown(odd.rawSegment)}]`;

  test(`DJ-ODD-01 no 5xx for ${label}`, requirementDetails('DJ-ODD-01'), async ({ adt }) => {
    const exchange = await adt.getByRawId(odd.rawSegment);
    expect(exchange.status, `${describeRequest(exchange)} must not fail with a server error`).toBeLessThan(500);
  });

  test(`DJ-ODD-02 no 200 carrying another job's id for ${label}`, requirementDetails('DJ-ODD-02'), async ({ adt }) => {
    const exchange = await adt.getByRawId(odd.rawSegment);
    const requested = decodedSegment(odd.rawSegment) ?? odd.rawSegment;
    expect(foreignJobIn(exchange, requested), `${describeRequest(exchange)} asked for ${JSON.stringify(requested)} and must not be answered with another job`).toHaveNoProblem();
  });

  test(`DJ-ODD-03 a 4xx is an ErrorResponse for ${label}`, requirementDetails('DJ-ODD-03'), async ({ adt }) => {
    const exchange = await adt.getByRawId(odd.rawSegment);
    notApplicableWhen(exchange.status < 400 || exchange.status >= 500 || exchange.status === 401, `the reply was ${exchange.status}, not a 4xx other than 401`);
    expect(exchange.json(), `the ${exchange.status} body must be an ErrorResponse`).toMatchSchema('ErrorResponse');
  });
}

/**
 * An existing id with a space or a dot added is just an unknown id. Web servers that trim path segments would
 * serve the existing job for it; echoing the requested id back hides that from DJ-ODD-02.
 */
const trimmedAliases = firstJob
  ? oddIdsAround(firstJob.id).filter((odd) => {
      const decoded = decodedSegment(odd.rawSegment);
      return decoded !== undefined && decoded !== firstJob.id && decoded.replace(/^[ .]+|[ .]+$/g, '') === firstJob.id && !discoveredIds.has(decoded);
    })
  : [];

for (const alias of trimmedAliases) {
  test(`DJ-404-01 ${alias.label} [${alias.rawSegment}] answers 404 with an ErrorResponse`, requirementDetails('DJ-404-01'), async ({ adt }) => {
    const exchange = await adt.getByRawId(alias.rawSegment);
    expect(exchange.status, `${describeRequest(exchange)} names no existing job (ids are compared byte for byte), so it must answer 404`).toBe(404);
    expect(exchange.json(), `the ${exchange.status} body must be an ErrorResponse`).toMatchSchema('ErrorResponse');
  });
}

test('DJ-404-02 x-ms-error-code equals error.code on every error reply to an odd id', requirementDetails('DJ-404-02'), async ({ adt }) => {
  const exchanges: Exchange[] = [];
  for (const odd of oddIds) exchanges.push(await adt.getByRawId(odd.rawSegment));
  for (const exchange of errorResponsesAmong(exchanges, 'DJ-ODD-01')) {
    expect.soft(errorCodeHeaderProblem(exchange), `${ERROR_CODE_HEADER_MESSAGE} on the ${exchange.status} to ${describeRequest(exchange)}`).toHaveNoProblem();
  }
});
