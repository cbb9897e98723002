import { expect, test } from '@playwright/test';
import { QUIRKS } from '../../../mock/quirks';
import { BENIGN } from '../../../mock/quirks/benign';
import { DEFECTS } from '../../../mock/quirks/defects';
import { allVariants, coverageOf } from '../../../src/verify/variants';
import { isRequirementId, REQUIREMENTS } from '../../../src/requirements';

test('every defect targets real catalogue ids, and every MUST requirement has a defect', () => {
  const coverage = coverageOf(allVariants());
  expect(coverage.unknownTargets, 'defect targets that are not catalogue ids').toEqual([]);
  expect(coverage.mustWithoutDefect, 'MUST requirements no defect targets').toEqual([]);
  for (const quirk of QUIRKS) {
    if (quirk.kind === 'defect') expect(quirk.targets.every(isRequirementId), `${quirk.name} targets catalogue ids`).toBe(true);
  }
});

test('SHOULD requirements with tests that can fail are targeted too', () => {
  const coverage = coverageOf(allVariants());
  const shouldIds = REQUIREMENTS.filter((req) => req.level === 'SHOULD').map((req) => req.id);
  // DJ-PERF-01 would need a slow mock, which would slow every other check of the run: it is left out on purpose.
  expect(coverage.shouldWithoutDefect, 'SHOULD requirements without a defect').toEqual(shouldIds.filter((id) => id === 'DJ-PERF-01'));
});

test('variant names are unique, and the registries are registered with the mock', () => {
  const names = allVariants().map((variant) => variant.name);
  expect(new Set(names).size, 'unique variant names (the baseline included)').toBe(names.length);
  const registered = new Set(QUIRKS);
  expect([...DEFECTS, ...BENIGN].filter((quirk) => !registered.has(quirk)).map((quirk) => quirk.name), 'quirks missing from QUIRKS').toEqual([]);
});
