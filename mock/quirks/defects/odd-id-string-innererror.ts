import type { DefectQuirk } from '../quirk';

export const oddIdStringInnererror: DefectQuirk = {
  name: 'odd-id-string-innererror',
  kind: 'defect',
  targets: ['DJ-ODD-03'],
  description:
    'Sends innererror as a plain string, which the ErrorResponse schema does not allow, in the 400 for an id with malformed percent-encoding.',
  errorBody: (body, code) =>
    code === 'MockMalformedPercentEncoding'
      ? { error: { ...body.error, innererror: 'URIError: URI malformed' } }
      : body,
};
