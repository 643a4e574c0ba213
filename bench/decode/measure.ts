// Timing for `npm run bench`: CPU time of the process (user + system), not wall time, because the
// development machine is shared and a wall clock counts the time other work held the core.

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** CPU seconds for `repeat` runs of `run`, each of which must report `expected` messages. */
export function timeRuns(run: () => number, repeat: number, expected: number): number {
  const start = cpuSeconds();
  for (let i = 0; i < repeat; i++) {
    const count = run();
    if (count !== expected) throw new Error(`decoded ${count} messages, expected ${expected}`);
  }
  return cpuSeconds() - start;
}
