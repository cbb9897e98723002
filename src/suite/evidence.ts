import type { TestInfo } from '@playwright/test';
import type { EvidenceRecord, EvidenceSink } from './http/client';

function headerLines(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

function prettyBody(bodyText: string): string {
  try {
    return JSON.stringify(JSON.parse(bodyText), null, 2);
  } catch {
    return bodyText;
  }
}

export interface EvidenceOptions {
  /** The suite's credential is the bundled mock's token, whose value the reproduce note can point to. */
  readonly mockToken?: boolean;
}

/** What to do before running the curl: export the token it expands, when it carries the suite's own. */
function reproduceNote(record: EvidenceRecord, options: EvidenceOptions): string {
  if (record.credential !== 'configured') return '# Reproduce:';
  return options.mockToken === true
    ? "# Reproduce (export ADT_ACCESS_TOKEN first: the bundled mock's token is MOCK_DEFAULT_TOKEN in mock/contract.ts):"
    : '# Reproduce (export ADT_ACCESS_TOKEN first, with the token the run used):';
}

/** The exchange as a person reads it: request, response, and a curl command that reproduces it. */
export function formatEvidence(record: EvidenceRecord, options: EvidenceOptions = {}): string {
  const lines = [`${record.request.method} ${record.request.url}`, ...headerLines(record.request.headers), ''];
  for (const retry of record.retries ?? []) {
    lines.push(
      `Attempt ${retry.attempt} got HTTP ${retry.status} (Retry-After: ${retry.retryAfter ?? 'none'}); retried after ${retry.waitMs} ms`,
    );
  }
  if (record.retries?.length) lines.push('');
  if (record.response) {
    const note = record.reused
      ? ' (response reused from an identical earlier request in this worker)'
      : ` (${record.response.durationMs} ms)`;
    lines.push(
      `HTTP ${record.response.status}${note}`,
      ...headerLines(record.response.headers),
      '',
      prettyBody(record.response.bodyText),
      '',
    );
  } else {
    lines.push(`No response: ${record.error ?? 'unknown error'}`, '');
  }
  lines.push(reproduceNote(record, options), record.curl, '');
  return lines.join('\n');
}

const MAX_NAME_PATH = 120;

function attachmentName(record: EvidenceRecord): string {
  const pathAndQuery = record.request.url.replace(/^https?:\/\/[^/]+/, '');
  const outcome = record.response ? String(record.response.status) : 'no response';
  const shortPath = pathAndQuery.length > MAX_NAME_PATH ? `${pathAndQuery.slice(0, MAX_NAME_PATH)}…` : pathAndQuery;
  return `HTTP ${record.request.method} ${shortPath} → ${outcome}`;
}

/**
 * A sink that attaches every exchange to the running test, through `attachments.push`, which Playwright keeps
 * working for this. `attach()` would also open an "Attach" step per exchange, make the test's output folder and
 * capture a source-mapped stack: at one or two exchanges a test, that was about a tenth of a run's CPU.
 */
export function attachingSink(testInfo: TestInfo, options: EvidenceOptions = {}): EvidenceSink {
  return (record) => {
    testInfo.attachments.push({
      name: attachmentName(record),
      contentType: 'text/plain',
      body: Buffer.from(formatEvidence(record, options), 'utf8'),
    });
    return Promise.resolve();
  };
}

/** Every sink, in turn, for each exchange. */
export function allSinks(sinks: readonly EvidenceSink[]): EvidenceSink {
  return async (record) => {
    for (const sink of sinks) await sink(record);
  };
}
