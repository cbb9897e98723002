import { SUPPORTED_API_VERSIONS } from './defaults';

export interface CatalogueEntry {
  status: number;
  message: string;
}

/**
 * Every error the mock can answer with. Codes documented by the API or the Azure guidelines keep their
 * real names; everything the mock invents starts with `Mock`, so a typo in a test URL can never pass for
 * a real API error such as DeleteJobNotFound.
 */
export const ERROR_CATALOGUE = {
  DeleteJobNotFound: { status: 404, message: 'The delete job was not found.' },
  MissingApiVersionParameter: {
    status: 400,
    message: 'The api-version query parameter (?api-version=) is required for all requests.',
  },
  UnsupportedApiVersionValue: {
    status: 400,
    message: `Unsupported api-version. The supported versions are: ${SUPPORTED_API_VERSIONS.join(', ')}.`,
  },
  ValidationFailed: { status: 400, message: 'The request failed validation.' },
  JobLimitReached: { status: 400, message: 'The maximum number of delete jobs allowed has been reached.' },
  MockRouteNotFound: { status: 404, message: 'The mock serves no such route. Check the request path.' },
  MockMethodNotAllowed: { status: 405, message: 'The mock does not serve this method on this route.' },
  MockMalformedPercentEncoding: { status: 400, message: 'The request path holds malformed percent-encoding.' },
  MockInvalidContinuationToken: { status: 400, message: 'The continuationToken is not one the mock issued.' },
  MockUnknownScenario: { status: 400, message: 'The requested mock scenario does not exist.' },
  MockInvalidFaultHeader: { status: 400, message: 'The x-mock-fault header could not be parsed.' },
  MockInvalidClockRequest: { status: 400, message: 'Use ?advanceMs=<non-negative integer> or ?set=<RFC 3339 time>.' },
  MockBadRequest: { status: 400, message: 'The request could not be parsed as HTTP.' },
  MockRequestHeaderTooLarge: { status: 431, message: 'The request headers are too large.' },
  MockInjectedTooManyRequests: { status: 429, message: 'Injected fault: too many requests.' },
  MockInjectedInternalError: { status: 500, message: 'Injected fault: internal server error.' },
  MockInjectedServiceUnavailable: { status: 503, message: 'Injected fault: service unavailable.' },
  MockInjectedFault: { status: 500, message: 'Injected fault.' },
  MockInternalError: { status: 500, message: 'The mock itself failed; please report it.' },
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
