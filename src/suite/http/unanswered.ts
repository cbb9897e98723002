import fs from 'node:fs';

/**
 * The jobs (and List) a request got no response for within the deadline. Later requests for them are not sent:
 * a target that hangs on one job would otherwise make each of its tests wait the whole deadline again. Playwright
 * starts a fresh worker after every failed test, so a run keeps this memory in a file of its output folder, which
 * Playwright empties at the start of each run.
 */
export interface UnansweredMemory {
  has(resource: string): boolean;
  add(resource: string): void;
}

export const UNANSWERED_FILE_NAME = 'adt-unanswered-requests.txt';

export function memoryInProcess(): UnansweredMemory {
  const resources = new Set<string>();
  return { has: (resource) => resources.has(resource), add: (resource) => void resources.add(resource) };
}

/** One line per resource; an append of one short line is atomic, so workers may share the file. */
export function memoryInFile(file: string): UnansweredMemory {
  const lines = (): string[] => {
    try {
      return fs.readFileSync(file, 'utf8').split('\n');
    } catch {
      return [];
    }
  };
  return {
    has: (resource) => lines().includes(resource),
    add: (resource) => {
      fs.appendFileSync(file, `${resource}\n`);
    },
  };
}

/** The path without its query: one job's GetById, whatever its api-version or headers, or the List. */
export function resourceOf(path: string): string {
  return path.split('?')[0] ?? path;
}

/** `job "deletejob1"`, `List (/jobs/deletions)`, or the path. */
export function describeResource(resource: string, jobsPath: string): string {
  if (resource === jobsPath) return `List (${resource})`;
  if (!resource.startsWith(`${jobsPath}/`)) return resource;
  const segment = resource.slice(jobsPath.length + 1);
  try {
    return `job ${JSON.stringify(decodeURIComponent(segment))}`;
  } catch {
    return `job ${JSON.stringify(segment)}`;
  }
}
