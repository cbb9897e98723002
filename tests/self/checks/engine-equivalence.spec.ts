import { expect, test } from '@playwright/test';
import { equivalenceCases, SHRINK_LIMIT } from '../../../src/checks/equivalence';
import { EQUIVALENCE_CLASSES, IGNORABLE } from '../../../src/checks/equivalence/classes';
import { runCase, type Case, type Probe } from '../../../src/engine/plan';
import type { AdtClient, Exchange } from '../../../src/suite/http/client';
import { decodedSegment } from '../../../src/suite/ids';
import { errorExchange, exchangeOf } from '../support/exchanges';
import { planContextOf } from '../support/plan-context';

const IDS = ['deletejob1', 'deletejob2'];

function planWith(seed: number, budget: number): Case[] {
  return equivalenceCases(planContextOf(IDS, { probes: { seed, budget } }));
}

function caseOf(cases: readonly Case[], className: string): Case {
  const index = EQUIVALENCE_CLASSES.findIndex((equivalence) => equivalence.name === className);
  const planned = cases[index];
  if (planned === undefined) throw new Error(`no case for ${className}`);
  return planned;
}

/** The generated probes of a case: every probe after the unknown id's. */
function generated(planned: Case): readonly Probe[] {
  return planned.probes.slice(1);
}

function segmentOf(probe: Probe): string {
  if (probe.kind !== 'getByRawId') throw new Error(`not a raw id probe: ${probe.kind}`);
  return probe.segment;
}

const notFound = (): Exchange => errorExchange(404, 'DeleteJobNotFound');

test('the same seed plans the same probes, another seed others; one case per class, titles without the seed', () => {
  const first = planWith(1234, 80);
  expect(planWith(1234, 80), 'same seed, same plan').toEqual(
    first.map((planned) => expect.objectContaining({ title: planned.title, probes: planned.probes })),
  );
  const other = planWith(99, 80);
  expect(
    other.map((planned) => planned.probes),
    'another seed draws other inputs',
  ).not.toEqual(first.map((planned) => planned.probes));
  expect(
    other.map((planned) => planned.title),
    'titles do not depend on the seed',
  ).toEqual(first.map((planned) => planned.title));
  expect(
    first.map((planned) => planned.requirementId),
    'five id classes, three api-version classes',
  ).toEqual([...Array<string>(5).fill('DJ-404-06'), ...Array<string>(3).fill('DJ-APIV-06')]);
  for (const planned of first)
    expect(planned.probes[0], `${planned.title}: the unknown id first`).toEqual({
      kind: 'getById',
      id: 'conformance-no-such-delete-job',
    });
});

test('ADT_PROBE_BUDGET caps the generated probes of a run; a class the budget leaves out is not applicable', () => {
  for (const budget of [1, 3, 8, 24, 100]) {
    const total = planWith(7, budget).reduce((sum, planned) => sum + generated(planned).length, 0);
    expect(total, `budget ${budget}`).toBeLessThanOrEqual(budget);
    expect(total, `budget ${budget} is (nearly) used`).toBeGreaterThan(Math.min(budget, 8) / 2);
  }
  const tight = planWith(7, 3);
  expect(
    tight.slice(3).every((planned) => planned.notApplicable?.includes('ADT_PROBE_BUDGET=3')),
    'left out',
  ).toBe(true);
  const [noJob] = equivalenceCases(planContextOf([]));
  expect(noJob?.notApplicable, 'no job to derive ids from').toContain('no delete job');
});

test('every generated id is not an existing id, and is one the class normalises back onto an existing id', () => {
  const cases = planWith(42, 400);
  const normalisations: Record<string, (decoded: string) => string> = {
    'double-percent-encoding': (decoded) => decodeURIComponent(decoded),
    'compatibility-forms': (decoded) => decoded.normalize('NFKC'),
    'ignorable-characters': (decoded) => IGNORABLE.reduce((text, char) => text.split(char).join(''), decoded),
    'control-whitespace': (decoded) => decoded.replace(/[\t\n\v\f\r]/g, ''),
  };
  for (const [className, normalise] of Object.entries(normalisations)) {
    const segments = generated(caseOf(cases, className)).map(segmentOf);
    expect(segments.length, className).toBeGreaterThan(10);
    for (const segment of segments) {
      const decoded = decodedSegment(segment) ?? '';
      expect(IDS.includes(decoded), `${className}: ${segment} is not an existing id`).toBe(false);
      expect(IDS, `${className}: ${segment} normalises onto an existing id`).toContain(normalise(decoded));
    }
  }
  for (const segment of generated(caseOf(cases, 'encoded-path-separators')).map(segmentOf))
    expect(decodedSegment(segment), `${segment} holds a separator`).toContain('/');
});

