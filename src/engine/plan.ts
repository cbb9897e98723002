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
  /** For a case whose requests take long (latency samples): the time it may take beyond the usual test timeout. */
  readonly extraTimeMs?: number;
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
