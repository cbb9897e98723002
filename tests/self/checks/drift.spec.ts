import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ACCEPTED, findDrift, main, SCHEMAS_DIR } from '../../../scripts/check-drift';
import { readSnapshot, SNAPSHOT_FILE, snapshotOf, snapshotText } from '../../../scripts/spec-snapshot';
import { isolatedEnvironment, TYPESCRIPT_NODE_ARGS } from '../../../src/cli/spawn-suite';

const ROOT = path.resolve(__dirname, '../../..');

type Json = Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>;

/** The shipped snapshot: the official definitions, as the clone carries them. */
function realSpec(): Json {
  return readSnapshot() as Json;
}

type Node = Record<string, unknown>;
const EXAMPLE_FILES: Record<string, string> = {
  DeleteJobs_GetById: 'DeleteJobGet.json',
  DeleteJobs_List: 'DeleteJobList.json',
  DeleteJobs_Add: 'DeleteJobPost.json',
};

/**
 * A file shaped like the official one, rebuilt from the snapshot: prose on every node, x-ms-examples pointing at
 * example files beside it, and a path and a definition the Delete Jobs operations never reach.
 */
function writeOfficialLike(dir: string, mutate: (spec: Json) => void = () => undefined): string {
  const spec = JSON.parse(JSON.stringify(readSnapshot())) as Node;
  delete spec['x-snapshot'];
  const examples = spec['x-examples'] as Record<string, unknown>;
  delete spec['x-examples'];
  const addProse = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(addProse);
    else if (node !== null && typeof node === 'object') {
      const record = node as Node;
      for (const value of Object.values(record)) addProse(value);
      const describable = 'type' in record || 'operationId' in record || 'in' in record;
      if (describable) record.description = 'Prose that the snapshot must not carry.';
    }
  };
  addProse(spec.paths);
  addProse(spec.definitions);
  addProse(spec.parameters);
  mkdirSync(path.join(dir, 'examples'), { recursive: true });
  const paths = spec.paths as Record<string, Record<string, Node>>;
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      const file = EXAMPLE_FILES[String(operation.operationId)];
      if (file === undefined) continue;
      operation.tags = ['Jobs'];
      operation['x-ms-examples'] = { 'A titled example': { $ref: `./examples/${file}` } };
      writeFileSync(path.join(dir, 'examples', file), JSON.stringify(examples[String(operation.operationId)]));
    }
  }
  paths['/models'] = {
    get: {
      operationId: 'DigitalTwinModels_List',
      responses: { 200: { schema: { $ref: '#/definitions/PagedDigitalTwinsModelDataCollection' } } },
    },
  };
  (spec.definitions as Node).PagedDigitalTwinsModelDataCollection = {
    type: 'object',
    properties: { value: { type: 'array' } },
  };
  mutate(spec as Json);
  const file = path.join(dir, 'digitaltwins.json');
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

function setParameterField(spec: Json, name: string, field: string, value: unknown): void {
  const parameter = (spec as unknown as { parameters: Record<string, Node | undefined> }).parameters[name];
  if (!parameter) throw new Error(`the snapshot has no parameter ${name}`);
  parameter[field] = value;
}

function definition(spec: Json, name: string): Record<string, Record<string, Record<string, unknown>>> {
  const found = spec.definitions?.[name];
  if (!found) throw new Error(`the real spec has no definition ${name}`);
  return found;
}

function propertiesOf(spec: Json, name: string): Record<string, Record<string, unknown>> {
  const properties = definition(spec, name).properties;
  if (!properties) throw new Error(`the real spec has no properties in ${name}`);
  return properties;
}

function deleteJobProperties(spec: Json): Record<string, Record<string, unknown>> {
  return propertiesOf(spec, 'DeleteJob');
}

function realSchemas(): Record<string, unknown> {
  const names = ['DeleteJob', 'DeleteJobStatus', 'Error', 'ErrorResponse', 'InnerError', 'DeleteJobCollection'];
  return Object.fromEntries(
    names.map((name) => [name, JSON.parse(readFileSync(path.join(SCHEMAS_DIR, `${name}.schema.json`), 'utf8'))]),
  );
}

