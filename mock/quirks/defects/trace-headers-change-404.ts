import type { DefectQuirk } from '../quirk';
import { answerWithError, onNotFound, requestHeader } from './support';

export const traceHeadersChange404: DefectQuirk = {
  name: 'trace-headers-change-404',
  kind: 'defect',
  targets: ['DJ-TRACE-03'],
  description: 'Turns the 404 for an unknown id into 400 ValidationFailed whenever the request carries trace headers.',
  response: onNotFound((draft, facts) => {
    if (requestHeader(facts, 'traceparent') !== undefined || requestHeader(facts, 'tracestate') !== undefined)
      answerWithError(draft, 'ValidationFailed');
  }),
};
