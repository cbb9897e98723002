import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ACCEPTED, findDrift, main, SCHEMAS_DIR } from '../../../scripts/check-drift';

const ROOT = path.resolve(__dirname, '../../..');
const SPEC_PATH = path.resolve(ROOT, '../shared/spec/digitaltwins-2023-10-31.json');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

type Json = Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>;

function realSpec(): Json {
  return JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Json;
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
  return Object.fromEntries(names.map((name) => [name, JSON.parse(readFileSync(path.join(SCHEMAS_DIR, `${name}.schema.json`), 'utf8'))]));
}

function runDrift(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(TSX, ['scripts/check-drift.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function runDriftInProcess(args: string[]): { status: number; output: string } {
  const lines: string[] = [];
  const status = main(args, { log: (line) => lines.push(line), error: (line) => lines.push(line) });
  return { status, output: lines.join('\n') };
}

test.describe('check-drift script', () => {
  test('passes on the real spec and lists every accepted deviation', () => {
    const { status, output } = runDrift(SPEC_PATH);
    expect(status, output).toBe(0);
    expect(output, 'says there is no drift').toContain('No drift');
    expect(output, 'the nextLink widening is reported as accepted').toMatch(/accepted\s+DeleteJobCollection\.nextLink type: spec string, schemas\/ null \| string/);
    expect(output.match(/^\s+accepted\s/gm), 'every accepted deviation is printed').toHaveLength(ACCEPTED.length);
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
    expect(result.output, 'removed property').toContain('drift     DeleteJob.purgeDateTime: in schemas/, not in the spec');
    expect(result.output, 'extra enum value').toContain('drift     DeleteJobStatus enum: the spec has "cancelled", schemas/ lacks it');
    expect(result.output, 'says how to fix it').toContain('add it to ACCEPTED in scripts/check-drift.ts');
  });

  test('a missing spec path gives one clear message and exit 2', () => {
    const result = runDrift('/nonexistent/digitaltwins.json');
    expect(result.status, result.output).toBe(2);
    expect(result.output.trim().split('\n'), 'exactly one line').toHaveLength(1);
    expect(result.output, 'names the file and the fix').toContain('Cannot read spec file /nonexistent/digitaltwins.json (ENOENT). Pass the path');
  });

  test('no argument and a non-JSON or foreign file each exit 2 with a usage hint', () => {
    const testInfo = test.info();
    const notJson = testInfo.outputPath('not-json.json');
    writeFileSync(notJson, '{ not json');
    const foreign = testInfo.outputPath('foreign.json');
    writeFileSync(foreign, '{"swagger":"2.0","definitions":{}}');
    for (const args of [[], [notJson], [foreign]]) {
      const result = runDriftInProcess(args);
      expect(result.status, `${args.join(' ')}: ${result.output}`).toBe(2);
      expect(result.output, 'shows the usage').toContain('Usage: tsx scripts/check-drift.ts <path-to-spec.json>');
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
    ['a new property', (spec) => { deleteJobProperties(spec).progress = { type: 'integer' }; }, 'DeleteJob.progress'],
    ['a new required property', (spec) => { (definition(spec, 'Error') as Record<string, unknown>).required = ['code']; }, 'Error'],
    ['a changed $ref', (spec) => { deleteJobProperties(spec).error = { $ref: '#/definitions/InnerError' }; }, 'DeleteJob.error'],
    ['a changed format', (spec) => { deleteJobProperties(spec).createdDateTime = { type: 'string', format: 'date' }; }, 'DeleteJob.createdDateTime'],
    ['a removed enum value', (spec) => { (deleteJobProperties(spec).status as { enum: string[] }).enum.pop(); }, 'DeleteJobStatus'],
    ['a changed items type', (spec) => { propertiesOf(spec, 'Error').details = { type: 'array', items: { type: 'string' } }; }, 'Error.details[]'],
    ['a nextLink type change', (spec) => { propertiesOf(spec, 'DeleteJobCollection').nextLink = { type: 'integer' }; }, 'DeleteJobCollection.nextLink'],
    ['a removed definition', (spec) => { delete spec.definitions?.InnerError; }, 'InnerError'],
  ];

  for (const [name, mutate, where] of MUTATIONS) {
    test(`reports ${name}`, () => {
      const spec = realSpec();
      mutate(spec);
      const report = findDrift(spec, realSchemas());
      expect(report.drift.map((d) => d.where), `${name} is drift at ${where}`).toContain(where);
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
