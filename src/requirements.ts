export type Level = 'MUST' | 'SHOULD';

export type SourceKind = 'spec' | 'azure-guideline' | 'w3c-trace-context' | 'suite-profile';

export interface Source {
  kind: SourceKind;
  ref: string;
}

/**
 * Whether a conforming target can legitimately leave a requirement unchecked. `always`: a complete run checks it;
 * when a MUST one goes unchecked the run is INCOMPLETE, never PASSED. `needs: 'job'` says what makes it checkable
 * (a delete job on the target). `conditional`: only some targets give it something to check; the condition says which.
 */
export type Applicability =
  { readonly kind: 'always'; readonly needs?: 'job' } | { readonly kind: 'conditional'; readonly condition: string };

export interface Requirement {
  id: string;
  level: Level;
  area: Area;
  text: string;
  source: Source;
  applies: Applicability;
}

export const AREAS = {
  '200': 'Success shape',
  TIME: 'Timestamps',
  STATE: 'Job state',
  CASE: 'Case-sensitive ids',
  '404': 'Not found and error contract',
  ODD: 'Odd ids',
  APIV: 'api-version',
  TRACE: 'Trace headers',
  AUTH: 'Auth',
  LIST: 'List',
  JSON: 'JSON bodies',
  PERF: 'Latency',
} as const;

export type Area = keyof typeof AREAS;

const SPEC_GET = 'OpenAPI 2023-10-31, DeleteJobs_GetById';
const SPEC_DEFS = 'OpenAPI 2023-10-31, definitions/DeleteJob';
const GUIDELINE_ERRORS = 'Azure REST API guidelines, errors (x-ms-error-code, error codes are contract)';
const GUIDELINE_VERSIONING = 'Azure REST API guidelines, versioning (api-version query parameter)';
const GUIDELINE_HEADERS = 'Azure REST API guidelines, unrecognized and distributed-tracing headers';
const TRACE_CONTEXT = 'W3C Trace Context, traceparent and tracestate processing';

const spec = (ref: string): Source => ({ kind: 'spec', ref });
const guideline = (ref: string): Source => ({ kind: 'azure-guideline', ref });
const traceContext = (ref: string): Source => ({ kind: 'w3c-trace-context', ref });
const profile = (ref: string): Source => ({ kind: 'suite-profile', ref });

const ALWAYS: Applicability = { kind: 'always' };
/** Checked on every delete job the run finds: a target without one leaves it unchecked. */
const WITH_A_JOB: Applicability = { kind: 'always', needs: 'job' };
const conditional = (condition: string): Applicability => ({ kind: 'conditional', condition });

