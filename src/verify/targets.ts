import { DEFECTS } from '../../mock/quirks/defects';
import { isRequirementId, unknownTargetProblems, type RequirementId } from '../requirements';

export { JWT_TEST_TOKEN } from '../../mock/quirks/defects/jwt-claims-only';

/** A defect quirk declares requirement ids that are not in the catalogue: a mistake in this repo, named at load. */
export class DefectTargetsError extends Error {}

/** The declared targets as catalogue ids; a DefectTargetsError naming the file and the fix when one is not. */
export function checkedTargets(name: string, targets: readonly string[]): readonly RequirementId[] {
  const ids = targets.filter(isRequirementId);
  if (ids.length !== targets.length || ids.length === 0) {
    throw new DefectTargetsError(unknownTargetProblems([{ name, targets }]).join('; '));
  }
  return ids;
}

/**
 * The requirements each defect quirk of the mock breaks: the suite must fail exactly there. Each defect declares
 * them in its own file (`targets`); this is the lookup by name, checked against the catalogue when it loads.
 */
export const DEFECT_TARGETS: Readonly<Record<string, readonly RequirementId[]>> = Object.fromEntries(
  DEFECTS.map((defect) => [defect.name, checkedTargets(defect.name, defect.targets)]),
);

/**
 * What the failure must say for a defect a staging user meets often (the defect's `expectedMessage`): the proof
 * fails when the suite catches the defect with a message that does not explain it.
 */
export const DEFECT_MESSAGES: Readonly<Record<string, RegExp>> = Object.fromEntries(
  DEFECTS.flatMap((defect) => (defect.expectedMessage === undefined ? [] : [[defect.name, defect.expectedMessage]])),
);

/** The token a defect's mock and suite run with, where the defect only shows with that kind of credential. */
export const DEFECT_TOKENS: Readonly<Record<string, string>> = Object.fromEntries(
  DEFECTS.flatMap((defect) => (defect.token === undefined ? [] : [[defect.name, defect.token]])),
);
