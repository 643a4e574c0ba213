/**
 * One audience process of `npm run bench:classroom`: a share of the class's connections, in a process of its
 * own, so that what the bench measures is the server's fan-out, not its clients' decoding on the server's
 * cores. Driven over IPC by the bench; times are `performance.timeOrigin + now()`, comparable across the
 * processes of one machine.
 *
 * For each move it reports once: the time the LAST of its connections had it.
 */
import { performance } from 'node:perf_hooks';
import { type Socket as IoSocket, io } from 'socket.io-client';
import WebSocket from 'ws';
import { backoffDelay } from '../../src/session/backoff.ts';

export type AudienceCommand =
  | { cmd: 'grow'; kind: 'ws101' | 'socket.io'; port: number; total: number }
  | { cmd: 'storm'; port: number; h: number }
  | { cmd: 'close' };

export type AudienceReport =
  | { type: 'grown'; connections: number }
  | { type: 'all-have'; seq: number; at: number }
  | { type: 'storm-back'; at: number; attempts: number; refused: number }
  | { type: 'closed' };

const now = () => performance.timeOrigin + performance.now();
const report = (message: AudienceReport) => process.send!(message);

type Member = { close(): void };
const members: Member[] = [];
/** For each seq, how many of this process's connections have it. */
const arrived = new Map<number, number>();

function heard(seq: number): void {
  const count = (arrived.get(seq) ?? 0) + 1;
  arrived.set(seq, count);
  if (count === members.length) {
    arrived.delete(seq);
    report({ type: 'all-have', seq, at: now() });
  }
}

/** The move's seq read off the text (`{"type":"move","seq":N,…}`): this side's cheapest read. */
function moveSeq(text: string): number | null {
  if (!text.startsWith('{"type":"move"')) return null;
  return Number.parseInt(text.slice(text.indexOf('"seq":') + 6), 10);
}

function openWs101(port: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/room`, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function openSocketIo(port: number): Promise<IoSocket> {
  return new Promise((resolve, reject) => {
    // Straight to WebSocket, as a class on a modern browser ends up: no long-polling phase to measure.
    const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function grow(kind: 'ws101' | 'socket.io', port: number, total: number): Promise<void> {
  // 100 at a time: a class arriving, not a SYN flood.
  while (members.length < total) {
    const batch = Math.min(100, total - members.length);
    if (kind === 'ws101') {
      const opened = await Promise.all(Array.from({ length: batch }, () => openWs101(port)));
      for (const ws of opened) {
        ws.on('message', (data) => {
          const seq = moveSeq(data.toString());
          if (seq !== null) heard(seq);
        });
        members.push({ close: () => ws.terminate() });
      }
    } else {
      const opened = await Promise.all(Array.from({ length: batch }, () => openSocketIo(port)));
      for (const socket of opened) {
        socket.on('slide', (move: { seq: number }) => heard(move.seq));
        members.push({ close: () => socket.disconnect() });
      }
    }
  }
  report({ type: 'grown', connections: members.length });
}

/**
 * A Wi-Fi blip: every connection drops at once, then each page comes back on its own jittered backoff
 * (the deck's: 250 ms doubling to 4 s, half of it random) until the room's state puts it on slide `h`.
 */
async function storm(port: number, h: number): Promise<void> {
  const pages = members.length;
  for (const member of members.splice(0)) member.close();
  let attempts = 0;
  let refused = 0;
  const comeBack = (attempt: number): Promise<void> =>
    new Promise((resolve) => {
      setTimeout(
        () => {
          attempts++;
          const ws = new WebSocket(`ws://127.0.0.1:${port}/room`, { perMessageDeflate: false });
          ws.once('message', (data) => {
            const state = JSON.parse(data.toString()) as { type: string; h: number };
            if (state.type === 'state' && state.h === h) {
              members.push({ close: () => ws.terminate() });
              ws.on('message', (more) => {
                const seq = moveSeq(more.toString());
                if (seq !== null) heard(seq);
              });
              resolve();
            }
          });
          ws.once('error', () => {
            refused++;
            resolve(comeBack(attempt + 1));
          });
        },
        backoffDelay(attempt, { baseMs: 250, maxMs: 4000 }),
      );
    });
  await Promise.all(Array.from({ length: pages }, () => comeBack(1)));
  report({ type: 'storm-back', at: now(), attempts, refused });
}

process.on('message', (command: AudienceCommand) => {
  if (command.cmd === 'grow') void grow(command.kind, command.port, command.total);
  else if (command.cmd === 'storm') void storm(command.port, command.h);
  else {
    for (const member of members.splice(0)) member.close();
    report({ type: 'closed' });
    setTimeout(() => process.exit(0), 100);
  }
});
