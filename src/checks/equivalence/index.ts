import fc from 'fast-check';
import { discoveredIds, jobsOf, noJobReason, notApplicableCase, unknownIdOf } from '../../engine/context';
import type { Case, PlanContext, Probe, Shrinking, ShrinkStep } from '../../engine/plan';
import { judge } from '../../engine/verdict';
import type { RequirementId } from '../../requirements';
import { describeRequest, errorCodeOf } from '../../suite/checks';
import type { Exchange } from '../../suite/http/client';
import { decodedSegment } from '../../suite/ids';
import { validateAgainst } from '../../suite/schemas';
import {
  API_VERSION_CLASSES,
  EDITS,
  ID_CLASSES,
  pick,
  type ApiVersionClass,
  type Edits,
  type IdClass,
} from './classes';

/** The attachment of an equivalence test: its seed, budget, class and generated inputs (the matrix counts them). */
export const GENERATED_PROBES = 'generated-probes';

export { EQUIVALENCE_CLASSES } from './classes';

/** Requests a failing generated case may add to shrink its input (outside ADT_PROBE_BUDGET: the target already failed). */
export const SHRINK_LIMIT = 8;
const CLASS_COUNT = ID_CLASSES.length + API_VERSION_CLASSES.length;

/** One generated input: its edits (what shrinks), the request that tests it and the input in words. */
interface Input {
  readonly edits: Edits;
  /** Which id the input was built from (ids and api-version inputs cycle through theirs); a shrink keeps it. */
  readonly index: number;
  readonly probe: Probe;
  readonly shown: string;
}

/** The budget shared out over the classes, the first ones taking the remainder. */
export function shareOf(budget: number, classIndex: number, classes = CLASS_COUNT): number {
  return Math.floor(budget / classes) + (classIndex < budget % classes ? 1 : 0);
}

/** `count` edit lists drawn from `seed` (each class draws from its own offset of the seed). */
export function editsFor(seed: number, classIndex: number, count: number): Edits[] {
  if (count === 0) return [];
  return fc.sample(EDITS, { seed: (seed + classIndex) | 0, numRuns: count });
}

function isErrorResponse(exchange: Exchange): boolean {
  try {
    return validateAgainst('ErrorResponse', exchange.json()).valid;
  } catch {
    return false;
  }
}

function answered(exchange: Exchange): string {
  const code = errorCodeOf(exchange);
  return `${exchange.status}${typeof code === 'string' ? ` ${code}` : ''}`;
}

/** The unknown id's 404 error.code, which every generated id must get too (DeleteJobNotFound when it had none). */
function expectedCode(unknown: Exchange | undefined): string {
  const code = unknown === undefined ? undefined : errorCodeOf(unknown);
  return unknown?.status === 404 && typeof code === 'string' ? code : 'DeleteJobNotFound';
}

/** What is wrong with the answer to a generated id, or undefined when it is answered as the unknown id is. */
function idProblem(idClass: IdClass, exchange: Exchange, expected: string): string | undefined {
  if (exchange.status === 404 && errorCodeOf(exchange) === expected) return undefined;
  if (idClass.mayReject && exchange.status === 400 && isErrorResponse(exchange)) return undefined;
  return `${describeRequest(exchange)} answered ${answered(exchange)}`;
}

function apiVersionProblem(exchange: Exchange): string | undefined {
  if (exchange.status === 400 && isErrorResponse(exchange)) return undefined;
  return `${describeRequest(exchange)} answered ${answered(exchange)}`;
}

/** Distinct inputs only: two edit lists can render the same request. */
function distinct(inputs: readonly (Input | undefined)[]): Input[] {
  const seen = new Set<string>();
  return inputs.filter((input): input is Input => {
    if (input === undefined || seen.has(input.shown)) return false;
    seen.add(input.shown);
    return true;
  });
}

/**
 * A generated case: the unknown id first (what every generated input is compared with), then one request per
 * input. The check names how many inputs broke the rule and the first of them; the engine then shrinks that one.
 */
function generatedCase(spec: {
  requirementId: RequirementId;
  title: string;
  className: string;
  rule: string;
  context: PlanContext;
  unknownId: string;
  inputs: readonly Input[];
  inputFor: (edits: Edits, index: number) => Input | undefined;
  problem: (exchange: Exchange, unknown: Exchange | undefined) => string | undefined;
}): Case {
  const { seed } = spec.context.probes;
  const step = (input: Input): ShrinkStep => ({
    shown: input.shown,
    probes: [input.probe],
    fails: ([exchange], [unknown]) => exchange !== undefined && spec.problem(exchange, unknown) !== undefined,
    *smaller() {
      for (const candidate of EDITS.shrink(input.edits, undefined)) {
        const smaller = spec.inputFor(candidate.value, input.index);
        if (smaller !== undefined && smaller.shown !== input.shown) yield step(smaller);
      }
    },
  });
  const shrinking: Shrinking = {
    seed,
    limit: SHRINK_LIMIT,
    start: ([unknown, ...answers]) => {
      const index = answers.findIndex((exchange) => spec.problem(exchange, unknown) !== undefined);
      const input = spec.inputs[index];
      return input === undefined ? undefined : step(input);
    },
  };
  return {
    requirementId: spec.requirementId,
    title: spec.title,
    probes: [{ kind: 'getById', id: spec.unknownId }, ...spec.inputs.map((input) => input.probe)],
    shrinking,
    check: ([unknown, ...answers]) =>
      judge((f) => {
        f.attach(GENERATED_PROBES, {
          seed,
          class: spec.className,
          budget: spec.context.probes.budget,
          inputs: spec.inputs.map((input) => input.shown),
        });
        const problems = answers.flatMap((exchange) => spec.problem(exchange, unknown) ?? []);
        f.that(
          problems.length === 0,
          `${spec.rule} (seed ${seed}: ${spec.inputs.length} generated input(s) of class ${spec.className})`,
          `${problems.length} broke it, the first: ${problems[0] ?? ''}`,
        );
      }),
  };
}

