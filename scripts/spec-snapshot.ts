/**
 * The structural snapshot of the official Digital Twins 2023-10-31 OpenAPI file that this project ships, so that
 * a clone needs nothing beside it: the Delete Jobs paths and every parameter and definition they reach, with
 * names, types, formats, enums, required lists, headers and status codes, and the operations' example bodies.
 * Prose (descriptions, summaries, tags, example titles) is left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Json = Record<string, unknown>;

export const SNAPSHOT_FILE = path.resolve(__dirname, '../schemas/upstream/digitaltwins-2023-10-31.snapshot.json');
export const SNAPSHOT_PATHS = ['/jobs/deletions', '/jobs/deletions/{id}'] as const;
export const UPSTREAM_LOCATION =
  'specification/digitaltwins/data-plane/DigitalTwins/stable/2023-10-31/digitaltwins.json';
const PROSE_KEYS = new Set(['description', 'summary', 'tags', 'x-ms-examples']);
const TOP_LEVEL_KEPT = ['swagger', 'host', 'schemes', 'produces', 'consumes', 'security'] as const;
const OPERATION_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;

/** A snapshot could not be made from the given file; the message names the fix. */
export class SnapshotError extends Error {}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function withoutProse(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutProse);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const key of Object.keys(node).sort()) {
    if (!PROSE_KEYS.has(key)) out[key] = withoutProse(node[key]);
  }
  return out;
}

function localRefs(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) localRefs(item, found);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) found.add(value);
      else localRefs(value, found);
    }
  }
  return found;
}

/** Every `#/parameters/x` and `#/definitions/x` reachable from the kept paths, followed transitively. */
function reachable(spec: Json, roots: unknown): { parameters: string[]; definitions: string[] } {
  const seen = new Set<string>();
  const pending = [...localRefs(roots, new Set())];
  while (pending.length > 0) {
    const ref = pending.pop() as string;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, section, name] = ref.split('/');
    const target = isObject(spec[section ?? '']) ? (spec[section ?? ''] as Json)[name ?? ''] : undefined;
    if (target === undefined) throw new SnapshotError(`the spec refers to ${ref}, which it does not define.`);
    pending.push(...localRefs(target, new Set()));
  }
  const names = (section: string): string[] =>
    [...seen]
      .filter((ref) => ref.startsWith(`#/${section}/`))
      .map((ref) => ref.slice(section.length + 3))
      .sort();
  return { parameters: names('parameters'), definitions: names('definitions') };
}

/** Swagger 2.0 requires a description on every response; the snapshot keeps the field, empty. */
function withEmptyResponseDescriptions(paths: Json): Json {
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(isObject(item) ? item : {})) {
      const responses = isObject(operation) && isObject(operation.responses) ? operation.responses : {};
      for (const response of Object.values(responses)) if (isObject(response)) response.description = '';
    }
  }
  return paths;
}

function pick(source: unknown, names: readonly string[]): Json {
  const from = isObject(source) ? source : {};
  return Object.fromEntries(names.map((name) => [name, withoutProse(from[name])]));
}

/** Example files named by the operations' x-ms-examples, read beside the spec, keyed by operationId. */
function examplesOf(paths: Json, specDir: string): { examples: Json; missing: string[] } {
  const examples: Json = {};
  const missing: string[] = [];
  for (const route of SNAPSHOT_PATHS) {
    const item = paths[route] as Json;
    for (const method of OPERATION_METHODS) {
      const operation = item[method];
      if (!isObject(operation) || typeof operation.operationId !== 'string') continue;
      const refs = Object.values(isObject(operation['x-ms-examples']) ? operation['x-ms-examples'] : {});
      const files = refs
        .map((ref) => (isObject(ref) ? ref.$ref : undefined))
        .filter((ref): ref is string => typeof ref === 'string');
      const bodies: unknown[] = [];
      for (const full of files.map((file) => path.resolve(specDir, file))) {
        if (existsSync(full)) bodies.push(JSON.parse(readFileSync(full, 'utf8')));
        else missing.push(full);
      }
      if (bodies.length > 0) examples[operation.operationId] = bodies.length === 1 ? bodies[0] : bodies;
    }
  }
  return { examples, missing };
}

export interface Snapshot {
  snapshot: Json;
  /** Example files the spec names that are not beside it (a spec fetched without its examples/ folder). */
  missingExamples: string[];
}

/** The snapshot of an official spec file: a valid Swagger 2.0 document reduced to the Delete Jobs operations. */
export function snapshotOf(spec: unknown, specDir: string): Snapshot {
  if (!isObject(spec) || !isObject(spec.paths) || !isObject(spec.definitions)) {
    throw new SnapshotError('it is not a Swagger 2.0 file with paths and definitions.');
  }
  const paths: Json = {};
  for (const route of SNAPSHOT_PATHS) {
    if (!isObject(spec.paths[route]))
      throw new SnapshotError(`it has no ${route} path: it is not the Digital Twins data-plane spec.`);
    paths[route] = spec.paths[route];
  }
  const { parameters, definitions } = reachable(spec, paths);
  const info = isObject(spec.info) ? spec.info : {};
  const { examples, missing } = examplesOf(paths, specDir);
  const snapshot = {
    'x-snapshot': {
      of: UPSTREAM_LOCATION,
      regenerate: 'npm run check:drift -- <official.json> --update-snapshot',
    },
    ...Object.fromEntries(TOP_LEVEL_KEPT.filter((key) => key in spec).map((key) => [key, withoutProse(spec[key])])),
    info: { title: info.title, version: info.version },
    securityDefinitions: withoutProse(spec.securityDefinitions),
    paths: withEmptyResponseDescriptions(withoutProse(paths) as Json),
    parameters: pick(spec.parameters, parameters),
    definitions: pick(spec.definitions, definitions),
    'x-examples': examples,
  };
  return { snapshot, missingExamples: missing };
}

export function snapshotText(snapshot: Json): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

export function readSnapshot(file: string = SNAPSHOT_FILE): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

export interface SnapshotChange {
  where: string;
  snapshot: string;
  upstream: string;
}

const ABSENT = '(absent)';

/** Every leaf where the committed snapshot and a fresh one differ, as a JSON path with both values. */
export function diffSnapshots(
  snapshot: unknown,
  upstream: unknown,
  where = '$',
  out: SnapshotChange[] = [],
): SnapshotChange[] {
  if (isObject(snapshot) && isObject(upstream)) {
    for (const key of [...new Set([...Object.keys(snapshot), ...Object.keys(upstream)])].sort()) {
      if (key === 'x-snapshot') continue;
      diffSnapshots(snapshot[key], upstream[key], `${where}.${key}`, out);
    }
  } else if (Array.isArray(snapshot) && Array.isArray(upstream)) {
    for (let index = 0; index < Math.max(snapshot.length, upstream.length); index += 1) {
      diffSnapshots(snapshot[index], upstream[index], `${where}[${index}]`, out);
    }
  } else if (JSON.stringify(snapshot) !== JSON.stringify(upstream)) {
    const show = (value: unknown): string => (value === undefined ? ABSENT : JSON.stringify(value));
    out.push({ where, snapshot: show(snapshot), upstream: show(upstream) });
  }
  return out;
}
