import { HOST_PLACEHOLDER, type HarContent } from '../../../mock/replay/har-format';
import { redactHeaderValue, redactText } from '../http/redact';

/**
 * The recording's redaction: the evidence's own (credential headers, registered secrets, anything JWT-shaped)
 * plus the target's host name, replaced by HOST_PLACEHOLDER unless the user keeps it.
 */
export interface Scrubber {
  text(value: string): string;
  header(name: string, value: string): string;
  /** The body's exact bytes, scrubbed byte for byte: text when valid UTF-8 without a BOM, base64 otherwise. */
  content(bytes: Buffer, mimeType: string): HarContent;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function isPlainUtf8(bytes: Buffer): boolean {
  if (bytes.subarray(0, 3).equals(BOM)) return false;
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function scrubberFor(baseUrl: string, keepHost: boolean): Scrubber {
  const { host, hostname } = new URL(baseUrl);
  const hosts = keepHost
    ? []
    : [...new Set([host, hostname.replace(/^\[(.*)\]$/, '$1'), hostname])].filter((name) => name !== '');
  const text = (value: string): string => {
    let result = redactText(value);
    for (const name of hosts) result = result.split(name).join(HOST_PLACEHOLDER);
    return result;
  };
  return {
    text,
    header: (name, value) => text(redactHeaderValue(name, value)),
    content(bytes, mimeType) {
      // latin1 maps every byte to one character and back, so scrubbing ASCII secrets and host names keeps the rest exact.
      const scrubbed = Buffer.from(text(bytes.toString('latin1')), 'latin1');
      return isPlainUtf8(scrubbed)
        ? { size: scrubbed.length, mimeType, text: scrubbed.toString('utf8') }
        : { size: scrubbed.length, mimeType, text: scrubbed.toString('base64'), encoding: 'base64' };
    },
  };
}
