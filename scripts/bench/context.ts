import type { BenchOptions } from './options';

export interface BenchContext {
  options: BenchOptions;
  log: (line: string) => void;
  /** Set when Prism is wanted but cannot be used; the sections then report it as not measured. */
  prismProblem?: string;
  prism?: { entry: string; specFile: string };
}

export function interleave<T>(items: readonly T[], round: number): T[] {
  // Forward on even rounds, backward on odd ones: drift within a round hits both sides equally.
  return round % 2 === 0 ? [...items] : [...items].reverse();
}
