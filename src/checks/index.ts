import type { Case, PlanContext } from '../engine/plan';
import { apiVersionCases } from './api-version';
import { authCases } from './auth';
import { caseSensitivityCases } from './case-sensitivity';
import { equivalenceCases } from './equivalence';
import { latencyCases } from './latency';
import { listCases } from './list';
import { listAgreementCases } from './list-agreement';
import { listEntriesCases } from './list-entries';
import { oddIdsCases } from './odd-ids';
import { traceHeadersCases } from './trace-headers';
import { jobStateCases } from './job-state';
import { jsonBodiesCases } from './json-bodies';
import { nearMissIdsCases } from './near-miss-ids';
import { notFoundCases } from './not-found';
import { successShapeCases } from './success-shape';
import { timestampsCases } from './timestamps';

/** Every area's plan, in the order a run sends them; the run-level requirements follow in ./run-level. */
export const AREA_PLANS: readonly ((context: PlanContext) => Case[])[] = [
  successShapeCases,
  timestampsCases,
  jobStateCases,
  notFoundCases,
  nearMissIdsCases,
  apiVersionCases,
  caseSensitivityCases,
  oddIdsCases,
  equivalenceCases,
  traceHeadersCases,
  authCases,
  listCases,
  listEntriesCases,
  listAgreementCases,
  jsonBodiesCases,
  latencyCases,
];
