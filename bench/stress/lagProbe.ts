/**
 * Loaded into the stress run's server process (`node --import`): every 250 ms, the longest the event loop
 * was held in that time, on stdout as `lag <ms>`. The bench reads it: a row's figure is its worst lag.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
setInterval(() => {
  process.stdout.write(`lag ${(delay.max / 1e6).toFixed(1)}\n`);
  delay.reset();
}, 250).unref();
