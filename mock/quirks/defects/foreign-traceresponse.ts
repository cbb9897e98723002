import type { DefectQuirk } from '../quirk';

const FOREIGN_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

export const foreignTraceresponse: DefectQuirk = {
  name: 'foreign-traceresponse',
  kind: 'defect',
  targets: ['DJ-TRACE-04'],
  description: "Sends a traceresponse whose trace-id is not the caller's, as a proxy that starts its own trace would.",
  response: (draft) => {
    const traceresponse = draft.headers.traceresponse;
    if (traceresponse !== undefined)
      draft.headers.traceresponse = traceresponse.replace(/^([\da-f]{2})-[\da-f]{32}-/, `$1-${FOREIGN_TRACE_ID}-`);
  },
};
