import { SUPPORTED_API_VERSIONS } from './defaults';
import { REPLAY_NOT_RECORDED_STATUS } from './replay/har-format';

export interface CatalogueEntry {
  status: number;
  message: string;
  /** When the mock answers with it, for the generated docs table. */
  when: string;
}

/**
 * Every error the mock can answer with. Codes documented by the API or the Azure guidelines keep their
 * real names; everything the mock invents starts with `Mock`, so a typo in a test URL can never pass for
 * a real API error such as DeleteJobNotFound.
 */
export const ERROR_CATALOGUE = {
  DeleteJobNotFound: {
    status: 404,
    message: 'The delete job was not found.',
    when: 'no job with this id (or it was purged)',
  },
  MissingApiVersionParameter: {
    status: 400,
    message: 'The api-version query parameter (?api-version=) is required for all requests.',
    when: '`api-version` absent or empty',
  },
  UnsupportedApiVersionValue: {
    status: 400,
    message: `Unsupported api-version. The supported versions are: ${SUPPORTED_API_VERSIONS.join(', ')}.`,
    when: 'any other version',
  },
  ValidationFailed: {
    status: 400,
    message: 'The request failed validation.',
    when: 'Add: operation-id exists, too long, or bad `timeoutInMinutes`',
  },
  JobLimitReached: {
    status: 400,
    message: 'The maximum number of delete jobs allowed has been reached.',
    when: 'Add while a job is active',
  },
  MockInvalidIdCharacters: {
    status: 400,
    message: 'The id holds a path separator or a control character.',
    when: 'quirk `rejects-unusable-id-characters` only',
  },
  MockAmbiguousApiVersion: {
    status: 400,
    message: 'The api-version parameter is given more than once with different values.',
    when: 'quirk `repeated-api-version-ambiguous` only',
  },
  MockRouteNotFound: {
    status: 404,
    message: 'The mock serves no such route. Check the request path.',
    when: 'no such route',
  },
  MockMethodNotAllowed: {
    status: 405,
    message: 'The mock does not serve this method on this route.',
    when: 'wrong method (with `Allow`)',
  },
  MockMalformedPercentEncoding: {
    status: 400,
    message: 'The request path holds malformed percent-encoding.',
    when: 'e.g. `/jobs/deletions/%zz`',
  },
  MockInvalidContinuationToken: {
    status: 400,
    message: 'The continuationToken is not one the mock issued.',
    when: 'a List token the mock did not issue',
  },
  MockUnknownScenario: {
    status: 400,
    message: 'The requested mock scenario does not exist.',
    when: '`x-mock-scenario` names no scenario',
  },
  MockInvalidFaultHeader: {
    status: 400,
    message: 'The x-mock-fault header could not be parsed.',
    when: '`x-mock-fault` cannot be parsed',
  },
  MockInvalidClockRequest: {
    status: 400,
    message: 'Use ?advanceMs=<non-negative integer> or ?set=<RFC 3339 time>.',
    when: 'bad `/mock/clock` query',
  },
  MockBadRequest: {
    status: 400,
    message: 'The request could not be parsed as HTTP.',
    when: 'not parseable as HTTP (unknown method, garbage)',
  },
  MockRequestHeaderTooLarge: {
    status: 431,
    message: 'The request headers are too large.',
    when: 'headers over 32 KiB',
  },
  MockInjectedTooManyRequests: {
    status: 429,
    message: 'Injected fault: too many requests.',
    when: 'injected fault `429`',
  },
  MockInjectedInternalError: {
    status: 500,
    message: 'Injected fault: internal server error.',
    when: 'injected fault `500`',
  },
  MockInjectedServiceUnavailable: {
    status: 503,
    message: 'Injected fault: service unavailable.',
    when: 'injected fault `503`',
  },
  MockInjectedFault: { status: 500, message: 'Injected fault.', when: 'injected fault with any other status' },
  MockReplayNotRecorded: {
    status: REPLAY_NOT_RECORDED_STATUS,
    message: 'The replayed recording holds no answer for this request.',
    when: '`--replay`: the recording has no exchange with this method, path, query, credential kind and headers',
  },
  MockInternalError: {
    status: 500,
    message: 'The mock itself failed; please report it.',
    when: 'a bug in the mock; please report it',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}

export interface ErrorResponseBody {
  error: { code: string; message: string };
}

/** `detail` sharpens the catalogue message for one case (e.g. which Add parameter failed validation). */
export function errorResponseBody(code: ErrorCode, detail?: string): ErrorResponseBody {
  return { error: { code, message: detail ?? ERROR_CATALOGUE[code].message } };
}

/** The live 401 shape: not an ErrorResponse and without x-ms-error-code. */
export const UNAUTHORIZED_BODY = '{"statusCode":401,"message":"Unauthorized"}';

/** The error a job carries when it runs past its timeout; the live code was never recorded. */
export const JOB_TIMEOUT_ERROR = { code: 'JobTimedOut', message: 'The delete job did not finish within its timeout.' };
