// Timing for `npm run bench`: CPU time of this process (user + system), not wall time, because the
// development machine is shared and a wall clock counts the time other work held the core.

export const rounds = 9;

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Median seconds of each subject over `rounds` rounds, after one warm-up each; each run must report
 * `expected` messages. The subjects take turns within every round, so none of them always meets the
 * allocator and the collector in the state another left them (measured one after the other, the second
 * came out up to 1.5× faster than the first).
 */
export function measureTogether(
  subjects: Record<string, () => number>,
  expected: number,
): Record<string, number> {
  const check = (count: number) => {
    if (count !== expected) throw new Error(`decoded ${count} messages, expected ${expected}`);
  };
  const times: Record<string, number[]> = {};
  for (const [name, run] of Object.entries(subjects)) {
    check(run());
    times[name] = [];
  }
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of Object.entries(subjects)) {
      const start = cpuSeconds();
      check(run());
      times[name]!.push(cpuSeconds() - start);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
}
