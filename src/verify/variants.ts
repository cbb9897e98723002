import { QUIRKS, type Quirk } from '../../mock/quirks';
import { grepFor, REQUIREMENTS, type Level, type RequirementId } from '../requirements';
import { DEFECT_MESSAGES, DEFECT_TARGETS, DEFECT_TOKENS } from './targets';

export type VariantKind = 'baseline' | 'defect' | 'benign';

/** One server the suite is run against: the plain mock, or the mock with one quirk. */
export interface Variant {
  name: string;
  kind: VariantKind;
  description: string;
  /** Requirement ids a defect breaks; empty for the baseline and benign variants. */
  targets: readonly string[];
  /** Quirks the mock starts with. */
  quirks: readonly string[];
  /** What a defect's failure message must say (DEFECT_MESSAGES), when the proof pins it. */
  expectedMessage?: RegExp;
  /** The bearer token of the mock and the suite instead of the mock's default (DEFECT_TOKENS). */
  token?: string;
}

export const BASELINE: Variant = {
  name: 'baseline',
  kind: 'baseline',
  description: 'The bundled mock without any quirk.',
  targets: [],
  quirks: [],
};

/** The requirements a defect breaks; a defect without an entry in DEFECT_TARGETS is a mistake in this repo. */
export function targetsOf(quirk: Quirk): readonly RequirementId[] {
  if (quirk.kind !== 'defect') return [];
  const targets = DEFECT_TARGETS[quirk.name];
  if (targets === undefined || targets.length === 0)
    throw new Error(
      `The defect quirk ${quirk.name} has no targets: add the requirements it breaks to DEFECT_TARGETS in src/verify/targets.ts.`,
    );
  return targets;
}

export function variantOf(quirk: Quirk): Variant {
  return {
    name: quirk.name,
    kind: quirk.kind,
    description: quirk.description,
    targets: targetsOf(quirk),
    quirks: [quirk.name],
    ...(DEFECT_MESSAGES[quirk.name] === undefined ? {} : { expectedMessage: DEFECT_MESSAGES[quirk.name] }),
    ...(DEFECT_TOKENS[quirk.name] === undefined ? {} : { token: DEFECT_TOKENS[quirk.name] }),
  };
}

/** The baseline first, then every registered quirk. */
export function allVariants(quirks: readonly Quirk[] = QUIRKS): Variant[] {
  return [BASELINE, ...quirks.map(variantOf)];
}

/** A `--only` list that names something unknown; the message lists what is known. */
export class UnknownVariantError extends Error {}

export function selectVariants(variants: readonly Variant[], only: readonly string[] | undefined): Variant[] {
  if (only === undefined || only.length === 0) return [...variants];
  const known = new Map(variants.map((variant) => [variant.name, variant]));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new UnknownVariantError(
      `Unknown variant(s) ${unknown.join(', ')} in --only. Known: ${[...known.keys()].join(', ')}`,
    );
  }
  return variants.filter((variant) => only.includes(variant.name));
}

export interface Coverage {
  /** Requirement id → names of the defects that target it, for every requirement in the catalogue. */
  defectsByRequirement: Record<string, string[]>;
  mustWithoutDefect: string[];
  shouldWithoutDefect: string[];
  /** Targets that are not catalogue ids (a typo in a quirk). */
  unknownTargets: string[];
}

export function coverageOf(
  variants: readonly Variant[],
  requirements: readonly { id: string; level: Level }[] = REQUIREMENTS,
): Coverage {
  const defectsByRequirement: Record<string, string[]> = Object.fromEntries(requirements.map((req) => [req.id, []]));
  const unknownTargets: string[] = [];
  for (const variant of variants) {
    for (const target of variant.targets) {
      const list = defectsByRequirement[target];
      if (list) list.push(variant.name);
      else unknownTargets.push(`${variant.name} → ${target}`);
    }
  }
  const without = (level: Level): string[] =>
    requirements
      .filter((req) => req.level === level && defectsByRequirement[req.id]?.length === 0)
      .map((req) => req.id);
  return {
    defectsByRequirement,
    mustWithoutDefect: without('MUST'),
    shouldWithoutDefect: without('SHOULD'),
    unknownTargets,
  };
}

/**
 * An end-to-end defect run selects its targets' tests and runs them all: every target must show its failure (a
 * defect may break two requirements by nature), and each verdict is compared with the in-process one.
 */
export function targetedArgs(variant: Variant): string[] {
  if (variant.kind !== 'defect' || variant.targets.length === 0) return [];
  return [`--grep=${grepFor(variant.targets)}`];
}

/**
 * Variants whose recording verify:suite also replays, proving verdict parity: the baseline (every requirement
 * passes) and three defects that fail different requirements through different parts of a recording: a byte
 * order mark (exact body bytes), List pages asked with max-items-per-page (request headers) and a forged token
 * accepted (credential kind). Each replay is one more Playwright run, hence only these.
 */
export const REPLAYED_VARIANTS: ReadonlySet<string> = new Set([
  'baseline',
  'json-byte-order-mark',
  'broken-later-list-pages',
  'accepts-any-bearer-token',
]);

/**
 * The end-to-end sample: the real suite through Playwright (npm run conformance's path) against these, beside the
 * in-process proof of every variant: the replayed ones, and a run-level defect (judged in the teardown project).
 */
export const END_TO_END_VARIANTS: ReadonlySet<string> = new Set([...REPLAYED_VARIANTS, 'status-flaps']);
