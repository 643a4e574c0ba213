/** One figure of bench:capture, with its goal and the ratio to it. */
export const line = (label: string, value: string, goal: string, ratio: number) =>
  console.log(`${label.padEnd(40)}${value.padStart(12)}   goal ${goal.padEnd(10)} ratio ${ratio.toFixed(2)}`);
