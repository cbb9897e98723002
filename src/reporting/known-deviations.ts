import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type * as Yaml from 'yaml';
import { isRequirementId, type RequirementId } from '../requirements';
import { ConfigError, VARIABLES } from '../config';

const KNOWN_DEVIATIONS_ENV = VARIABLES.knownDeviations.name;

export interface KnownDeviation {
  id: RequirementId;
  reason: string;
  link: string;
}

/** A known-deviations file that cannot be used: a configuration error naming the file and the fix. */
export class KnownDeviationsError extends ConfigError {
  constructor(path: string, problem: string, fix: string) {
    super(`${KNOWN_DEVIATIONS_ENV}=${path}`, problem, fix);
  }
}

const EXAMPLE_ENTRY = '{ "id": "DJ-404-02", "reason": "why the team accepts it", "link": "https://tracker/item" }';

/** yaml is loaded only for a YAML file: every runner and worker loads this module, and most runs name no file. */
function parseYaml(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a static import would load yaml in every process
  return (require('yaml') as typeof Yaml).parse(text);
}

function parseFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new KnownDeviationsError(
      path,
      'the file cannot be read.',
      `point ${KNOWN_DEVIATIONS_ENV} at an existing file (see deviations/known-deviations.example.json) or unset it.`,
    );
  }
  try {
    return ['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
    throw new KnownDeviationsError(path, `the file is not valid JSON/YAML (${detail}).`, 'fix the syntax.');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function entryProblems(entry: unknown, seen: Set<string>): string[] {
  if (!isRecord(entry)) return ['is not an object'];
  const problems: string[] = [];
  const { id, reason, link } = entry;
  if (typeof id !== 'string' || !isRequirementId(id)) {
    problems.push(
      `has unknown requirement id ${JSON.stringify(id)} (use an id from src/requirements.ts, e.g. DJ-404-02)`,
    );
  } else if (seen.has(id)) {
    problems.push(`repeats ${id} (list each requirement once)`);
  } else {
    seen.add(id);
  }
  if (typeof reason !== 'string' || reason.trim() === '')
    problems.push('has no "reason" (say why the team accepts the deviation)');
  if (typeof link !== 'string' || !isHttpUrl(link))
    problems.push('has no "link" http(s) URL (point at the ticket or discussion)');
  return problems;
}

/** Validates the parsed file; all problems are reported in one message. */
export function validateKnownDeviations(data: unknown, path: string): KnownDeviation[] {
  const entries = isRecord(data) ? data.deviations : undefined;
  if (!Array.isArray(entries)) {
    throw new KnownDeviationsError(
      path,
      'expected an object with a "deviations" array.',
      `write it as {"deviations": [${EXAMPLE_ENTRY}]}.`,
    );
  }
  const seen = new Set<string>();
  const problems = entries.flatMap((entry: unknown, index) =>
    entryProblems(entry, seen).map((problem) => {
      const id = isRecord(entry) && typeof entry.id === 'string' ? ` (${entry.id})` : '';
      return `  - deviations[${index}]${id} ${problem}`;
    }),
  );
  if (problems.length > 0) {
    throw new KnownDeviationsError(
      path,
      `the file is invalid:\n${problems.join('\n')}`,
      `fix these entries; each needs ${EXAMPLE_ENTRY}.`,
    );
  }
  return entries as KnownDeviation[];
}

export function loadKnownDeviations(path: string): KnownDeviation[] {
  return validateKnownDeviations(parseFile(path), path);
}

/** The deviations of the configured file (ADT_KNOWN_DEVIATIONS), keyed by requirement id; empty without one. */
export function knownDeviationsIn(file: string | undefined): Map<string, KnownDeviation> {
  if (file === undefined) return new Map();
  return new Map(loadKnownDeviations(file).map((deviation) => [deviation.id, deviation]));
}
