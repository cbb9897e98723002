/**
 * Drift check: compares the JSON Schemas in schemas/ with the definitions of the official ADT OpenAPI (Swagger 2.0)
 * file: by default with the structural snapshot shipped in schemas/upstream/, or with an official file given as
 * argument (then the snapshot is diffed against it too, or rewritten with --update-snapshot).
 * Exit 0: no drift. Exit 1: drift, or upstream moved since the snapshot (listed). Exit 2: bad arguments or files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  diffSnapshots,
  readSnapshot,
  type Snapshot,
  SNAPSHOT_FILE,
  SnapshotError,
  snapshotOf,
  snapshotText,
  UPSTREAM_LOCATION,
} from './spec-snapshot';

type Json = Record<string, unknown>;

/** Where each schema file's counterpart lives in the spec (`definitions/<name>` unless listed here). */
const SPEC_LOCATION: Record<string, string[]> = {
  DeleteJob: ['definitions', 'DeleteJob'],
  DeleteJobStatus: ['definitions', 'DeleteJob', 'properties', 'status'],
  Error: ['definitions', 'Error'],
  ErrorResponse: ['definitions', 'ErrorResponse'],
  InnerError: ['definitions', 'InnerError'],
  DeleteJobCollection: ['definitions', 'DeleteJobCollection'],
};

/** Schemas that the spec writes inline; a $ref to one of them stands for the inline definition at that place. */
const EXTRACTED_INLINE: Record<string, string> = { DeleteJobStatus: 'DeleteJob.status' };

export interface Difference {
  where: string;
  aspect: string;
  spec: string;
  schema: string;
}

export interface AcceptedDeviation extends Difference {
  why: string;
}

const NONE = '(none)';
const TIMESTAMP_FORMAT = (where: string): AcceptedDeviation => ({
  where,
  aspect: 'format',
  spec: 'date-time',
  schema: 'rfc3339-date-time',
  why: 'stricter format: ajv-formats date-time accepts non-RFC 3339 strings (issue 2, Timestamps)',
});
const IMPLIED_OBJECT = (where: string): AcceptedDeviation => ({
  where,
  aspect: 'type',
  spec: NONE,
  schema: 'object',
  why: 'Swagger 2.0 definitions with properties are objects; made explicit so an array or a string body fails',
});

/** Deliberate, documented deviations. Anything else that differs is drift. */
export const ACCEPTED: readonly AcceptedDeviation[] = [
  {
    where: 'DeleteJobCollection.nextLink',
    aspect: 'type',
    spec: 'string',
    schema: 'null | string',
    why: 'widened: the live service sends nextLink null on the last page',
  },
  TIMESTAMP_FORMAT('DeleteJob.createdDateTime'),
  TIMESTAMP_FORMAT('DeleteJob.finishedDateTime'),
  TIMESTAMP_FORMAT('DeleteJob.purgeDateTime'),
  IMPLIED_OBJECT('Error'),
  IMPLIED_OBJECT('ErrorResponse'),
  IMPLIED_OBJECT('InnerError'),
  {
    where: 'DeleteJob.status',
    aspect: '$ref',
    spec: 'inline enum',
    schema: 'DeleteJobStatus',
    why: 'the inline status enum has its own schema file (one file per definition); compared there as DeleteJobStatus',
  },
];

function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function dig(root: unknown, keys: readonly string[]): Json | undefined {
  let current = asObject(root);
  for (const key of keys) current = asObject(current?.[key]);
  return current;
}

function refTarget(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const match = /(?:#\/definitions\/|^|\/)([A-Za-z0-9_]+?)(?:\.schema\.json)?$/.exec(ref);
  return match?.[1] ?? ref;
}

function typeOf(node: Json): string {
  const { type } = node;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.map(String).sort().join(' | ');
  return NONE;
}

function sortedList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String).sort() : [];
}

function setDifference(a: string[], b: string[]): string[] {
  return a.filter((x) => !b.includes(x));
}

function compareLists(where: string, aspect: string, spec: unknown, schema: unknown, out: Difference[]): void {
  const specValues = sortedList(spec);
  const schemaValues = sortedList(schema);
  for (const value of setDifference(specValues, schemaValues)) {
    out.push({ where, aspect, spec: JSON.stringify(value), schema: NONE });
  }
  for (const value of setDifference(schemaValues, specValues)) {
    out.push({ where, aspect, spec: NONE, schema: JSON.stringify(value) });
  }
}

function compareScalar(where: string, aspect: string, spec: string, schema: string, out: Difference[]): void {
  if (spec !== schema) out.push({ where, aspect, spec, schema });
}

