import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/**
 * The suite's HTTP client is node:http, which hands over the bytes exactly as they came: nothing decodes a
 * Content-Encoding behind the suite's back, so it is decoded here, and a body that does not decode as its headers
 * announce is a finding (DJ-JSON-01), not something to guess around. See docs/requirements.md, "Content codings".
 */

/** Sent with every request: the codings the suite decodes, so any other coding in a response is the server's fault (RFC 9110 section 12.5.3). */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

const DECODERS: Readonly<Record<string, (bytes: Buffer) => Buffer>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  // RFC 9110 says zlib-wrapped; browsers also take raw deflate from servers that get it wrong, and so does the suite.
  deflate: (bytes) => {
    try {
      return inflateSync(bytes);
    } catch {
      return inflateRawSync(bytes);
    }
  },
  br: brotliDecompressSync,
};

export type DecodedBody =
  { readonly bytes: Buffer; readonly codings: readonly string[] } | { readonly problem: string };

/** The codings a Content-Encoding value lists, in the order they were applied, without `identity`. */
export function codingsOf(contentEncoding: string | undefined): string[] {
  return (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/** The body with every announced coding undone (last applied, first undone), or what stopped that. */
export function decodeBody(bytes: Buffer, contentEncoding: string | undefined): DecodedBody {
  const codings = codingsOf(contentEncoding);
  let current = bytes;
  for (const coding of [...codings].reverse()) {
    const decode = DECODERS[coding];
    if (decode === undefined)
      return {
        problem: `content-encoding ${JSON.stringify(contentEncoding)} names ${JSON.stringify(coding)}, which the suite did not accept (it sends Accept-Encoding: ${ACCEPT_ENCODING})`,
      };
    try {
      current = decode(current);
    } catch (error) {
      return {
        problem: `content-encoding ${JSON.stringify(contentEncoding)} announces ${coding}, but the body does not decode as ${coding} (${(error as Error).message})`,
      };
    }
  }
  return { bytes: current, codings };
}
