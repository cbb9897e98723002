import type { RequirementId } from '../requirements';

/**
 * The requirements each defect quirk of the mock breaks: the suite must fail exactly there. The mock only
 * describes what a quirk does; which requirement that violates is the proof's knowledge, kept here.
 */
export const DEFECT_TARGETS: Readonly<Record<string, readonly RequirementId[]>> = {
  'accepts-any-bearer-token': ['DJ-AUTH-02'],
  'array-body': ['DJ-200-02'],
  'broken-later-list-pages': ['DJ-LIST-01'],
  'capitalised-status': ['DJ-200-04'],
  'case-insensitive-ids': ['DJ-CASE-01'],
  'case-twins-share-data': ['DJ-CASE-02'],
  'duplicate-member-names': ['DJ-JSON-02'],
  'empty-api-version-accepted': ['DJ-APIV-03'],
  'empty-not-found-message': ['DJ-404-04'],
  'error-code-header-mismatch': ['DJ-404-02'],
  'error-on-succeeded-job': ['DJ-STATE-02'],
  'failed-without-error': ['DJ-STATE-02'],
  'february-30': ['DJ-TIME-01'],
  'finished-before-created': ['DJ-TIME-02'],
  'finished-on-running-job': ['DJ-STATE-01'],
  'foreign-nextlink': ['DJ-LIST-01'],
  'foreign-traceresponse': ['DJ-TRACE-04'],
  'generic-missing-api-version-code': ['DJ-APIV-02'],
  'get-by-id-disagrees-with-list': ['DJ-LIST-04'],
  'id-trimmed-and-echoed': ['DJ-404-01'],
  'job-error-without-code': ['DJ-STATE-03'],
  'job-not-found-code': ['DJ-404-03'],
  'json-byte-order-mark': ['DJ-JSON-01'],
  'json-trailing-bytes': ['DJ-JSON-01'],
  'jwt-claims-only': ['DJ-AUTH-03'],
  'list-entry-without-id': ['DJ-LIST-03'],
  'list-not-a-collection': ['DJ-LIST-01'],
  'list-timestamp-without-offset': ['DJ-LIST-02'],
  'lower-cased-id-echo': ['DJ-200-05'],
  'mislabelled-content-encoding': ['DJ-JSON-01'],
  'missing-api-version-accepted': ['DJ-APIV-01'],
  'near-miss-api-version': ['DJ-APIV-04'],
  'near-miss-id-prefix': ['DJ-404-05'],
  'no-error-code-header-on-400': ['DJ-404-02'],
  'no-error-code-header-on-404': ['DJ-404-02'],
  'no-token-required': ['DJ-AUTH-01'],
  'not-found-string-innererror': ['DJ-404-01'],
  'null-unset-properties': ['DJ-200-02'],
  'odd-id-string-innererror': ['DJ-ODD-03'],
  'offset-without-colon': ['DJ-TIME-01'],
  'purge-before-created': ['DJ-TIME-03'],
  'purge-equals-created': ['DJ-TIME-03'],
  'rejects-malformed-traceparent': ['DJ-TRACE-02'],
  'rejects-tracestate': ['DJ-TRACE-01'],
  'server-error-on-long-ids': ['DJ-ODD-01'],
  'status-field-case': ['DJ-200-03'],
  'succeeded-without-finished': ['DJ-STATE-01'],
  'text-plain-content-type': ['DJ-200-01'],
  'timestamp-space-separator': ['DJ-TIME-01'],
  'timestamp-without-offset': ['DJ-TIME-01'],
  'token-prefix-match': ['DJ-AUTH-03'],
  'trace-headers-change-404': ['DJ-TRACE-03'],
  'trims-id-whitespace': ['DJ-ODD-02'],
  'unsupported-api-version-accepted': ['DJ-APIV-04'],
  'unsupported-reported-missing': ['DJ-APIV-05'],
  'unverified-jwt-signature': ['DJ-AUTH-02'],
};

/**
 * What the failure must say for a defect a staging user meets often: the proof fails when the suite catches the
 * defect with a message that does not explain it (an assertion a reader of the report cannot act on).
 */
export const DEFECT_MESSAGES: Readonly<Record<string, RegExp>> = {
  'no-error-code-header-on-404': /no x-ms-error-code header/,
  'case-insensitive-ids': /ids are case sensitive, so it must answer 404/,
  'missing-api-version-accepted': /without api-version must be rejected with 400/,
  'rejects-tracestate': /must answer exactly as without trace headers/,
  'no-token-required': /without an Authorization header must be rejected with 401/,
  'timestamp-space-separator': /must be a strict RFC 3339 date-time/,
  'trims-id-whitespace': /must not be answered with another job/,
};

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** JWT-shaped, as an Entra token is: header, claims and a signature (of nothing; the mock compares strings). */
export const JWT_TEST_TOKEN = `${base64url({ typ: 'JWT', alg: 'RS256', kid: 'adt-mock' })}.${base64url({ aud: 'https://digitaltwins.azure.net', sub: 'adt-mock' })}.${Buffer.from('adt-mock-signature').toString('base64url')}`;

/** The token a defect's mock and suite run with, where the defect only shows with that kind of credential. */
export const DEFECT_TOKENS: Readonly<Record<string, string>> = {
  'jwt-claims-only': JWT_TEST_TOKEN,
};