function idInputs(
  idClass: IdClass,
  ids: readonly string[],
  existing: ReadonlySet<string>,
): (edits: Edits, index: number) => Input | undefined {
  return (edits, index) => {
    const id = pick(ids, index);
    const segment = idClass.render(id, edits);
    const decoded = segment === undefined ? undefined : decodedSegment(segment);
    if (segment === undefined || decoded === undefined || existing.has(decoded)) return undefined;
    const shown = decoded === segment ? `"${segment}"` : `"${segment}" (the id ${JSON.stringify(decoded)})`;
    return { edits, index, probe: { kind: 'getByRawId', segment }, shown };
  };
}

const ID_RULE =
  'an id that is not byte for byte an existing id must be answered as the unknown id is (404 with its error.code)';

function idClassCase(context: PlanContext, idClass: IdClass, classIndex: number): Case {
  const title = `ids a stack maps onto an existing id by ${idClass.what} answer 404 DeleteJobNotFound`;
  const jobs = jobsOf(context);
  if (jobs.length === 0) return notApplicableCase('DJ-404-06', title, noJobReason(context));
  const share = shareOf(context.probes.budget, classIndex);
  if (share === 0)
    return notApplicableCase(
      'DJ-404-06',
      title,
      `ADT_PROBE_BUDGET=${context.probes.budget} leaves this class no probe`,
    );
  const inputOf = idInputs(
    idClass,
    jobs.map((job) => job.id),
    discoveredIds(context),
  );
  const inputs = distinct(editsFor(context.probes.seed, classIndex, share).map(inputOf));
  if (inputs.length === 0)
    return notApplicableCase('DJ-404-06', title, `no discovered id offers an input of class ${idClass.name}`);
  const rule = idClass.mayReject
    ? `${ID_RULE}, or rejected with 400 and an ErrorResponse (it holds a separator or a control character)`
    : ID_RULE;
  return generatedCase({
    requirementId: 'DJ-404-06',
    title,
    className: idClass.name,
    rule,
    context,
    unknownId: unknownIdOf(context),
    inputs,
    inputFor: inputOf,
    problem: (exchange, unknown) => idProblem(idClass, exchange, expectedCode(unknown)),
  });
}

function apiVersionClassCase(context: PlanContext, apiClass: ApiVersionClass, classIndex: number): Case {
  const title = `api-versions a stack maps onto the supported one by ${apiClass.what} answer 400`;
  const share = shareOf(context.probes.budget, ID_CLASSES.length + classIndex);
  if (share === 0)
    return notApplicableCase(
      'DJ-APIV-06',
      title,
      `ADT_PROBE_BUDGET=${context.probes.budget} leaves this class no probe`,
    );
  const unknownId = unknownIdOf(context);
  // Whatever the id: the inputs alternate between an existing job (when there is one) and the unknown id.
  const ids = [
    ...jobsOf(context)
      .slice(0, 1)
      .map((job) => job.id),
    unknownId,
  ];
  const inputOf = (edits: Edits, index: number): Input | undefined => {
    const rawQuery = apiClass.render(context.apiVersion, edits);
    if (rawQuery === undefined || rawQuery === `api-version=${encodeURIComponent(context.apiVersion)}`)
      return undefined;
    const id = pick(ids, index);
    return {
      edits,
      index,
      probe: { kind: 'getById', id, options: { rawQuery } },
      shown: `"?${rawQuery}" for the id ${id}`,
    };
  };
  const inputs = distinct(editsFor(context.probes.seed, ID_CLASSES.length + classIndex, share).map(inputOf));
  if (inputs.length === 0)
    return notApplicableCase('DJ-APIV-06', title, `the api-version offers no input of class ${apiClass.name}`);
  return generatedCase({
    requirementId: 'DJ-APIV-06',
    title,
    className: apiClass.name,
    rule: `a query without the supported api-version (${context.apiVersion}) must be rejected with 400 and an ErrorResponse`,
    context,
    unknownId,
    inputs,
    inputFor: inputOf,
    problem: (exchange) => apiVersionProblem(exchange),
  });
}

/**
 * DJ-404-06 and DJ-APIV-06: for every equivalence class of docs/equivalence-classes.md, inputs generated from the
 * run's seed (ADT_PROBE_SEED) within its budget (ADT_PROBE_BUDGET), from the discovered ids and the configured
 * api-version. One test per class; a failure names the seed and the shrunk input.
 */
export function equivalenceCases(context: PlanContext): Case[] {
  return [
    ...ID_CLASSES.map((idClass, index) => idClassCase(context, idClass, index)),
    ...API_VERSION_CLASSES.map((apiClass, index) => apiVersionClassCase(context, apiClass, index)),
  ];
}
