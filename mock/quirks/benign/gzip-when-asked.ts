import { gzipSync } from 'node:zlib';
import { requestHeader } from '../defects/support';
import type { BenignQuirk } from '../quirk';

/** True when an Accept-Encoding value lists gzip (or `*`) with a q-value above 0. */
function acceptsGzip(acceptEncoding: string): boolean {
  return acceptEncoding.split(',').some((entry) => {
    const [coding = '', ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

export const gzipWhenAsked: BenignQuirk = {
  name: 'gzip-when-asked',
  kind: 'benign',
  description:
    "Gzips every JSON body when the request's Accept-Encoding lists gzip, with Content-Encoding: gzip and Vary: Accept-Encoding (RFC 9110 section 12.5.3).",
  encode: (draft, facts) => {
    if (
      !/^application\/json/i.test(draft.headers['content-type'] ?? '') ||
      !acceptsGzip(requestHeader(facts, 'accept-encoding') ?? '')
    )
      return;
    draft.bodyBytes = gzipSync(draft.body);
    draft.headers['content-encoding'] = 'gzip';
    draft.headers.vary = 'Accept-Encoding';
  },
};