function runDrift(...args: string[]): { status: number | null; output: string } {
  // The user's NO_COLOR beside the FORCE_COLOR Playwright gives its workers makes Node print a warning line.
  const result = spawnSync(process.execPath, [...TYPESCRIPT_NODE_ARGS, 'scripts/check-drift.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: isolatedEnvironment(),
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function runDriftInProcess(args: string[], snapshotFile?: string): { status: number; output: string } {
  const lines: string[] = [];
  const status = main(args, { log: (line) => lines.push(line), error: (line) => lines.push(line) }, snapshotFile);
  return { status, output: lines.join('\n') };
}

test.describe('the shipped snapshot of the official spec', () => {
  test('is exactly what the generator makes of an official-shaped file: no prose, no foreign paths or definitions, examples kept', () => {
    const file = writeOfficialLike(test.info().outputPath('official'));
    const { snapshot, missingExamples } = snapshotOf(JSON.parse(readFileSync(file, 'utf8')), path.dirname(file));
    expect(missingExamples, 'every example file was found beside the spec').toEqual([]);
    expect(snapshotText(snapshot), 'the generator reproduces the committed snapshot byte for byte').toBe(
      readFileSync(SNAPSHOT_FILE, 'utf8'),
    );
  });

  test('carries the Delete Jobs paths, the parameters they take and no prose', () => {
    const text = readFileSync(SNAPSHOT_FILE, 'utf8');
    const snapshot = readSnapshot() as { paths: Record<string, unknown>; parameters: Record<string, unknown> };
    expect(Object.keys(snapshot.paths).sort(), 'the two Delete Jobs paths').toEqual([
      '/jobs/deletions',
      '/jobs/deletions/{id}',
    ]);
    expect(Object.keys(snapshot.parameters).sort(), 'every parameter those paths use').toEqual([
      'api-version',
      'deleteJobId',
      'max-items-per-page',
      'operation-id',
      'timeoutInMinutes',
      'traceparent',
      'tracestate',
    ]);
    expect(text, 'descriptions are empty where Swagger 2.0 requires one, absent elsewhere').not.toMatch(
      /"description": "[^"]/,
    );
  });
});

test.describe('check-drift script', () => {
  test('by default compares schemas/ with the shipped snapshot, passes and lists every accepted deviation', () => {
    const { status, output } = runDrift();
    expect(status, output).toBe(0);
    expect(output, 'names the snapshot it compared with').toContain(
      'against the snapshot schemas/upstream/digitaltwins-2023-10-31.snapshot.json',
    );
    expect(output, 'says there is no drift').toContain('No drift');
    expect(output, 'the nextLink widening is reported as accepted').toMatch(
      /accepted\s+DeleteJobCollection\.nextLink type: spec string, schemas\/ null \| string/,
    );
    expect(output.match(/^\s+accepted\s/gm), 'every accepted deviation is printed').toHaveLength(ACCEPTED.length);
  });

  test('with an official file equal to the snapshot: no drift, snapshot up to date', () => {
    const file = writeOfficialLike(test.info().outputPath('official'));
    const result = runDriftInProcess([file]);
    expect(result.status, result.output).toBe(0);
    expect(result.output, 'the snapshot is reported current').toContain('Snapshot up to date');
  });

  test('with an official file that moved upstream: exit 1, each change named, and how to refresh', () => {
    const file = writeOfficialLike(test.info().outputPath('official'), (spec) => {
      setParameterField(spec, 'max-items-per-page', 'type', 'string');
    });
    const result = runDriftInProcess([file]);
    expect(result.status, result.output).toBe(1);
    expect(result.output, 'the changed parameter type is listed').toContain(
      'changed   $.parameters.max-items-per-page.type: snapshot "integer", upstream "string"',
    );
    expect(result.output, 'the fix is named').toContain(`npm run check:drift -- ${file} --update-snapshot`);
  });

  test('an official file without its examples folder is still compared, with a note', () => {
    const dir = test.info().outputPath('official');
    const file = writeOfficialLike(dir);
    const alone = path.join(dir, '..', 'alone.json');
    writeFileSync(alone, readFileSync(file));
    const result = runDriftInProcess([alone]);
    expect(result.status, result.output).toBe(0);
    expect(result.output, 'says the examples were not compared').toContain(
      "the snapshot's x-examples are not compared",
    );
  });

  test('--update-snapshot rewrites the snapshot from the official file', () => {
    const testInfo = test.info();
    const file = writeOfficialLike(testInfo.outputPath('official'), (spec) => {
      setParameterField(spec, 'api-version', 'minLength', 2);
    });
    const target = testInfo.outputPath('snapshot.json');
    writeFileSync(target, readFileSync(SNAPSHOT_FILE));
    const result = runDriftInProcess([file, '--update-snapshot'], target);
    expect(result.status, result.output).toBe(0);
    const written = JSON.parse(readFileSync(target, 'utf8')) as { parameters: Record<string, Record<string, unknown>> };
    expect(written.parameters['api-version']?.minLength, 'the upstream change is in the new snapshot').toBe(2);
    expect(runDriftInProcess([file], target).output, 'and the file now matches it').toContain('Snapshot up to date');
  });

  test('fails on a mutated copy: type change, removed property, extra enum value', () => {
    const testInfo = test.info();
    const spec = realSpec();
    const properties = deleteJobProperties(spec);
    properties.id = { ...properties.id, type: 'integer' };
    delete properties.purgeDateTime;
    const status = properties.status as { enum: string[] };
    status.enum = [...status.enum, 'cancelled'];
    const mutated = testInfo.outputPath('mutated-spec.json');
    writeFileSync(mutated, JSON.stringify(spec));

    const result = runDrift(mutated);
    expect(result.status, result.output).toBe(1);
    expect(result.output, 'type change').toContain('drift     DeleteJob.id type: spec integer, schemas/ string');
    expect(result.output, 'removed property').toContain(
      'drift     DeleteJob.purgeDateTime: in schemas/, not in the spec',
    );
    expect(result.output, 'extra enum value').toContain(
      'drift     DeleteJobStatus enum: the spec has "cancelled", schemas/ lacks it',
    );
    expect(result.output, 'says how to fix it').toContain('add it to ACCEPTED in scripts/check-drift.ts');
  });

  test('a missing spec path gives one clear message and exit 2', () => {
    const result = runDrift('/nonexistent/digitaltwins.json');
    expect(result.status, result.output).toBe(2);
    expect(result.output.trim().split('\n'), 'exactly one line').toHaveLength(1);
    expect(result.output, 'names the file and the fix').toContain(
      'Cannot read spec file /nonexistent/digitaltwins.json (ENOENT). Pass the path',
    );
  });

  test('a non-JSON or foreign file, an unknown option, two files or --update-snapshot alone each exit 2 with a usage hint', () => {
    const testInfo = test.info();
    const notJson = testInfo.outputPath('not-json.json');
    writeFileSync(notJson, '{ not json');
    const foreign = testInfo.outputPath('foreign.json');
    writeFileSync(foreign, '{"swagger":"2.0","definitions":{}}');
    for (const args of [[notJson], [foreign], ['--fix'], [notJson, foreign], ['--update-snapshot']]) {
      const result = runDriftInProcess(args);
      expect(result.status, `${args.join(' ')}: ${result.output}`).toBe(2);
      expect(result.output, 'shows the usage').toContain('Usage: npm run check:drift');
      expect(result.output, 'no stack trace').not.toMatch(/\n\s+at /);
    }
  });
});

test.describe('findDrift', () => {
  test('the real spec and schemas differ only by the accepted deviations, all of them in use', () => {
    const report = findDrift(realSpec(), realSchemas());
    expect(report.drift, 'no drift').toEqual([]);
    expect(report.unused, 'no stale accepted deviation').toEqual([]);
  });

  const MUTATIONS: [string, (spec: Json) => void, string][] = [
    [
      'a new property',
      (spec) => {
        deleteJobProperties(spec).progress = { type: 'integer' };
      },
      'DeleteJob.progress',
    ],
    [
      'a new required property',
      (spec) => {
        (definition(spec, 'Error') as Record<string, unknown>).required = ['code'];
      },
      'Error',
    ],
    [
      'a changed $ref',
      (spec) => {
        deleteJobProperties(spec).error = { $ref: '#/definitions/InnerError' };
      },
      'DeleteJob.error',
    ],
    [
      'a changed format',
      (spec) => {
        deleteJobProperties(spec).createdDateTime = { type: 'string', format: 'date' };
      },
      'DeleteJob.createdDateTime',
    ],
    [
      'a removed enum value',
      (spec) => {
        (deleteJobProperties(spec).status as { enum: string[] }).enum.pop();
      },
      'DeleteJobStatus',
    ],
    [
      'a changed items type',
      (spec) => {
        propertiesOf(spec, 'Error').details = { type: 'array', items: { type: 'string' } };
      },
      'Error.details[]',
    ],
    [
      'a nextLink type change',
      (spec) => {
        propertiesOf(spec, 'DeleteJobCollection').nextLink = { type: 'integer' };
      },
      'DeleteJobCollection.nextLink',
    ],
    [
      'a removed definition',
      (spec) => {
        delete spec.definitions?.InnerError;
      },
      'InnerError',
    ],
  ];

  for (const [name, mutate, where] of MUTATIONS) {
    test(`reports ${name}`, () => {
      const spec = realSpec();
      mutate(spec);
      const report = findDrift(spec, realSchemas());
      expect(
        report.drift.map((d) => d.where),
        `${name} is drift at ${where}`,
      ).toContain(where);
    });
  }

  test('a schema that forbids extra properties is drift', () => {
    const schemas = realSchemas();
    schemas.DeleteJob = { ...(schemas.DeleteJob as object), additionalProperties: false };
    const report = findDrift(realSpec(), schemas);
    expect(report.drift, 'additionalProperties false is reported').toContainEqual(
      expect.objectContaining({ where: 'DeleteJob', aspect: 'additionalProperties' }),
    );
  });
});
