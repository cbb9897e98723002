/** Levenshtein distance, two rows: names here are short, so nothing cleverer pays. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * ` Did you mean "x"?` for the known name closest to `input` (case aside), or '' when none is close enough to be
 * a typo: at most a third of the input's length away (at least 1, so short names still get suggestions).
 */
export function didYouMean(input: string, known: readonly string[]): string {
  const wanted = input.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  return best !== undefined && best.distance <= Math.max(1, Math.floor(wanted.length / 3))
    ? ` Did you mean "${best.name}"?`
    : '';
}
