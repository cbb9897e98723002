import {
  discoveredIds,
  duplicateNameDefects,
  expect,
  type Exchange,
  jobLabel,
  jsonBodyDefects,
  requirementDetails,
  steadiestJob,
  test,
  unknownJobId,
  type AdtClient,
} from './fixtures';

const job = steadiestJob();
const unknownId = unknownJobId(discoveredIds);

const RESPONSES: readonly { what: string; send: (adt: AdtClient) => Promise<Exchange> }[] = [
  { what: 'the first List page', send: (adt) => adt.list() },
  ...(job ? [{ what: `the 200 GetById ${jobLabel(job)}`, send: (adt: AdtClient) => adt.getById(job.id) }] : []),
  { what: `the 404 for an unknown id [${unknownId}]`, send: (adt) => adt.getById(unknownId) },
  { what: `the 400 without api-version [${unknownId}]`, send: (adt) => adt.getById(unknownId, { apiVersion: null }) },
];

for (const { what, send } of RESPONSES) {
  test(`DJ-JSON-01 ${what} is exactly one JSON value with a JSON content type`, requirementDetails('DJ-JSON-01'), async ({ adt }) => {
    const exchange = await send(adt);
    expect(jsonBodyDefects(exchange), `the ${exchange.status} body must be one JSON value (RFC 8259) labelled application/json`).toHaveNoProblem();
  });
}

for (const { what, send } of RESPONSES) {
  test(`DJ-JSON-02 ${what} names no member twice in one object`, requirementDetails('DJ-JSON-02'), async ({ adt }) => {
    const exchange = await send(adt);
    expect(duplicateNameDefects(exchange).join('; '), `the ${exchange.status} body must not repeat a member name in one object (I-JSON, RFC 7493 section 2.3): parsers disagree on which value wins`).toBe('');
  });
}
