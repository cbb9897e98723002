import type { DefectQuirk } from '../quirk';
import { answerWithError, hasValidTraceparent, requestHeader } from './support';

/** Long tracestates are left alone, so only the valid-header checks (DJ-TRACE-01) see the rejection. */
const MAX_REJECTED_LENGTH = 256;

export const rejectsTracestate: DefectQuirk = {
  name: 'rejects-tracestate',
  kind: 'defect',
  targets: ['DJ-TRACE-01'],
  expectedMessage: /must answer exactly as without trace headers/,
  description:
    'Answers a GetById of an existing job with 400 ValidationFailed when a valid traceparent comes with a short tracestate.',
  response: (draft, facts) => {
    const tracestate = requestHeader(facts, 'tracestate') ?? '';
    const rejects = tracestate !== '' && tracestate.length <= MAX_REJECTED_LENGTH && hasValidTraceparent(facts);
    if (facts.route === 'getById' && draft.status === 200 && rejects) answerWithError(draft, 'ValidationFailed');
  },
};
