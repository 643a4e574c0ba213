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

/** Median seconds of `rounds` runs after one warm-up; each run must report `expected` messages. */
export function measure(run: () => number, expected: number): number {
  const check = (count: number) => {
    if (count !== expected) throw new Error(`decoded ${count} messages, expected ${expected}`);
  };
  check(run());
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = cpuSeconds();
    check(run());
    times.push(cpuSeconds() - start);
  }
  return median(times);
}
