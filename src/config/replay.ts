import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRecording, RecordingError, type HarFile, type RecordedVerdict } from '../../mock/replay/har-format';
import { ConfigError } from './errors';

/**
 * The settings of a recorded run that decide which tests run and how, stored in the recording's `_adt.run` so a
 * replay runs the same tests under the same rules (a replay of a URL-target run stays GET-only and paced).
 */
export interface RecordedRunSettings {
  target: 'bundled-mock' | 'url';
  /** A gateway path prefix of the recorded base URL ('' for none): the replay run uses it too. */
  pathPrefix: string;
  apiVersion: string;
  /** The recorded auth mode; a replay sends the mock's token in place of any credential. */
  auth: 'azure' | 'token' | 'mock' | 'none';
  deleteJobId: string;
  allowCreateDeleteJob: boolean;
  latencySamples: number;
  latencyBudgetMs: number;
  /** The seed and budget of the generated probes; undefined in a recording made before they existed. */
  probeSeed: number | undefined;
  probeBudget: number | undefined;
  /** '' = unlimited. */
  maxRps: string;
  /** '' = Playwright's default. */
  workers: string;
  /** Playwright's test-selection options of the recorded run (--grep, --max-failures, files…). */
  selection: string[];
}

export interface ReplaySettings {
  file: string;
  run: RecordedRunSettings;
  /** The recorded run's verdicts; undefined when that run did not end (nothing to compare with). */
  verdicts: RecordedVerdict[] | undefined;
  /** Set by `npm run judge`: the HAR being judged, whose traffic decides only the requirements it holds requests for. */
  judged: string | undefined;
}

const FIX = 'pass a recording this suite wrote (reports/exchanges.har of a finished run), or unset ADT_REPLAY_FILE.';

function field(run: Record<string, string>, name: string, file: string): string {
  const value = run[name];
  if (typeof value !== 'string')
    throw new ConfigError(
      'ADT_REPLAY_FILE',
      `${file} does not say which ${name} the recorded run used (_adt.run.${name}).`,
      FIX,
    );
  return value;
}

function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined || value === '' || !Number.isInteger(Number(value)) ? undefined : Number(value);
}

function runSettingsOf(recording: HarFile, file: string): RecordedRunSettings {
  const run = recording.log._adt.run;
  const target = field(run, 'target', file);
  const auth = field(run, 'auth', file);
  if (target !== 'bundled-mock' && target !== 'url')
    throw new ConfigError('ADT_REPLAY_FILE', `${file} names an unknown target kind "${target}".`, FIX);
  if (!['azure', 'token', 'mock', 'none'].includes(auth))
    throw new ConfigError('ADT_REPLAY_FILE', `${file} names an unknown auth mode "${auth}".`, FIX);
  let selection: unknown;
  try {
    selection = JSON.parse(field(run, 'selection', file));
  } catch {
    selection = undefined;
  }
  if (!Array.isArray(selection) || selection.some((arg) => typeof arg !== 'string'))
    throw new ConfigError('ADT_REPLAY_FILE', `${file}: _adt.run.selection is not a list of Playwright options.`, FIX);
  return {
    target,
    pathPrefix: field(run, 'pathPrefix', file),
    apiVersion: field(run, 'apiVersion', file),
    auth: auth as RecordedRunSettings['auth'],
    deleteJobId: field(run, 'deleteJobId', file),
    allowCreateDeleteJob: field(run, 'allowCreateDeleteJob', file) === '1',
    latencySamples: Number(field(run, 'latencySamples', file)),
    latencyBudgetMs: Number(field(run, 'latencyBudgetMs', file)),
    probeSeed: optionalNumber(run.probeSeed),
    probeBudget: optionalNumber(run.probeBudget),
    maxRps: field(run, 'maxRps', file),
    workers: field(run, 'workers', file),
    selection: selection as string[],
  };
}

/** Reads the recording named by ADT_REPLAY_FILE; any problem is a ConfigError with one message (exit 2). */
export function readReplaySettings(raw: string, cwd: string): ReplaySettings {
  const file = path.resolve(cwd, raw);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError('ADT_REPLAY_FILE', `${raw} cannot be read (no such file, or not readable).`, FIX);
  }
  let recording: HarFile;
  try {
    recording = parseRecording(text, raw);
  } catch (error) {
    if (error instanceof RecordingError) throw new ConfigError('ADT_REPLAY_FILE', error.message, FIX);
    throw error;
  }
  return {
    file,
    run: runSettingsOf(recording, raw),
    verdicts: recording.log._adt.verdicts,
    judged: recording.log._adt.run.judged,
  };
}
