import type { RequirementId } from '../requirements';
import { walkList, type DiscoveredJob, type Discovery } from '../suite/discovery';
import type { AdtClient, Exchange, GetOptions } from '../suite/http/client';
import type { Verdict } from './verdict';

/**
 * The requests of one case, as data. The executor below turns them into exchanges with the suite's one HTTP
 * client, whether a Playwright test or the in-process proof sends them.
 */
export type Probe =
  | { readonly kind: 'getById'; readonly id: string; readonly options?: GetOptions }
  | { readonly kind: 'getByRawId'; readonly segment: string; readonly options?: GetOptions }
  | { readonly kind: 'list'; readonly options?: GetOptions }
  /** Every List page, following nextLink; the exchanges are the pages in order. */
  | { readonly kind: 'walkList'; readonly maxItemsPerPage?: number; readonly maxPages?: number }
  /** GetById with the configured credential altered: a JWT's signature (else an opaque token's last character), or `alg: none`. */
  | { readonly kind: 'alteredCredential'; readonly id: string; readonly alteration: 'first' | 'alg-none' };

/**
 * One test of the suite: one requirement, the requests it sends, and the pure check that judges their exchanges.
 * `notApplicable` marks a case this target gives nothing to check (no job, no credential): it sends nothing.
 */
export interface Case {
  readonly requirementId: RequirementId;
  /** The title after the requirement id, e.g. `an unknown id answers 404 with an ErrorResponse [x]`. */
  readonly title: string;
  readonly job?: DiscoveredJob;
  readonly probes: readonly Probe[];
  readonly check: (exchanges: readonly Exchange[], walk?: ListWalkFacts) => Verdict;
  readonly notApplicable?: string;
  /** A generated case: how to shrink the input its check found failing, with more requests (see runCase). */
  readonly shrinking?: Shrinking;
  /** For a case whose requests take long (latency samples): the time it may take beyond the usual test timeout. */
  readonly extraTimeMs?: number;
}

/**
 * Shrinking a generated input over HTTP: a pure check cannot send requests, so after a generated case fails the
 * engine walks the input's shrinks (fast-check's order) with real requests, keeping the first that still fails.
 */
export interface Shrinking {
  readonly seed: number;
  /** Requests the walk may send at most. */
  readonly limit: number;
  /** The first input the case's exchanges show failing, or undefined when none did. */
  start(exchanges: readonly Exchange[]): ShrinkStep | undefined;
}

export interface ShrinkStep {
  /** The input in words, for the failure message. */
  readonly shown: string;
  /** The requests that test this input. */
  readonly probes: readonly Probe[];
  /** Whether the exchanges of `probes` break the rule (the case's own exchanges give the unknown id's answer). */
  fails(exchanges: readonly Exchange[], caseExchanges: readonly Exchange[]): boolean;
  /** Smaller inputs, in fast-check's shrinking order. */
  smaller(): Iterable<ShrinkStep>;
}

/** What a List walk found beyond its pages: why it stopped early, when it did. */
export interface ListWalkFacts {
  readonly problem?: string;
}

/** What the plan is computed from: discovery and configuration, nothing else. */
export interface PlanContext {
  /** Undefined when discovery did not run (listing tests only). */
  readonly discovery: Discovery | undefined;
  readonly apiVersion: string;
  /** Whether the suite sends a credential: without one, auth cannot be told from an open target. */
  readonly holdsCredential: boolean;
  readonly latency: { readonly samples: number; readonly budgetMs: number };
  /** The spacing of one worker's requests (ADT_MAX_RPS), which a long case's time allowance must include. */
  readonly pacingIntervalMs: number;
  /** The generated equivalence probes: the run's seed and how many inputs it may generate. */
  readonly probes: { readonly seed: number; readonly budget: number };
  /**
   * `npm run judge`: every exchange of the judged recording. The answers then come from a replay, so what a replay
   * cannot reproduce (how long the target took) is read from the recording instead.
   */
  readonly judgedExchanges?: readonly Exchange[];
}

