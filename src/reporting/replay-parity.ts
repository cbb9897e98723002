import type { RecordedVerdict } from '../../mock/replay/har-format';

/** A requirement whose verdict against the replay differs from its verdict in the recorded run. */
export interface ReplayDefect {
  id: string;
  recorded: string;
  replayed: string;
}

/** Every requirement of either side whose verdict differs (a requirement missing on one side counts as "absent"). */
export function replayDefects(
  recorded: readonly RecordedVerdict[],
  replayed: { readonly requirements: readonly { id: string; verdict: string }[] },
): ReplayDefect[] {
  const before = new Map(recorded.map((row) => [row.id, row.verdict]));
  const after = new Map(replayed.requirements.map((row) => [row.id, row.verdict]));
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  return ids
    .map((id) => ({ id, recorded: before.get(id) ?? 'absent', replayed: after.get(id) ?? 'absent' }))
    .filter((row) => row.recorded !== row.replayed);
}

/** The parity line, printed under the run verdict, with what the exit code reports. */
export function parityText(defects: readonly ReplayDefect[], recording: string, exitCode: number): string {
  if (defects.length === 0) {
    return `  Replay parity: every requirement got the verdict it got in the recorded run (${recording}). Exit code ${exitCode}: the replayed run verdict.\n`;
  }
  const rows = defects.map((d) => `    ${d.id.padEnd(12)} recorded: ${d.recorded.padEnd(16)} replayed: ${d.replayed}`);
  return [
    `  REPLAY DEFECT: ${defects.length} requirement(s) got another verdict than in the recorded run (${recording}):`,
    ...rows,
    `  Exit code ${exitCode}: a replay whose verdicts differ from the recording's fails, whatever its run verdict.`,
    '',
  ].join('\n');
}
