// Reads a V8 .cpuprofile (node --cpu-prof) and names where the time went: self time per function and per file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './options';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  name: string;
  where: string;
  selfMs: number;
  selfPercent: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Busy time, i.e. without V8's "(idle)" and "(program)" pseudo-frames. */
  busyMs: number;
  functions: HotSpot[];
  files: HotSpot[];
  /** Time under each function (self + callees), for the functions of the project's own files. */
  projectInclusive: HotSpot[];
}

function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

/** Monotonic microseconds, the clock V8 stamps profile samples with (same as process.hrtime). */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Summarises a profile. With `window` (monotonic µs, see monotonicMicros), only samples taken inside it
 * count, so start-up (module loading, the TypeScript loader) does not blur the steady state under load.
 */
export function summarizeProfile(file: string, top = 15, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idleUs = profile.nodes
    .filter((node) => node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)')
    .reduce((sum, node) => sum + (selfUs.get(node.id) ?? 0), 0);
  const busyUs = totalUs - idleUs;
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const files = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (us === 0 || functionName === '(idle)' || functionName === '(program)') continue;
    const where = `${shortUrl(url)}:${lineNumber + 1}`;
    const key = `${functionName}@${where}`;
    const entry = functions.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const fileKey = IDLE.has(functionName) ? functionName : shortUrl(url);
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
  }
  // Inclusive time of project functions: each sample counts once for every distinct project frame on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame?.url.includes(REPO_ROOT) || frame.url.includes('node_modules')) continue;
      const where = `${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
      const key = `${frame.functionName}@${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusive.get(key) ?? { name: frame.functionName || '(anonymous)', where, us: 0 };
      entry.us += us;
      inclusive.set(key, entry);
    }
  }
  const toSpots = (entries: { name: string; where: string; us: number }[]): HotSpot[] =>
    entries
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((entry) => ({
        name: entry.name,
        where: entry.where,
        selfMs: entry.us / 1000,
        selfPercent: busyUs === 0 ? 0 : (100 * entry.us) / busyUs,
      }));
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    functions: toSpots([...functions.values()]),
    files: toSpots([...files].map(([where, us]) => ({ name: where, where, us }))),
    projectInclusive: toSpots([...inclusive.values()]),
  };
}