export class NotApplicableProbe extends Error {}

/** Sends a case's probes in order and returns what came back, one exchange per request. */
export async function sendProbes(
  client: AdtClient,
  probes: readonly Probe[],
): Promise<{ exchanges: Exchange[]; walk?: ListWalkFacts }> {
  const exchanges: Exchange[] = [];
  let walk: ListWalkFacts | undefined;
  for (const probe of probes) {
    switch (probe.kind) {
      case 'getById':
        exchanges.push(await client.getById(probe.id, probe.options));
        break;
      case 'getByRawId':
        exchanges.push(await client.getByRawId(probe.segment, probe.options));
        break;
      case 'list':
        exchanges.push(await client.list(probe.options));
        break;
      case 'walkList': {
        const result = await walkList(client, probe);
        exchanges.push(...result.pages.map((page) => page.exchange));
        walk = result.problem === undefined ? {} : { problem: result.problem };
        break;
      }
      case 'alteredCredential': {
        const alterations = await client.credentialAlterations();
        const alteration =
          probe.alteration === 'alg-none'
            ? 'alg-none'
            : alterations.includes('changed-signature')
              ? 'changed-signature'
              : 'last-character';
        if (!alterations.includes(alteration))
          throw new NotApplicableProbe('the configured credential is not a JWT, so it has no alg to set to none');
        exchanges.push(await client.getById(probe.id, { auth: { altered: alteration } }));
        break;
      }
    }
  }
  return walk === undefined ? { exchanges } : { exchanges, walk };
}

/** Walks the shrinks of a failing generated input with real requests; the step reached and the requests sent. */
async function shrink(
  client: AdtClient,
  shrinking: Shrinking,
  first: ShrinkStep,
  caseExchanges: readonly Exchange[],
  log: Exchange[],
): Promise<{ step: ShrinkStep; requests: number }> {
  let step = first;
  let requests = 0;
  let improved = true;
  while (improved) {
    improved = false;
    for (const candidate of step.smaller()) {
      if (requests + candidate.probes.length > shrinking.limit) return { step, requests };
      const { exchanges } = await sendProbes(client, candidate.probes);
      log.push(...exchanges);
      requests += candidate.probes.length;
      if (candidate.fails(exchanges, caseExchanges)) {
        step = candidate;
        improved = true;
        break;
      }
    }
  }
  return { step, requests };
}

/**
 * One case against a client: its probes sent, its check's verdict, and for a failed generated case the failure
 * shrunk with at most `shrinking.limit` more requests. `exchanges` holds every exchange sent, shrinking included.
 */
export async function runCase(
  client: AdtClient,
  planned: Case,
): Promise<{ exchanges: Exchange[]; walk?: ListWalkFacts; verdict: Verdict }> {
  const sent = await sendProbes(client, planned.probes);
  const verdict = planned.check(sent.exchanges, sent.walk);
  const first = verdict.outcome === 'failed' ? planned.shrinking?.start(sent.exchanges) : undefined;
  if (verdict.outcome !== 'failed' || planned.shrinking === undefined || first === undefined)
    return { ...sent, verdict };
  const exchanges = [...sent.exchanges];
  const { step, requests } = await shrink(client, planned.shrinking, first, sent.exchanges, exchanges);
  const shrunk =
    step.shown === first.shown
      ? `the input ${first.shown} does not shrink further (${requests} more request(s) tried)`
      : `shrunk with ${requests} more request(s) from ${first.shown} to ${step.shown}`;
  return {
    exchanges,
    ...(sent.walk === undefined ? {} : { walk: sent.walk }),
    verdict: {
      ...verdict,
      problems: [
        ...verdict.problems,
        `${shrunk}; seed ${planned.shrinking.seed}, reproduce with ADT_PROBE_SEED=${planned.shrinking.seed}`,
      ],
    },
  };
}
