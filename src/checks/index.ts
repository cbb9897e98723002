import type { Case, PlanContext } from '../engine/plan';
import { jobStateCases } from './job-state';
import { notFoundCases } from './not-found';
import { successShapeCases } from './success-shape';

/** Every area's plan, in the order a run sends them; the run-level requirements follow in ./run-level. */
export const AREA_PLANS: readonly ((context: PlanContext) => Case[])[] = [successShapeCases, jobStateCases, notFoundCases];
