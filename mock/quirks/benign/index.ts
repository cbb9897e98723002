import { empty401 } from './empty-401';
import { escapedJsonStrings } from './escaped-json-strings';
import { extraProperties } from './extra-properties';
import { extraResponseHeaders } from './extra-response-headers';
import { gzipWhenAsked } from './gzip-when-asked';
import { mixedCaseContentType } from './mixed-case-content-type';
import { nextlinkOmitted } from './nextlink-omitted';
import { noFractionTimestamps } from './no-fraction-timestamps';
import { noTraceresponse } from './no-traceresponse';
import { oneJobPerPage } from './one-job-per-page';
import { offsetTimestamps } from './offset-timestamps';
import { plainText401 } from './plain-text-401';
import { reformattedJson } from './reformatted-json';
import type { BenignQuirk } from '../quirk';

/** Every benign variant: correct but unusual behaviour that a careless suite would flag. */
export const BENIGN: readonly BenignQuirk[] = [
  empty401,
  escapedJsonStrings,
  extraProperties,
  extraResponseHeaders,
  mixedCaseContentType,
  nextlinkOmitted,
  noFractionTimestamps,
  noTraceresponse,
  offsetTimestamps,
  oneJobPerPage,
  plainText401,
  reformattedJson,
  // Last: it compresses the body the others have finished changing, when all run in one mock.
  gzipWhenAsked,
];
