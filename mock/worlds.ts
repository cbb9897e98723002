import type { Clock } from './clock';
import type { Lifecycle, Scenario } from './scenarios';
import { World } from './store';

export interface WorldSettings {
  scenarios: ReadonlyMap<string, Scenario>;
  createClock: (startMs: number) => Clock;
  /** Overrides every scenario's "now". */
  nowMs?: number;
  /** Overrides parts of every scenario's lifecycle. */
  lifecycle?: Partial<Lifecycle>;
  maxSessions: number;
}

/**
 * One World per (scenario, session) pair, created on first use. Distinct sessions never see each other's
 * jobs or clocks, so parallel tests stay deterministic. The oldest session is forgotten past maxSessions.
 */
export class Worlds {
  private readonly worlds = new Map<string, World>();
  /** Requests without a session header skip building a key: this is the hot path. */
  private readonly sessionless = new Map<string, World>();

  constructor(private readonly settings: WorldSettings) {}

  has(scenario: string): boolean {
    return this.settings.scenarios.has(scenario);
  }

  scenarioNames(): string[] {
    return [...this.settings.scenarios.keys()];
  }

  get(scenarioName: string, session: string): World | undefined {
    if (session === '') {
      const shared = this.sessionless.get(scenarioName);
      if (shared) return shared;
      const scenario = this.settings.scenarios.get(scenarioName);
      if (!scenario) return undefined;
      const world = this.fresh(scenario);
      this.sessionless.set(scenarioName, world);
      return world;
    }
    const key = `${scenarioName}\n${session}`;
    const existing = this.worlds.get(key);
    if (existing) return existing;
    const scenario = this.settings.scenarios.get(scenarioName);
    if (!scenario) return undefined;
    const world = this.fresh(scenario);
    if (this.worlds.size >= this.settings.maxSessions) {
      const oldest = this.worlds.keys().next();
      if (!oldest.done) this.worlds.delete(oldest.value);
    }
    this.worlds.set(key, world);
    return world;
  }

  reset(scenarioName: string, session: string): void {
    if (session === '') this.sessionless.delete(scenarioName);
    else this.worlds.delete(`${scenarioName}\n${session}`);
  }

  private fresh(scenario: Scenario): World {
    const clock = this.settings.createClock(this.settings.nowMs ?? scenario.nowMs);
    return new World(scenario, clock, { ...scenario.lifecycle, ...this.settings.lifecycle });
  }
}
