import { readFileSync } from 'node:fs';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { parseRecording, RecordingError, type HarContent, type HarFile } from './har-format';

/** Reads and checks a recording; every problem is one RecordingError naming the file and what to do. */
export function readRecording(file: string): HarFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RecordingError(
      `${file} cannot be read (no such file, or not readable). Pass a recording the suite wrote, e.g. reports/exchanges.har.`,
    );
  }
  return parseRecording(text, file);
}

/** A recorded body's exact bytes. */
export function contentBytes(content: HarContent): Buffer {
  if (content.text === undefined) return Buffer.alloc(0);
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64') : Buffer.from(content.text, 'utf8');
}

const ENCODERS: Readonly<Record<string, (bytes: Buffer) => Buffer>> = {
  gzip: gzipSync,
  'x-gzip': gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
};

/**
 * The bytes to serve for a recorded body: one recorded decoded (`compression` set) is coded again as its
 * Content-Encoding names, so a replayed client decodes what the recorded one did.
 */
export function servedBytes(content: HarContent, body: Buffer, contentEncoding: string | undefined): Buffer {
  if (content.compression === undefined) return body;
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.reduce((bytes, coding) => ENCODERS[coding]?.(bytes) ?? bytes, body);
}