export const REQUIREMENTS = [
  {
    id: 'DJ-200-01',
    level: 'MUST',
    area: '200',
    text: 'GetById of an existing job returns 200 with a JSON content type (a charset parameter is allowed).',
    source: spec(`${SPEC_GET}, response 200`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-200-02',
    level: 'MUST',
    area: '200',
    text: 'The 200 body validates against the DeleteJob schema.',
    source: spec(SPEC_DEFS),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-200-03',
    level: 'MUST',
    area: '200',
    text: 'The 200 body carries id, status, createdDateTime and purgeDateTime.',
    source: profile(
      'The spec marks none required; the live service always sends them and a job without them is useless to a client',
    ),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-200-04',
    level: 'MUST',
    area: '200',
    text: 'status is exactly one of notstarted, running, failed or succeeded.',
    source: spec(`${SPEC_DEFS}/status (delete-job-status)`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-200-05',
    level: 'MUST',
    area: '200',
    text: 'The returned id equals the requested id byte for byte.',
    source: spec(`${SPEC_GET}, path parameter id`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-TIME-01',
    level: 'MUST',
    area: 'TIME',
    text: 'Every *DateTime property is a strict RFC 3339 date-time: T separator, Z or ±hh:mm offset, a real calendar date and time.',
    source: spec(`${SPEC_DEFS}, format date-time (RFC 3339)`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-TIME-02',
    level: 'MUST',
    area: 'TIME',
    text: 'createdDateTime ≤ finishedDateTime ≤ purgeDateTime wherever they are present.',
    source: spec(`${SPEC_DEFS}, meaning of createdDateTime, finishedDateTime and purgeDateTime`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-TIME-03',
    level: 'MUST',
    area: 'TIME',
    text: 'purgeDateTime is after createdDateTime.',
    source: spec(`${SPEC_DEFS}, meaning of purgeDateTime`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-TIME-04',
    level: 'MUST',
    area: 'TIME',
    text: "No createdDateTime or finishedDateTime lies in the future: none is later than the response's Date header (the client's clock where there is none) plus 5 minutes of clock skew.",
    source: spec(
      `${SPEC_DEFS}, meaning of createdDateTime and finishedDateTime (times that have happened); RFC 9110 section 6.6.1 (Date)`,
    ),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-STATE-01',
    level: 'MUST',
    area: 'STATE',
    text: 'finishedDateTime is present exactly when status is succeeded or failed.',
    source: profile('Live service omits properties not yet set; a finished job has an end time'),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-STATE-02',
    level: 'MUST',
    area: 'STATE',
    text: 'error is present exactly when status is failed.',
    source: profile('Live service omits properties not yet set; only a failed job has an error'),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-STATE-03',
    level: 'MUST',
    area: 'STATE',
    text: 'A job error, when present, validates as Error and has a code.',
    source: spec(`${SPEC_DEFS}/error (Error)`),
    applies: conditional('only where a discovered job carries an error'),
  },
  {
    id: 'DJ-STATE-04',
    level: 'MUST',
    area: 'STATE',
    text: 'Across the reads of a job by one operation during a run (every GetById, every List page), its status never moves backwards in the lifecycle notstarted → running → succeeded or failed.',
    source: spec(`${SPEC_DEFS}/status (delete-job-status: a job runs once, from notstarted to a final state)`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-STATE-05',
    level: 'MUST',
    area: 'STATE',
    text: 'Across the reads of a job by one operation during a run (every GetById, every List page), its createdDateTime never changes, and once it is finished its status, finishedDateTime, purgeDateTime and error never change.',
    source: spec(`${SPEC_DEFS} (a job's creation and its outcome are facts of the past)`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-CASE-01',
    level: 'MUST',
    area: 'CASE',
    text: 'A case variant of an existing id that is not itself an existing id returns 404 DeleteJobNotFound.',
    source: spec(`${SPEC_GET}: the id is unique within the service and case sensitive`),
    applies: conditional('only where a discovered id has letters and a case variant that is not itself an id'),
  },
  {
    id: 'DJ-CASE-02',
    level: 'MUST',
    area: 'CASE',
    text: 'Where two existing ids differ only in case, each returns its own job.',
    source: spec(`${SPEC_GET}: the id is unique within the service and case sensitive`),
    applies: conditional('only where two discovered ids differ only in case'),
  },
  {
    id: 'DJ-404-01',
    level: 'MUST',
    area: '404',
    text: 'An unknown id returns 404 with an ErrorResponse body.',
    source: spec(`${SPEC_GET}, response default (ErrorResponse)`),
    applies: ALWAYS,
  },
  {
    id: 'DJ-404-02',
    level: 'MUST',
    area: '404',
    text: 'Every error response other than 401 carries an x-ms-error-code header equal to error.code.',
    source: guideline(GUIDELINE_ERRORS),
    applies: ALWAYS,
  },
  {
    id: 'DJ-404-03',
    level: 'MUST',
    area: '404',
    text: 'The 404 for an unknown id has error.code DeleteJobNotFound.',
    source: spec(`${SPEC_GET}: 404 DeleteJobNotFound`),
    applies: ALWAYS,
  },
  {
    id: 'DJ-404-04',
    level: 'MUST',
    area: '404',
    text: 'The 404 for an unknown id has a non-empty string error.message.',
    source: spec('OpenAPI 2023-10-31, definitions/Error/message'),
    applies: ALWAYS,
  },
  {
    id: 'DJ-404-05',
    level: 'MUST',
    area: '404',
    text: 'An id one step away from an existing id (a proper prefix, the id with one character added or one character changed) that is not itself an id returns 404 DeleteJobNotFound with an ErrorResponse body.',
    source: spec(`${SPEC_GET}: the id is unique within the service and case sensitive; 404 DeleteJobNotFound`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-404-06',
    level: 'MUST',
    area: '404',
    text: 'An id a web stack, gateway or store may normalise onto an existing id (double percent-encoding, encoded separators, Unicode compatibility forms, ignorable or control characters; docs/equivalence-classes.md) that is not byte for byte an existing id returns 404 with the error.code of an unknown id, or 400 with an ErrorResponse when it holds a separator or control character.',
    source: spec(`${SPEC_GET}: the id is unique within the service and case sensitive; 404 DeleteJobNotFound`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-ODD-01',
    level: 'MUST',
    area: 'ODD',
    text: 'An odd id (encoded reserved characters, unicode, 300 characters, dots, spaces, empty) never produces a 5xx.',
    source: spec(`${SPEC_GET}: documented responses are 200 and errors in ErrorResponse`),
    applies: ALWAYS,
  },
  {
    id: 'DJ-ODD-02',
    level: 'MUST',
    area: 'ODD',
    text: "An odd id never produces a 200 carrying another job's id.",
    source: spec(`${SPEC_GET}: the id is unique within the service and case sensitive`),
    applies: ALWAYS,
  },
  {
    id: 'DJ-ODD-03',
    level: 'MUST',
    area: 'ODD',
    text: 'A 4xx reply to an odd id has an ErrorResponse body.',
    source: spec(`${SPEC_GET}, response default (ErrorResponse)`),
    applies: conditional('only where an odd id is answered with a 4xx other than 401'),
  },
  {
    id: 'DJ-APIV-01',
    level: 'MUST',
    area: 'APIV',
    text: 'A request without api-version returns 400 with an ErrorResponse body.',
    source: guideline(GUIDELINE_VERSIONING),
    applies: ALWAYS,
  },
  {
    id: 'DJ-APIV-02',
    level: 'SHOULD',
    area: 'APIV',
    text: 'A request without api-version has error.code MissingApiVersionParameter.',
    source: guideline(GUIDELINE_VERSIONING),
    applies: ALWAYS,
  },
  {
    id: 'DJ-APIV-03',
    level: 'MUST',
    area: 'APIV',
    text: 'A request with an empty api-version returns 400 with an ErrorResponse body.',
    source: guideline(GUIDELINE_VERSIONING),
    applies: ALWAYS,
  },
  {
    id: 'DJ-APIV-04',
    level: 'MUST',
    area: 'APIV',
    text: 'A request with an unsupported api-version returns 400 with an ErrorResponse body.',
    source: guideline(GUIDELINE_VERSIONING),
    applies: ALWAYS,
  },
  {
    id: 'DJ-APIV-05',
    level: 'SHOULD',
    area: 'APIV',
    text: 'A request with an unsupported api-version has error.code UnsupportedApiVersionValue.',
    source: guideline(GUIDELINE_VERSIONING),
    applies: ALWAYS,
  },
  {
    id: 'DJ-APIV-06',
    level: 'MUST',
    area: 'APIV',
    text: 'A query a web stack may normalise onto the supported api-version (padding or +, a repeated parameter, Unicode compatibility forms; docs/equivalence-classes.md) returns 400 with an ErrorResponse body, for an existing and an unknown id alike.',
    source: guideline(GUIDELINE_VERSIONING),
    applies: ALWAYS,
  },
  {
    id: 'DJ-TRACE-01',
    level: 'MUST',
    area: 'TRACE',
    text: 'A valid traceparent, alone or with tracestate, gives the same status and body as a request without them.',
    source: traceContext(TRACE_CONTEXT),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-TRACE-02',
    level: 'MUST',
    area: 'TRACE',
    text: 'Malformed trace headers are never rejected: each gives the same status and body as a request without it.',
    source: traceContext(`${TRACE_CONTEXT}; ${GUIDELINE_HEADERS}`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-TRACE-03',
    level: 'MUST',
    area: 'TRACE',
    text: 'Trace headers on a request for an unknown id leave the 404 and its error code unchanged.',
    source: traceContext(TRACE_CONTEXT),
    applies: ALWAYS,
  },
  {
    id: 'DJ-TRACE-04',
    level: 'SHOULD',
    area: 'TRACE',
    text: "When the response carries traceresponse, its trace-id equals the request's trace-id.",
    source: traceContext('W3C Trace Context Level 2, traceresponse'),
    applies: conditional('only where the target sends a traceresponse header'),
  },
  {
    id: 'DJ-AUTH-01',
    level: 'MUST',
    area: 'AUTH',
    text: 'A request without an Authorization header returns 401.',
    source: spec('OpenAPI 2023-10-31, securityDefinitions oauth2'),
    applies: conditional('only where the suite holds a credential (ADT_AUTH is not none)'),
  },
  {
    id: 'DJ-AUTH-02',
    level: 'MUST',
    area: 'AUTH',
    text: 'A request with a malformed or invalid bearer token returns 401.',
    source: spec('OpenAPI 2023-10-31, securityDefinitions oauth2'),
    applies: conditional('only where the suite holds a credential (ADT_AUTH is not none)'),
  },
  {
    id: 'DJ-AUTH-03',
    level: 'MUST',
    area: 'AUTH',
    text: 'A request with the configured credential altered (a JWT with its signature changed, or with alg none and no signature; an opaque token with its last character changed) returns 401.',
    source: spec(
      'OpenAPI 2023-10-31, securityDefinitions oauth2; RFC 6750 section 3.1 (invalid_token); RFC 8725 sections 2.1 and 3.1 (verify the signature, never accept alg none)',
    ),
    applies: conditional('only where the suite holds a credential (ADT_AUTH is not none)'),
  },
  {
    id: 'DJ-LIST-01',
    level: 'MUST',
    area: 'LIST',
    text: 'List returns 200 with a DeleteJobCollection body on every page reached through nextLink.',
    source: spec('OpenAPI 2023-10-31, DeleteJobs_List (x-ms-pageable)'),
    applies: ALWAYS,
  },
  {
    id: 'DJ-LIST-02',
    level: 'MUST',
    area: 'LIST',
    text: 'Every entry of every List page carries id, status, createdDateTime and purgeDateTime, and its *DateTime properties are strict RFC 3339 date-times.',
    source: profile(
      'The DJ-200-03 profile applied to List entries; RFC 3339 per OpenAPI 2023-10-31, definitions/DeleteJob',
    ),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-LIST-03',
    level: 'MUST',
    area: 'LIST',
    text: 'Every List entry has a non-empty string id, and no id appears twice on the listing.',
    source: spec(`${SPEC_GET}: the id is unique within the service`),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-LIST-04',
    level: 'MUST',
    area: 'LIST',
    text: 'GetById of a listed job returns the id and createdDateTime of its List entry (and its purgeDateTime unless the job moved on); for a finished job also its status, finishedDateTime and error.code; a job not yet finished only ever moves forward in its lifecycle.',
    source: profile(
      'List and GetById describe the same job: a client must get one answer, whichever operation it uses',
    ),
    applies: WITH_A_JOB,
  },
  {
    id: 'DJ-JSON-01',
    level: 'MUST',
    area: 'JSON',
    text: 'Every JSON response (List pages, GetById, error responses) is exactly one JSON value: labelled with a JSON content type, without a byte order mark, with nothing but whitespace after the value, and its bytes are what its Content-Encoding announces.',
    source: spec(
      'OpenAPI 2023-10-31, produces application/json; RFC 8259 sections 2 and 8.1; RFC 9110 section 8.4 (Content-Encoding)',
    ),
    applies: ALWAYS,
  },
  {
    id: 'DJ-JSON-02',
    level: 'MUST',
    area: 'JSON',
    text: 'No object in a JSON response (List pages, GetById, error responses) has two members with the same name, at any depth.',
    source: guideline(
      'Azure REST API guidelines, json-should-be-round-trippable; I-JSON (RFC 7493) section 2.3: member names MUST be unique (RFC 8259 section 4 only SHOULD)',
    ),
    applies: ALWAYS,
  },
  {
    id: 'DJ-PERF-01',
    level: 'SHOULD',
    area: 'PERF',
    text: 'The p95 latency of GetById over the configured number of requests stays under the configured budget.',
    source: profile('Latency budget set by the team running the suite (ADT_LATENCY_BUDGET_MS)'),
    applies: WITH_A_JOB,
  },
] as const satisfies readonly Requirement[];

export type RequirementId = (typeof REQUIREMENTS)[number]['id'];

const byId = new Map<string, Requirement>(REQUIREMENTS.map((r) => [r.id, r]));

export function requirement(id: RequirementId): Requirement {
  const found = byId.get(id);
  if (!found) throw new Error(`Unknown requirement id ${id}`);
  return found;
}

export function isRequirementId(id: string): id is RequirementId {
  return byId.has(id);
}

export const REQUIREMENT_TAG_PATTERN = /^@(DJ-[A-Z0-9]+-\d{2})$/;

export function tagFor(id: RequirementId): `@${RequirementId}` {
  return `@${id}`;
}

/** A Playwright --grep that selects the tests of exactly these requirements (DJ-404-0 would match DJ-404-01 alone). */
export function grepFor(ids: readonly string[]): string {
  return `@(${ids.join('|')})(?!\\d)`;
}

/** What a defect of the mock declares it breaks (mock/quirks/defects/*.ts), as the mock spells ids: plain strings. */
export interface DeclaredTargets {
  name: string;
  targets: readonly string[];
}

/** Defects whose targets are not catalogue ids or are empty, one line each naming the file to fix. */
export function unknownTargetProblems(defects: readonly DeclaredTargets[]): string[] {
  return defects.flatMap((defect) => {
    const where = `the defect ${defect.name} (mock/quirks/defects/${defect.name}.ts)`;
    if (defect.targets.length === 0) return [`${where} names no requirement in targets: add the ids it breaks`];
    const unknown = defect.targets.filter((id) => !byId.has(id));
    return unknown.length === 0
      ? []
      : [`${where} targets ${unknown.join(', ')}, not an id in src/requirements.ts: fix its targets`];
  });
}

/** MUST requirements that no defect targets: nothing proves the suite can fail them. */
export function mustWithoutDefectProblems(
  defects: readonly DeclaredTargets[],
  requirements: readonly Requirement[] = REQUIREMENTS,
): string[] {
  const targeted = new Set(defects.flatMap((defect) => defect.targets));
  return requirements
    .filter((req) => req.level === 'MUST' && !targeted.has(req.id))
    .map(
      (req) =>
        `requirement ${req.id} (MUST) has no defect: add one in mock/quirks/defects/ whose targets name it, so the proof shows the suite can fail it`,
    );
}
