/**
 * Loaded into the stressed server (`node --import tsx --import ./bench/stress/lagProbe.ts …`) when
 * WS101_LAG_FILE is set: every 200 ms it appends "<epoch ms> <max event-loop delay of that window, ms>",
 * so a stress row can report the server's own event-loop lag during its attack (lagDuring in kit).
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.WS101_LAG_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  setInterval(() => {
    appendFileSync(file, `${Date.now()} ${(delay.max / 1e6).toFixed(1)}\n`);
    delay.reset();
  }, 200).unref();
}
