import { expect, test } from '@playwright/test';
import { QUIRKS } from '../../../mock/quirks';
import { BENIGN } from '../../../mock/quirks/benign';
import { DEFECTS } from '../../../mock/quirks/defects';
import {
  checkedTargets,
  DEFECT_MESSAGES,
  DEFECT_TARGETS,
  DEFECT_TOKENS,
  DefectTargetsError,
  JWT_TEST_TOKEN,
} from '../../../src/verify/targets';
import { allVariants, coverageOf, targetsOf } from '../../../src/verify/variants';
import { isRequirementId, REQUIREMENTS } from '../../../src/requirements';

test('every defect targets real catalogue ids, and every MUST requirement has a defect', () => {
  const coverage = coverageOf(allVariants());
  expect(coverage.unknownTargets, 'defect targets that are not catalogue ids').toEqual([]);
  expect(coverage.mustWithoutDefect, 'MUST requirements no defect targets').toEqual([]);
  for (const quirk of QUIRKS) {
    if (quirk.kind === 'defect')
      expect(targetsOf(quirk).every(isRequirementId), `${quirk.name} targets catalogue ids`).toBe(true);
  }
});

test("each defect declares its targets in its own file; the proof's lookups are derived from them, checked at load", () => {
  const defects = QUIRKS.filter((quirk) => quirk.kind === 'defect');
  expect(Object.keys(DEFECT_TARGETS).sort(), 'DEFECT_TARGETS keys are exactly the defect quirks of the mock').toEqual(
    defects.map((quirk) => quirk.name).sort(),
  );
  for (const defect of defects)
    expect(DEFECT_TARGETS[defect.name], `${defect.name}: its declared targets`).toEqual(defect.targets);
  expect(
    Object.keys(DEFECT_MESSAGES).filter((name) => !defects.some((defect) => defect.name === name)),
    'DEFECT_MESSAGES names only defect quirks',
  ).toEqual([]);
  expect(DEFECT_TOKENS['jwt-claims-only'], 'the token a defect declares').toBe(JWT_TEST_TOKEN);
  const untargeted = {
    name: 'not-in-the-map',
    kind: 'defect',
    description: 'A defect nobody mapped.',
    targets: ['DJ-200-01'],
  } as const;
  expect(() => targetsOf(untargeted), 'a defect the registry lacks stops the proof').toThrow(
    /not-in-the-map has no targets/,
  );
});

test('a defect declaring an id the catalogue lacks stops the proof at load, naming the file and the fix', () => {
  expect(() => checkedTargets('typo-defect', ['DJ-200-01', 'DJ-200-99']), 'one message').toThrow(DefectTargetsError);
  expect(() => checkedTargets('typo-defect', ['DJ-200-01', 'DJ-200-99']), 'the file, the id and the fix').toThrow(
    'the defect typo-defect (mock/quirks/defects/typo-defect.ts) targets DJ-200-99, not an id in src/requirements.ts: fix its targets',
  );
  expect(checkedTargets('fine', ['DJ-200-01']), 'known ids pass through').toEqual(['DJ-200-01']);
});

test('SHOULD requirements with tests that can fail are targeted too', () => {
  const coverage = coverageOf(allVariants());
  const shouldIds = REQUIREMENTS.filter((req) => req.level === 'SHOULD').map((req) => req.id);
  // DJ-PERF-01 would need a slow mock, which would slow every other check of the run: it is left out on purpose.
  expect(coverage.shouldWithoutDefect, 'SHOULD requirements without a defect').toEqual(
    shouldIds.filter((id) => id === 'DJ-PERF-01'),
  );
});

test('variant names are unique, and the registries are registered with the mock', () => {
  const names = allVariants().map((variant) => variant.name);
  expect(new Set(names).size, 'unique variant names (the baseline included)').toBe(names.length);
  const registered = new Set(QUIRKS);
  expect(
    [...DEFECTS, ...BENIGN].filter((quirk) => !registered.has(quirk)).map((quirk) => quirk.name),
    'quirks missing from QUIRKS',
  ).toEqual([]);
});