/** Compares one node (a definition, a property or array items): type, format, enum, $ref, items. */
function compareNode(where: string, spec: Json, schema: Json, out: Difference[]): void {
  const schemaRef = refTarget(schema.$ref);
  const specRef = refTarget(spec.$ref);
  if (schemaRef !== undefined && EXTRACTED_INLINE[schemaRef] === where && specRef === undefined) {
    out.push({ where, aspect: '$ref', spec: 'inline enum', schema: schemaRef });
    return;
  }
  compareScalar(where, '$ref', specRef ?? NONE, schemaRef ?? NONE, out);
  if (specRef !== undefined || schemaRef !== undefined) return;

  compareScalar(where, 'type', typeOf(spec), typeOf(schema), out);
  compareScalar(
    where,
    'format',
    typeof spec.format === 'string' ? spec.format : NONE,
    typeof schema.format === 'string' ? schema.format : NONE,
    out,
  );
  compareLists(where, 'enum', spec.enum, schema.enum, out);

  const specItems = asObject(spec.items);
  const schemaItems = asObject(schema.items);
  if (specItems && schemaItems) compareNode(`${where}[]`, specItems, schemaItems, out);
  else if (specItems || schemaItems) {
    compareScalar(`${where}[]`, 'items', specItems ? 'present' : NONE, schemaItems ? 'present' : NONE, out);
  }

  const specProperties = asObject(spec.properties) ?? {};
  const schemaProperties = asObject(schema.properties) ?? {};
  for (const name of Object.keys(specProperties)) {
    const schemaProperty = asObject(schemaProperties[name]);
    if (!schemaProperty)
      out.push({ where: `${where}.${name}`, aspect: 'property', spec: 'present', schema: 'missing' });
    else compareNode(`${where}.${name}`, asObject(specProperties[name]) ?? {}, schemaProperty, out);
  }
  for (const name of Object.keys(schemaProperties)) {
    if (!(name in specProperties))
      out.push({ where: `${where}.${name}`, aspect: 'property', spec: 'missing', schema: 'present' });
  }
  compareLists(where, 'required', spec.required, schema.required, out);
  if (schema.additionalProperties === false) {
    out.push({ where, aspect: 'additionalProperties', spec: 'allowed', schema: 'false' });
  }
}

function sameDifference(a: Difference, b: Difference): boolean {
  return a.where === b.where && a.aspect === b.aspect && a.spec === b.spec && a.schema === b.schema;
}

export interface DriftReport {
  drift: Difference[];
  accepted: AcceptedDeviation[];
  /** Accepted deviations that no longer occur: harmless, but the list should be pruned. */
  unused: AcceptedDeviation[];
}

/** Compares the spec (parsed OpenAPI JSON) with the schemas (parsed, by schema name). */
export function findDrift(spec: unknown, schemas: Record<string, unknown>): DriftReport {
  const differences: Difference[] = [];
  for (const [name, location] of Object.entries(SPEC_LOCATION)) {
    const specNode = dig(spec, location);
    const schemaNode = asObject(schemas[name]);
    if (!specNode) differences.push({ where: name, aspect: 'definition', spec: 'missing', schema: 'present' });
    else if (!schemaNode) differences.push({ where: name, aspect: 'definition', spec: 'present', schema: 'missing' });
    else compareNode(name, specNode, schemaNode, differences);
  }
  const accepted = ACCEPTED.filter((deviation) => differences.some((d) => sameDifference(d, deviation)));
  return {
    drift: differences.filter((d) => !ACCEPTED.some((deviation) => sameDifference(d, deviation))),
    accepted,
    unused: ACCEPTED.filter((deviation) => !accepted.includes(deviation)),
  };
}

function describeDifference(d: Difference): string {
  if (d.aspect === 'property' || d.aspect === 'definition') {
    return d.schema === 'missing'
      ? `${d.where}: in the spec, missing from schemas/`
      : `${d.where}: in schemas/, not in the spec`;
  }
  if (d.aspect === 'enum' || d.aspect === 'required') {
    return d.schema === NONE
      ? `${d.where} ${d.aspect}: the spec has ${d.spec}, schemas/ lacks it`
      : `${d.where} ${d.aspect}: schemas/ has ${d.schema}, the spec lacks it`;
  }
  return `${d.where} ${d.aspect}: spec ${d.spec}, schemas/ ${d.schema}`;
}

class SetupError extends Error {}

export const SCHEMAS_DIR = path.resolve(__dirname, '../schemas');
const UPDATE_FLAG = '--update-snapshot';
const USAGE =
  'Usage: npm run check:drift [-- <official-spec.json> [--update-snapshot]]. ' +
  'Without a file, schemas/ is compared with the shipped snapshot schemas/upstream/; with the official file ' +
  `(${UPSTREAM_LOCATION}, examples/ beside it), schemas/ is compared with it and the snapshot is diffed or, with --update-snapshot, rewritten.`;

