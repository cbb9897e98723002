// Spawning the servers under test in their own process groups, probing readiness, reading their CPU time.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export interface Probe {
  path: string;
  headers?: Record<string, string>;
  /** Whether this status means "ready" (e.g. only 200 for /healthz). */
  accepts: (status: number) => boolean;
}

export interface LaunchSpec {
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  probe: Probe;
  readyTimeoutMs: number;
}

export interface RunningServer {
  name: string;
  url: string;
  pid: number;
  /** Milliseconds from spawn() to the first accepted probe response. */
  readyMs: number;
  logFile: string;
  /** CPU milliseconds (user + system) used so far by every live process in the server's process group. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port, then releases it (the server under test binds it next). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** One GET with a fresh connection; resolves with the status, or undefined when nothing answers yet. */
export function probeOnce(url: string, probe: Probe, timeoutMs = 1_000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(
      `${url}${probe.path}`,
      { headers: probe.headers, agent: false, timeout: timeoutMs },
      (response) => {
        response.resume();
        resolve(response.statusCode);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => {
      resolve(undefined);
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let clockTicksPerSecond: number | undefined;
function clockTicks(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100;
    }
  }
  return clockTicksPerSecond;
}

/**
 * The fields of a /proc/<pid>/stat line after the parenthesised command, which may itself contain spaces and
 * parentheses: [0] is the state, [1] the parent pid, [2] the process group, [11]/[12] utime/stime, [13]/[14] the
 * waited-for children's.
 */
function fieldsAfterCommand(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Whether a pid is still a running process (a zombie waiting to be reaped has ended). */
export function isRunning(pid: number): boolean {
  try {
    return fieldsAfterCommand(readFileSync(`/proc/${pid}/stat`, 'utf8'))[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Sum of utime + stime over live processes whose process group is pgid (Linux /proc; NaN elsewhere). */
export function processGroupCpuMs(pgid: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return Number.NaN;
  }
  let ticks = 0;
  for (const entry of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = fieldsAfterCommand(stat);
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / clockTicks();
}

/**
 * CPU milliseconds of every child this process has waited for, with their own waited-for descendants (Linux
 * /proc/self/stat cutime and cstime; NaN elsewhere). The difference around one child's run is that run's whole
 * process tree, however many processes it started.
 */
export function waitedChildrenCpuMs(): { user: number; system: number } {
  try {
    const fields = fieldsAfterCommand(readFileSync('/proc/self/stat', 'utf8'));
    const toMs = 1000 / clockTicks();
    return { user: Number(fields[13]) * toMs, system: Number(fields[14]) * toMs };
  } catch {
    return { user: Number.NaN, system: Number.NaN };
  }
}

/** Machine-wide busy CPU milliseconds (all cores) from /proc/stat, and the part stolen by the hypervisor. */
export function machineCpuMs(): { busy: number; steal: number } {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    const toMs = 1000 / clockTicks();
    return { busy: (user + nice + system + irq + softirq) * toMs, steal: steal * toMs };
  } catch {
    return { busy: Number.NaN, steal: Number.NaN };
  }
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no output)';
  }
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return Promise.race([
    new Promise<boolean>((resolve) =>
      child.once('exit', () => {
        resolve(true);
      }),
    ),
    sleep(ms).then(() => false),
  ]);
}

/** Process groups the bench started and has not ended yet; see killAllStarted(). */
const liveGroups = new Set<number>();

export function trackGroup(pid: number): void {
  liveGroups.add(pid);
}

export function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
}

/** On Ctrl-C: the servers and suite runs are detached (own process groups), so the terminal's signal misses them. */
export function killAllStarted(): void {
  for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  liveGroups.clear();
}

/** Every living descendant of `root`, from /proc (Linux); empty where /proc cannot be read. */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const name of entries) {
    try {
      const parent = Number(fieldsAfterCommand(readFileSync(`/proc/${name}/stat`, 'utf8'))[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Signals the group led by `pid` and every descendant of it: Playwright starts its webServer in a group of its
 * own, which a signal to the suite run's group misses, and a killed runner would leave the mock behind.
 */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  const descendants = descendantsOf(pid);
  for (const target of [-pid, ...descendants.map((child) => -child), ...descendants]) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone, or not a group leader.
    }
  }
}

/**
 * Spawns `spec` listening on `port`, polls its probe every few ms from the moment of spawn and
 * resolves once it answers. The server runs in its own process group so stop() ends wrappers
 * (npm, tsx) and the server together.
 */
export async function startServer(spec: LaunchSpec, port: number, logDir: string, cwd: string): Promise<RunningServer> {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${spec.name.replace(/[^\w.-]+/g, '_')}.log`);
  const logFd = openSync(logFile, 'w');
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(spec.command, spec.args, {
    cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', logFd, logFd],
    detached: true,
  });
  closeSync(logFd);
  // A command that cannot start (not installed) is reported by 'error' a tick later; unheard, it would crash the bench.
  child.once('error', () => undefined);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name}: could not spawn ${spec.command}; is it installed (npm ci)?`);
  trackGroup(pid);
  const stop = async (): Promise<void> => {
    signalGroup(pid, 'SIGTERM');
    if (!(await waitForExit(child, 5_000))) {
      signalGroup(pid, 'SIGKILL');
      await waitForExit(child, 2_000);
    }
    // Wrappers may exit before their children; make sure nothing of the group survives.
    signalGroup(pid, 'SIGKILL');
    untrackGroup(pid);
  };
  const deadline = started + spec.readyTimeoutMs;
  for (;;) {
    const status = await probeOnce(url, spec.probe, 500);
    if (status !== undefined && spec.probe.accepts(status)) break;
    if (child.exitCode !== null || child.signalCode !== null) {
      // The wrapper (npm, tsx) may be gone while the server it started is not.
      await stop();
      throw new Error(`${spec.name} exited before it was ready. Last output (${logFile}):\n${logTail(logFile)}`);
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(
        `${spec.name} was not ready within ${spec.readyTimeoutMs} ms (last probe status: ${status ?? 'no answer'}). Last output (${logFile}):\n${logTail(logFile)}`,
      );
    }
    await sleep(status === undefined ? 2 : 10);
  }
  return {
    name: spec.name,
    url,
    pid,
    readyMs: performance.now() - started,
    logFile,
    cpuMs: () => processGroupCpuMs(pid),
    stop,
  };
}
