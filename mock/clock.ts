/** Where the mock reads "now" from. Every world (scenario + session) owns one clock. */
export interface Clock {
  now(): number;
  /** Moves a frozen clock; a real-time clock shifts its offset, so time keeps flowing from the new point. */
  advance(ms: number): void;
  set(ms: number): void;
}

export type ClockMode = 'frozen' | 'realtime';

export const CLOCK_MODES: readonly ClockMode[] = ['frozen', 'realtime'];

/** Stands still until a test moves it: responses are identical across runs. */
export function frozenClock(startMs: number): Clock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}

/** Starts at the scenario's "now" and runs at wall-clock speed from there, so seeds never expire early. */
export function realtimeClock(startMs: number, wallNow: () => number = Date.now): Clock {
  let offset = startMs - wallNow();
  return {
    now: () => wallNow() + offset,
    advance: (ms) => {
      offset += ms;
    },
    set: (ms) => {
      offset = ms - wallNow();
    },
  };
}

export function clockFor(mode: ClockMode): (startMs: number) => Clock {
  return mode === 'frozen' ? frozenClock : (startMs) => realtimeClock(startMs);
}
