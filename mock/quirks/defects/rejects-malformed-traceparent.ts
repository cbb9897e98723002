import type { DefectQuirk } from '../quirk';
import { answerWithError, hasValidTraceparent, requestHeader } from './support';

export const rejectsMalformedTraceparent: DefectQuirk = {
  name: 'rejects-malformed-traceparent',
  kind: 'defect',
  targets: ['DJ-TRACE-02'],
  description:
    'Answers a GetById of an existing job with 400 ValidationFailed when its traceparent is malformed, instead of ignoring the header.',
  response: (draft, facts) => {
    const malformed = requestHeader(facts, 'traceparent') !== undefined && !hasValidTraceparent(facts);
    if (facts.route === 'getById' && draft.status === 200 && malformed) answerWithError(draft, 'ValidationFailed');
  },
};
