import { acceptsAnyBearerToken } from './accepts-any-bearer-token';
import { arrayBody } from './array-body';
import { brokenLaterListPages } from './broken-later-list-pages';
import { caseTwinsShareData } from './case-twins-share-data';
import { duplicateMemberNames } from './duplicate-member-names';
import { emptyApiVersionAccepted } from './empty-api-version-accepted';
import { emptyNotFoundMessage } from './empty-not-found-message';
import { errorOnSucceededJob } from './error-on-succeeded-job';
import { failedWithoutError } from './failed-without-error';
import { february30 } from './february-30';
import { finishedBeforeCreated } from './finished-before-created';
import { finishedOnRunningJob } from './finished-on-running-job';
import { foreignNextlink } from './foreign-nextlink';
import { foreignTraceresponse } from './foreign-traceresponse';
import { genericMissingApiVersionCode } from './generic-missing-api-version-code';
import { getByIdDisagreesWithList } from './get-by-id-disagrees-with-list';
import { idTrimmedAndEchoed } from './id-trimmed-and-echoed';
import { jobErrorWithoutCode } from './job-error-without-code';
import { jobNotFoundCode } from './job-not-found-code';
import { jsonByteOrderMark } from './json-byte-order-mark';
import { jsonTrailingBytes } from './json-trailing-bytes';
import { jwtClaimsOnly } from './jwt-claims-only';
import { listEntryWithoutId } from './list-entry-without-id';
import { listNotACollection } from './list-not-a-collection';
import { listTimestampWithoutOffset } from './list-timestamp-without-offset';
import { lowerCasedIdEcho } from './lower-cased-id-echo';
import { mislabelledContentEncoding } from './mislabelled-content-encoding';
import { missingApiVersionAccepted } from './missing-api-version-accepted';
import { nearMissApiVersion } from './near-miss-api-version';
import { nearMissIdPrefix } from './near-miss-id-prefix';
import { noErrorCodeHeaderOn400 } from './no-error-code-header-on-400';
import { noErrorCodeHeaderOn404 } from './no-error-code-header-on-404';
import { notFoundStringInnererror } from './not-found-string-innererror';
import { nullUnsetProperties } from './null-unset-properties';
import { oddIdStringInnererror } from './odd-id-string-innererror';
import { offsetWithoutColon } from './offset-without-colon';
import { purgeBeforeCreated } from './purge-before-created';
import { purgeEqualsCreated } from './purge-equals-created';
import { rejectsMalformedTraceparent } from './rejects-malformed-traceparent';
import { rejectsTracestate } from './rejects-tracestate';
import { serverErrorOnLongIds } from './server-error-on-long-ids';
import { statusFieldCase } from './status-field-case';
import { succeededWithoutFinished } from './succeeded-without-finished';
import { textPlainContentType } from './text-plain-content-type';
import { timestampSpaceSeparator } from './timestamp-space-separator';
import { timestampWithoutOffset } from './timestamp-without-offset';
import { tokenPrefixMatch } from './token-prefix-match';
import { traceHeadersChange404 } from './trace-headers-change-404';
import { trimsIdWhitespace } from './trims-id-whitespace';
import { unsupportedApiVersionAccepted } from './unsupported-api-version-accepted';
import { unsupportedReportedMissing } from './unsupported-reported-missing';
import { unverifiedJwtSignature } from './unverified-jwt-signature';
import type { DefectQuirk } from '../quirk';

/** Every defect mode: each breaks the requirements it targets and, as far as possible, nothing else. */
export const DEFECTS: readonly DefectQuirk[] = [
  acceptsAnyBearerToken,
  arrayBody,
  brokenLaterListPages,
  caseTwinsShareData,
  duplicateMemberNames,
  emptyApiVersionAccepted,
  emptyNotFoundMessage,
  errorOnSucceededJob,
  failedWithoutError,
  february30,
  finishedBeforeCreated,
  finishedOnRunningJob,
  foreignNextlink,
  foreignTraceresponse,
  genericMissingApiVersionCode,
  getByIdDisagreesWithList,
  idTrimmedAndEchoed,
  jobErrorWithoutCode,
  jobNotFoundCode,
  jsonByteOrderMark,
  jsonTrailingBytes,
  jwtClaimsOnly,
  listEntryWithoutId,
  listNotACollection,
  listTimestampWithoutOffset,
  lowerCasedIdEcho,
  mislabelledContentEncoding,
  missingApiVersionAccepted,
  nearMissApiVersion,
  nearMissIdPrefix,
  noErrorCodeHeaderOn400,
  noErrorCodeHeaderOn404,
  notFoundStringInnererror,
  nullUnsetProperties,
  oddIdStringInnererror,
  offsetWithoutColon,
  purgeBeforeCreated,
  purgeEqualsCreated,
  rejectsMalformedTraceparent,
  rejectsTracestate,
  serverErrorOnLongIds,
  statusFieldCase,
  succeededWithoutFinished,
  textPlainContentType,
  timestampSpaceSeparator,
  timestampWithoutOffset,
  tokenPrefixMatch,
  traceHeadersChange404,
  trimsIdWhitespace,
  unsupportedApiVersionAccepted,
  unsupportedReportedMissing,
  unverifiedJwtSignature,
];
