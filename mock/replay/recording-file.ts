import { readFileSync } from 'node:fs';
import { parseRecording, RecordingError, type HarContent, type HarFile } from './har-format';

/** Reads and checks a recording; every problem is one RecordingError naming the file and what to do. */
export function readRecording(file: string): HarFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RecordingError(`${file} cannot be read (no such file, or not readable). Pass a recording the suite wrote, e.g. reports/exchanges.har.`);
  }
  return parseRecording(text, file);
}

/** A recorded body's exact bytes. */
export function contentBytes(content: HarContent): Buffer {
  if (content.text === undefined) return Buffer.alloc(0);
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64') : Buffer.from(content.text, 'utf8');
}