test('DJ-404-06: answered as the unknown id passes; a job fails naming the seed; 400 passes only where the class allows it', () => {
  const cases = planWith(5, 80);
  const nfkc = caseOf(cases, 'compatibility-forms');
  const count = generated(nfkc).length;
  const allNotFound = [notFound(), ...Array.from({ length: count }, notFound)];
  expect(nfkc.check(allNotFound).outcome, 'every input 404 DeleteJobNotFound').toBe('passed');
  const served = [...allNotFound];
  served[2] = exchangeOf({ status: 200, body: { id: 'deletejob1' } });
  const verdict = nfkc.check(served);
  expect(verdict, 'a job for a compatibility form').toMatchObject({
    outcome: 'failed',
    problems: [expect.stringMatching(/seed 5: \d+ generated input\(s\) of class compatibility-forms.*1 broke it/)],
  });
  const rejected = [notFound(), ...Array.from({ length: count }, () => errorExchange(400, 'InvalidId'))];
  expect(nfkc.check(rejected).outcome, 'a 400 is not how an unknown id is answered').toBe('failed');
  const separators = caseOf(cases, 'encoded-path-separators');
  const rejectedSeparators = [
    notFound(),
    ...Array.from({ length: generated(separators).length }, () => errorExchange(400, 'InvalidId')),
  ];
  expect(separators.check(rejectedSeparators).outcome, 'a separator may be rejected').toBe('passed');
  const otherCode = [errorExchange(404, 'JobNotFound'), ...Array.from({ length: count }, () => notFound())];
  expect(nfkc.check(otherCode).outcome, 'compared with the unknown id, not with a fixed code').toBe('failed');
});

test('DJ-APIV-06: every input rejected with 400 and an ErrorResponse passes; a served one fails', () => {
  const repeated = caseOf(planWith(5, 80), 'api-version-repeated');
  const probes = generated(repeated);
  expect(
    probes.every((probe) => probe.kind === 'getById' && probe.options?.rawQuery?.includes('&') === true),
    'repeated parameters, sent as raw queries',
  ).toBe(true);
  expect(
    new Set(probes.map((probe) => (probe.kind === 'getById' ? probe.id : ''))),
    'for an existing id and for the unknown id',
  ).toEqual(new Set(['deletejob1', 'conformance-no-such-delete-job']));
  const rejected = [notFound(), ...probes.map(() => errorExchange(400, 'MockAmbiguousApiVersion'))];
  expect(repeated.check(rejected).outcome, 'any error code').toBe('passed');
  const served = [...rejected];
  served[1] = exchangeOf({ status: 200, body: { id: 'deletejob1' } });
  expect(repeated.check(served).outcome, 'served').toBe('failed');
});

/** A stand-in client: GetById through the raw segment, answered by `serve` from the id it decodes. */
function fakeClient(serve: (id: string) => Exchange): { client: AdtClient; requests: string[] } {
  const requests: string[] = [];
  const answer = (segment: string): Promise<Exchange> => {
    requests.push(segment);
    return Promise.resolve(serve(decodedSegment(segment) ?? segment));
  };
  const client = {
    getById: (id: string) => answer(encodeURIComponent(id)),
    getByRawId: (segment: string) => answer(segment),
  } as unknown as AdtClient;
  return { client, requests };
}

test('a failure is shrunk with real requests within its limit and names the seed and the shrunk input', async () => {
  const planned = caseOf(planWith(2024, 80), 'double-percent-encoding');
  // A server that decodes twice: %25XX survives the first decode and becomes the character on the second.
  const { client, requests } = fakeClient((id) => {
    let again = id;
    try {
      again = decodeURIComponent(id);
    } catch {
      // not decodable a second time
    }
    return IDS.includes(again) ? exchangeOf({ status: 200, body: { id: again } }) : notFound();
  });
  const { verdict, exchanges } = await runCase(client, planned);
  expect(verdict.outcome, 'the double decode is found').toBe('failed');
  const problems = verdict.outcome === 'failed' ? verdict.problems : [];
  const shrunk = problems.at(-1) ?? '';
  expect(shrunk, 'seed and reproduction').toMatch(/seed 2024, reproduce with ADT_PROBE_SEED=2024$/);
  expect(shrunk, 'the input found and the input shrunk to').toMatch(
    /(shrunk with \d+ more request\(s\) from ".+" \(the id .+\) to ".+" \(the id .+\)|does not shrink further)/,
  );
  const extra = exchanges.length - planned.probes.length;
  expect(extra, 'shrinking stays within its limit').toBeLessThanOrEqual(SHRINK_LIMIT);
  expect(requests.length, 'every request is an exchange').toBe(exchanges.length);
  // Shrunk (or already minimal), the input reported last has a single character encoded twice.
  const last = /(?:to|the input) "([^"]+)"/.exec(shrunk)?.[1] ?? '';
  expect(last.match(/%25/g)?.length, `${last}: one doubly encoded character`).toBe(1);
  const correct = await runCase(fakeClient(() => notFound()).client, planned);
  expect(correct.verdict.outcome, 'a correct server passes the same probes').toBe('passed');
});
