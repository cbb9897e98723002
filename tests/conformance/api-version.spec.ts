import {
  discoveredIds,
  discovery,
  expect,
  errorCodeOf,
  errorCodeHeaderProblem,
  describeRequest,
  ERROR_CODE_HEADER_MESSAGE,
  errorResponsesAmong,
  type Exchange,
  requirementDetails,
  nearMissApiVersions,
  test,
  unknownJobId,
} from './fixtures';
import { DEFAULT_API_VERSION } from '../../src/config';

/** An existing job when there is one: a server that ignores api-version then answers 200, which is plain to see. */
const id = discovery?.jobs[0]?.id ?? unknownJobId(discoveredIds);
const UNSUPPORTED = '1999-01-01';

const cases = [
  { what: 'without api-version', apiVersion: null, must: 'DJ-APIV-01', should: { id: 'DJ-APIV-02', code: 'MissingApiVersionParameter' } },
  { what: 'with an empty api-version', apiVersion: '', must: 'DJ-APIV-03', should: undefined },
  { what: `with unsupported api-version ${UNSUPPORTED}`, apiVersion: UNSUPPORTED, must: 'DJ-APIV-04', should: { id: 'DJ-APIV-05', code: 'UnsupportedApiVersionValue' } },
] as const;

for (const { what, apiVersion, must, should } of cases) {
  test(`${must} GetById ${what} answers 400 with an ErrorResponse [${id}]`, requirementDetails(must), async ({ adt }) => {
    const exchange = await adt.getById(id, { apiVersion });
    expect(exchange.status, `GetById ${what} must be rejected with 400`).toBe(400);
    expect(exchange.json(), `the ${exchange.status} body must be an ErrorResponse`).toMatchSchema('ErrorResponse');
  });

  if (should) {
    test(`${should.id} GetById ${what} has error.code ${should.code} [${id}]`, requirementDetails(should.id), async ({ adt }) => {
      const exchange = await adt.getById(id, { apiVersion });
      expect(exchange.status, `GetById ${what} must be rejected with 400`).toBe(400);
      expect(errorCodeOf(exchange), 'error.code of the error response').toBe(should.code);
    });
  }
}

/** One step away from the version the run uses: a server matching api-version by prefix or by date accepts them. */
const nearMisses = nearMissApiVersions(discovery?.apiVersion ?? DEFAULT_API_VERSION);

for (const { label, value } of nearMisses) {
  test(`DJ-APIV-04 GetById with near-miss api-version ${value} (${label}) answers 400 with an ErrorResponse [${id}]`, requirementDetails('DJ-APIV-04'), async ({ adt }) => {
    const exchange = await adt.getById(id, { apiVersion: value });
    expect(exchange.status, `api-version ${value} is not a supported version, only one step away from one: it must be rejected with 400`).toBe(400);
    expect(exchange.json(), `the ${exchange.status} body must be an ErrorResponse`).toMatchSchema('ErrorResponse');
  });

  test(`DJ-APIV-05 GetById with near-miss api-version ${value} (${label}) has error.code UnsupportedApiVersionValue [${id}]`, requirementDetails('DJ-APIV-05'), async ({ adt }) => {
    const exchange = await adt.getById(id, { apiVersion: value });
    expect(exchange.status, `api-version ${value} must be rejected with 400`).toBe(400);
    expect(errorCodeOf(exchange), 'error.code of the error response').toBe('UnsupportedApiVersionValue');
  });
}

test(`DJ-404-02 x-ms-error-code equals error.code on the api-version errors [${id}]`, requirementDetails('DJ-404-02'), async ({ adt }) => {
  const exchanges: Exchange[] = [];
  for (const apiVersion of [...cases.map((c) => c.apiVersion), ...nearMisses.map((n) => n.value)]) exchanges.push(await adt.getById(id, { apiVersion }));
  for (const exchange of errorResponsesAmong(exchanges, 'DJ-APIV-01, -03 and -04')) {
    expect.soft(errorCodeHeaderProblem(exchange), `${ERROR_CODE_HEADER_MESSAGE} on the ${exchange.status} to ${describeRequest(exchange)}`).toHaveNoProblem();
  }
});
