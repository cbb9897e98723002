import { AREA_PLANS } from '../checks';
import { RUN_LEVEL_CASES, runLevelProbes } from '../checks/run-level';
import { requirement, tagFor, type RequirementId } from '../requirements';
import type { TestRecord } from '../reporting/run-record';
import type { AdtClient, Exchange } from '../suite/http/client';
import { NotApplicableProbe, runCase as sendAndJudge, sendProbes, type Case, type PlanContext } from './plan';
import type { Verdict } from './verdict';

/**
 * The whole plan against one target without Playwright: every case sent with the given client and judged by its
 * check, then the run-level requirements over every exchange. The result has the shape the matrix reporter
 * writes, so a run here gets its verdict from the same code as a run of the specs.
 */

export const IN_PROCESS_LOCATION = 'in-process';

function errorOf(id: RequirementId, problems: readonly string[]): string {
  return `${id} ${requirement(id).text}\n\nReceived: ${problems.join('; ')}`;
}

function recordOf(id: RequirementId, title: string, verdict: Verdict): TestRecord {
  const fullTitle = `${id} ${title}`;
  const base = {
    id: fullTitle,
    title: fullTitle,
    location: IN_PROCESS_LOCATION,
    tags: [tagFor(id)],
    failedAttempt: false,
  };
  switch (verdict.outcome) {
    case 'passed':
      return { ...base, outcome: 'passed', skipReasons: [] };
    case 'failed':
      return { ...base, outcome: 'failed', skipReasons: [], error: errorOf(id, verdict.problems) };
    case 'not-applicable':
      return { ...base, outcome: 'skipped', skipReasons: [`Not applicable: ${verdict.reason}`] };
  }
}

async function runCase(client: AdtClient, planned: Case, log: Exchange[]): Promise<Verdict> {
  if (planned.notApplicable !== undefined) return { outcome: 'not-applicable', reason: planned.notApplicable };
  try {
    const sent = await sendAndJudge(client, planned);
    log.push(...sent.exchanges);
    return sent.verdict;
  } catch (error) {
    if (error instanceof NotApplicableProbe) return { outcome: 'not-applicable', reason: error.message };
    return { outcome: 'failed', problems: [error instanceof Error ? error.message : String(error)] };
  }
}

export interface InProcessRun {
  readonly tests: TestRecord[];
  readonly log: readonly Exchange[];
}

export async function runInProcess(client: AdtClient, context: PlanContext, plans = AREA_PLANS): Promise<InProcessRun> {
  const tests: TestRecord[] = [];
  const log: Exchange[] = [];
  for (const plan of plans) {
    for (const planned of plan(context))
      tests.push(recordOf(planned.requirementId, planned.title, await runCase(client, planned, log)));
  }
  log.push(...(await sendProbes(client, runLevelProbes(context)).catch(() => ({ exchanges: [] }))).exchanges);
  for (const runLevel of RUN_LEVEL_CASES)
    tests.push(recordOf(runLevel.requirementId, runLevel.title, runLevel.check(log)));
  return { tests, log };
}