function readJson(file: string, what: string, fix: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SetupError(`Cannot read ${what} ${file} (${code}). ${fix}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SetupError(`${what} ${file} is not valid JSON (${(error as Error).message}). ${fix}`);
  }
}

function loadSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const name of Object.keys(SPEC_LOCATION)) {
    schemas[name] = readJson(path.join(SCHEMAS_DIR, `${name}.schema.json`), 'schema file', 'Restore it from git.');
  }
  return schemas;
}

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

interface Arguments {
  specPath?: string;
  update: boolean;
}

function parseArguments(args: readonly string[]): Arguments {
  const positional = args.filter((arg) => arg !== UPDATE_FLAG);
  const unknown = positional.filter((arg) => arg.startsWith('-'));
  if (unknown.length > 0) throw new SetupError(`Unknown option ${unknown.join(' ')}. ${USAGE}`);
  if (positional.length > 1) throw new SetupError(`Give at most one spec file, not ${positional.length}. ${USAGE}`);
  const update = args.includes(UPDATE_FLAG);
  if (update && positional.length === 0)
    throw new SetupError(`${UPDATE_FLAG} needs the official spec file to take the snapshot from. ${USAGE}`);
  return { specPath: positional[0], update };
}

function readOfficialSpec(specPath: string): unknown {
  const spec = readJson(specPath, 'spec file', `Pass the path of the Digital Twins OpenAPI JSON. ${USAGE}`);
  if (!dig(spec, ['definitions', 'DeleteJob'])) {
    throw new SetupError(
      `${specPath} has no definitions.DeleteJob: it is not a Digital Twins data-plane spec with delete jobs. ${USAGE}`,
    );
  }
  return spec;
}

function takeSnapshot(spec: unknown, specPath: string): Snapshot {
  try {
    return snapshotOf(spec, path.dirname(specPath));
  } catch (error) {
    if (error instanceof SnapshotError) throw new SetupError(`${specPath}: ${error.message} ${USAGE}`);
    throw error;
  }
}

/** Against an official file: writes the snapshot, or lists how upstream moved since it was taken. Returns the exit code. */
function refreshOrDiffSnapshot(
  spec: unknown,
  specPath: string,
  update: boolean,
  out: Output,
  snapshotFile: string,
): number {
  const fresh = takeSnapshot(spec, specPath);
  const relative = path.relative(process.cwd(), snapshotFile);
  if (update) {
    if (fresh.missingExamples.length > 0) {
      throw new SetupError(
        `The examples ${fresh.missingExamples.join(', ')} are missing: put the spec's examples/ folder beside ${specPath} before ${UPDATE_FLAG}.`,
      );
    }
    mkdirSync(path.dirname(snapshotFile), { recursive: true });
    writeFileSync(snapshotFile, snapshotText(fresh.snapshot));
    out.log(`Snapshot written: ${relative} from ${specPath}.`);
    return 0;
  }
  const committed = readSnapshot(snapshotFile);
  if (fresh.missingExamples.length > 0) {
    out.log(`  note      examples not beside ${specPath}; the snapshot's x-examples are not compared`);
    delete committed['x-examples'];
    delete fresh.snapshot['x-examples'];
  }
  const changes = diffSnapshots(committed, fresh.snapshot);
  if (changes.length === 0) {
    out.log(`Snapshot up to date: ${relative} matches ${specPath}.`);
    return 0;
  }
  out.log(`UPSTREAM CHANGED since the snapshot (${changes.length}):`);
  for (const change of changes)
    out.log(`  changed   ${change.where}: snapshot ${change.snapshot}, upstream ${change.upstream}`);
  out.log(`Review the change, then refresh the snapshot with: npm run check:drift -- ${specPath} ${UPDATE_FLAG}`);
  return 1;
}

function reportDrift(report: DriftReport, out: Output): number {
  out.log(`Accepted deviations (${report.accepted.length}, deliberate and documented in scripts/check-drift.ts):`);
  for (const d of report.accepted) out.log(`  accepted  ${describeDifference(d)} — ${d.why}`);
  for (const d of report.unused)
    out.log(`  note      accepted deviation no longer seen, prune it: ${describeDifference(d)}`);
  if (report.drift.length === 0) {
    out.log(`No drift: ${Object.keys(SPEC_LOCATION).length} schemas match the spec.`);
    return 0;
  }
  out.log(`DRIFT (${report.drift.length}):`);
  for (const d of report.drift) out.log(`  drift     ${describeDifference(d)}`);
  out.log(
    'Update schemas/ to match the spec, or, if the deviation is deliberate, add it to ACCEPTED in scripts/check-drift.ts with the reason.',
  );
  return 1;
}

export function main(args: readonly string[], out: Output = console, snapshotFile = SNAPSHOT_FILE): number {
  try {
    const { specPath, update } = parseArguments(args);
    const schemas = loadSchemas();
    if (specPath === undefined) {
      const snapshot = readJson(snapshotFile, 'snapshot', `Restore it from git, or regenerate it: ${USAGE}`);
      out.log(
        `Drift check: schemas/ against the snapshot ${path.relative(process.cwd(), snapshotFile)} of the official file`,
      );
      return reportDrift(findDrift(snapshot, schemas), out);
    }
    const spec = readOfficialSpec(specPath);
    out.log(`Drift check: schemas/ against ${specPath}`);
    const driftStatus = reportDrift(findDrift(spec, schemas), out);
    const snapshotStatus = refreshOrDiffSnapshot(spec, specPath, update, out, snapshotFile);
    return Math.max(driftStatus, snapshotStatus);
  } catch (error) {
    if (error instanceof SetupError) {
      out.error(`check-drift: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
