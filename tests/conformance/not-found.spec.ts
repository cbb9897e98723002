import {
  discoveredIds,
  expect,
  errorCodeOf,
  ERROR_CODE_HEADER_MESSAGE,
  errorCodeHeaderProblem,
  errorMessageOf,
  requirementDetails,
  test,
  unknownJobId,
} from './fixtures';

const unknownId = unknownJobId(discoveredIds);

test(`DJ-404-01 an unknown id answers 404 with an ErrorResponse [${unknownId}]`, requirementDetails('DJ-404-01'), async ({ adt }) => {
  const exchange = await adt.getById(unknownId);
  expect(exchange.status, `GetById of the unknown id "${unknownId}" must answer 404`).toBe(404);
  expect(exchange.json(), `the ${exchange.status} body must be an ErrorResponse`).toMatchSchema('ErrorResponse');
});

test(`DJ-404-02 x-ms-error-code equals error.code on the 404 for an unknown id [${unknownId}]`, requirementDetails('DJ-404-02'), async ({ adt }) => {
  const exchange = await adt.getById(unknownId);
  expect(exchange.status, `GetById of the unknown id "${unknownId}" must answer 404`).toBe(404);
  expect(errorCodeHeaderProblem(exchange), ERROR_CODE_HEADER_MESSAGE).toHaveNoProblem();
});

test(`DJ-404-03 the 404 for an unknown id has error.code DeleteJobNotFound [${unknownId}]`, requirementDetails('DJ-404-03'), async ({ adt }) => {
  const exchange = await adt.getById(unknownId);
  expect(exchange.status, `GetById of the unknown id "${unknownId}" must answer 404`).toBe(404);
  expect(errorCodeOf(exchange), 'error.code of the error response').toBe('DeleteJobNotFound');
});

test(`DJ-404-04 the 404 for an unknown id has a non-empty error.message [${unknownId}]`, requirementDetails('DJ-404-04'), async ({ adt }) => {
  const exchange = await adt.getById(unknownId);
  expect(exchange.status, `GetById of the unknown id "${unknownId}" must answer 404`).toBe(404);
  expect(errorMessageOf(exchange), 'error.message must be a non-empty string').toEqual(expect.stringMatching(/\S/));
});
