/**
 * Loaded into the stress run's server process (`node --import`): the server's own event-loop lag.
 * Every 250 ms, the longest the loop was held in that window, on stdout as `lag <ms>` (the bench keeps a
 * row's worst); and when WS101_LAG_FILE is set, "<epoch ms> <ms>" appended to that file, so a row can
 * report the lag of its own attack window (lagDuring in bench/stress/roomAndChatRows.ts).
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.WS101_LAG_FILE;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
setInterval(() => {
  const worst = (delay.max / 1e6).toFixed(1);
  process.stdout.write(`lag ${worst}\n`);
  if (file) appendFileSync(file, `${Date.now()} ${worst}\n`);
  delay.reset();
}, 250).unref();
