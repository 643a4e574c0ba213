/**
 * Issue 20's rows of `npm run stress` for the room's social side: share toggles against the presenter's
 * visitors list (item 5), exercise stuffing (6), chat amplification (7) and presenter-token guessing from
 * thousands of addresses (8). Each row's note ends with the server's event-loop lag during the attack
 * (p99/max of 200 ms windows, from bench/stress/lagProbe.ts).
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Attack } from './attacks.ts';
import { closeAll, Inspector, sleep, tryOpen } from './kit.ts';

/** The file the server's lag probe writes to (bench/stress.ts gives it to the server as WS101_LAG_FILE). */
export const lagFile = join(tmpdir(), `ws101-stress-lag-${process.pid}.txt`);

/** 127.a.b.c for n up to 2^16: each a visitor of its own to the caps. */
const address = (block: number, n: number) => `127.${block}.${(n >> 8) & 255}.${n & 255}`;

/** The server's event-loop lag between two instants: p99 and max of its 200 ms windows, in ms. */
function lagDuring(from: number, to: number): string {
  let text = '';
  try {
    text = readFileSync(lagFile, 'utf8');
  } catch {
    return 'lag n/a';
  }
  const windows = text
    .split('\n')
    .map((line) => line.split(' ').map(Number) as [number, number])
    .filter(([t]) => t >= from && t <= to + 200)
    .map(([, ms]) => ms)
    .sort((a, b) => a - b);
  if (windows.length === 0) return 'lag n/a';
  const p99 = windows[Math.min(windows.length - 1, Math.floor(0.99 * windows.length))]!;
  return `lag p99 ${p99.toFixed(0)} ms, max ${windows.at(-1)!.toFixed(0)} ms`;
}

/** A page's chat socket, with its ticket; counts what it receives. */
async function chatSocket(
  port: number,
  inspector: Inspector,
  from: string,
  nick: string,
): Promise<{ ws: WebSocket; received: { bytes: number; errors: Map<string, number> } } | null> {
  const reply = await inspector.request({ type: 'ticket', socket: 'chat' });
  if (typeof reply.ticket !== 'string') return null;
  const ws = await tryOpen(port, `/chat?ticket=${reply.ticket}&nick=${encodeURIComponent(nick)}`, { from });
  if (typeof ws === 'number') return null;
  const received = { bytes: 0, errors: new Map<string, number>() };
  ws.on('message', (data: Buffer) => {
    received.bytes += data.length;
    if (data.includes('"type":"error"')) {
      const code = String((JSON.parse(data.toString()) as { code?: string }).code);
      received.errors.set(code, (received.errors.get(code) ?? 0) + 1);
    }
  });
  ws.on('error', () => {});
  return { ws, received };
}

const summary = (counts: Map<string, number>) =>
  [...counts].map(([code, n]) => `${n} ${code}`).join(', ') || 'none';

export const roomAndChatRows: Attack[] = [
  {
    name: '20.5 share toggles: 31 sessions, 1 address',
    saturates: false,
    async run({ port, presenterToken, over }) {
      const started = Date.now();
      const presenter = await Inspector.open(port, { presenterToken }, address(20, 1));
      if (!presenter) return { refused: Number.NaN, note: 'presenter refused' };
      let lists = 0;
      let presenterClosed = 0;
      presenter.ws.on('message', (data: Buffer) => {
        if (data.includes('"type":"visitors"')) lists++;
      });
      presenter.ws.on('close', (code) => {
        presenterClosed = code;
      });
      const from = address(20, 2);
      const students = (
        await Promise.all(Array.from({ length: 31 }, () => Inspector.open(port, {}, from)))
      ).filter((s): s is Inspector => s !== null);
      const echoes = await Promise.all(
        students.map(async (s) => {
          const url = await s.echoUrl();
          return url ? tryOpen(port, url, { from }) : null;
        }),
      );
      const codes = new Map<string, number>();
      let toggles = 0;
      await Promise.all(
        students.map(async (student, i) => {
          let on = i % 2 === 0;
          while (!over()) {
            const reply = await student.request({ type: 'share', on });
            toggles++;
            const code = reply.type === 'error' ? String(reply.code) : 'ok';
            codes.set(code, (codes.get(code) ?? 0) + 1);
            if (code === 'closed') break;
            // A refused change is asked again: what is already so would be answered for free.
            if (code === 'ok') on = !on;
          }
        }),
      );
      const ended = Date.now();
      closeAll([
        ...students.map((s) => s.ws),
        ...echoes.filter((e): e is WebSocket => e instanceof WebSocket),
      ]);
      presenter.ws.close();
      return {
        refused: codes.get('rate') ?? 0,
        note:
          `${students.length} sessions, ${toggles} share requests (${summary(codes)}); presenter got ${lists} ` +
          `visitors lists, ${presenterClosed ? `closed ${presenterClosed}` : 'never closed'}; ${lagDuring(started, ended)}`,
      };
    },
  },
  {
    name: '20.6 exercise stuffing + squatting, 20 addresses',
    saturates: false,
    async run({ port, presenterToken, over }) {
      const started = Date.now();
      const presenter = await Inspector.open(port, { presenterToken }, address(21, 1));
      if (!presenter) return { refused: Number.NaN, note: 'presenter refused' };
      let tallies = 0;
      let lastAnswered = 0;
      presenter.ws.on('message', (data: Buffer) => {
        if (!data.includes('"type":"tally"')) return;
        tallies++;
        lastAnswered = (JSON.parse(data.toString()) as { tally: { answered: number } }).tally.answered;
      });
      const codes = new Map<string, number>();
      const answer = {
        type: 'exercise.answer',
        exercise: 'decode-it-yourself',
        'answer.fin': '1',
        'answer.opcode': '1',
        'answer.masked': 'yes',
        'answer.length': '128',
        'answer.key': 'a1 b2 c3 d4',
        'answer.text': 'Hi! ',
      };
      let answers = 0;
      // 20 addresses, each minting sessions one after another: hello, 20 answers (and a made-up id), close.
      await Promise.all(
        Array.from({ length: 20 }, async (_, a) => {
          while (!over()) {
            const page = await Inspector.open(port, {}, address(22, a + 1));
            if (!page) break;
            const replies = await Promise.all([
              ...Array.from({ length: 20 }, () => page.request(answer)),
              page.request({ ...answer, exercise: `squat-${a}-${answers}` }),
            ]);
            answers += replies.length;
            for (const reply of replies) {
              const code = reply.type === 'error' ? String(reply.code) : 'ok';
              codes.set(code, (codes.get(code) ?? 0) + 1);
            }
            page.ws.close();
          }
        }),
      );
      await sleep(300);
      const ended = Date.now();
      presenter.ws.close();
      const refused = [...codes].filter(([c]) => c !== 'ok').reduce((n, [, k]) => n + k, 0);
      return {
        refused,
        note:
          `${answers} answers (${summary(codes)}); the projector shows ${lastAnswered} answered ` +
          `(≤ 20 × 64); ${tallies} tally pushes; ${lagDuring(started, ended)}`,
      };
    },
  },
  {
    name: '20.7 chat: 42 sockets, 1 address, long/control text',
    saturates: false,
    async run({ port, over }) {
      const started = Date.now();
      type Member = NonNullable<Awaited<ReturnType<typeof chatSocket>>>;
      const pages: Inspector[] = [];
      const membersOf = async (from: string, nicks: string[]): Promise<Member[]> => {
        const page = await Inspector.open(port, {}, from);
        if (!page) return [];
        pages.push(page);
        const members = await Promise.all(nicks.map((nick) => chatSocket(port, page, from, nick)));
        return members.filter((m): m is Member => m !== null);
      };
      // Bystanders in the chat, each from its own address: 30 members who read everything.
      const listeners = (
        await Promise.all(
          Array.from({ length: 30 }, (_, i) => membersOf(address(23, i + 1), [`reader ${i}`])),
        )
      ).flat();
      // The attacker: 21 sessions × 2 chat sockets from one address (63 connections with the inspectors).
      const from = address(24, 1);
      const attackers = (
        await Promise.all(Array.from({ length: 21 }, () => membersOf(from, ['Teacher', '老师'])))
      ).flat();
      let reservedRefused = 0;
      await sleep(200);
      for (const a of attackers) reservedRefused += a.received.errors.get('reserved') ?? 0;
      const before = listeners.reduce((n, l) => n + l.received.bytes, 0);
      const control = JSON.stringify({ type: 'message', text: '\n'.repeat(2000) });
      const long = JSON.stringify({ type: 'message', text: '字'.repeat(2000) });
      let sentBytes = 0;
      // On a loaded machine the setup may take most of the row's time: the flood itself lasts 3 s at least.
      const floodFrom = Date.now();
      while (!over() || Date.now() - floodFrom < 3000) {
        for (const a of attackers) {
          if (a.ws.readyState !== WebSocket.OPEN || a.ws.bufferedAmount > 256 * 1024) continue;
          for (const text of [control, long]) {
            a.ws.send(text);
            sentBytes += Buffer.byteLength(text);
          }
        }
        await sleep(20);
      }
      await sleep(300);
      const ended = Date.now();
      const out = listeners.reduce((n, l) => n + l.received.bytes, 0) - before;
      const errors = new Map<string, number>();
      for (const a of attackers)
        for (const [code, n] of a.received.errors) errors.set(code, (errors.get(code) ?? 0) + n);
      // A late joiner's history: what each join costs.
      const late = await Inspector.open(port, {}, address(23, 200));
      let historyBytes = 0;
      if (late) {
        const reply = await late.request({ type: 'ticket', socket: 'chat' });
        const ws = await tryOpen(port, `/chat?ticket=${String(reply.ticket)}`, { from: address(23, 200) });
        if (typeof ws !== 'number') {
          historyBytes = await new Promise<number>((resolve) =>
            ws.once('message', (d: Buffer) => resolve(d.length)),
          );
          ws.close();
        }
        late.ws.close();
      }
      const listenersLeft = listeners.filter((l) => l.ws.readyState === WebSocket.OPEN).length;
      closeAll([...attackers.map((a) => a.ws), ...listeners.map((l) => l.ws), ...pages.map((p) => p.ws)]);
      return {
        refused: [...errors.values()].reduce((a, b) => a + b, 0),
        note:
          `${attackers.length} sockets sent ${(sentBytes / 2 ** 20).toFixed(1)} MiB, the room received ` +
          `${(out / 2 ** 20).toFixed(2)} MiB in all (×${(out / Math.max(1, sentBytes)).toFixed(2)}); ` +
          `refused ${summary(errors)}; Teacher/老师 refused ${reservedRefused}; ${listenersLeft}/${listeners.length} ` +
          `readers kept; a join's history ${(historyBytes / 1024).toFixed(1)} KiB; ${lagDuring(started, ended)}`,
      };
    },
  },
  {
    name: '20.8 presenter guessing from 2,000 addresses',
    saturates: false,
    async run({ port, over }) {
      const started = Date.now();
      const codes = new Map<string, number>();
      let tries = 0;
      await Promise.all(
        Array.from({ length: 20 }, async (_, lane) => {
          for (let n = lane; !over() && n < 2000 * 50; n += 20) {
            const ws = await tryOpen(port, '/inspect', { from: address(25, (n % 2000) + 1) });
            if (typeof ws === 'number') continue;
            tries++;
            const code = await new Promise<string>((resolve) => {
              ws.once('message', (data: Buffer) =>
                resolve(String((JSON.parse(data.toString()) as { code?: string }).code)),
              );
              ws.once('close', () => resolve('closed'));
              ws.send(JSON.stringify({ type: 'hello', v: 1, presenterToken: `guess-${n}-padding-xxxxxxxx` }));
            });
            codes.set(code, (codes.get(code) ?? 0) + 1);
            ws.terminate();
          }
        }),
      );
      const ended = Date.now();
      const checked = codes.get('bad-presenter-token') ?? 0;
      return {
        refused: codes.get('too-many-attempts') ?? 0,
        note:
          `${tries} hellos (${summary(codes)}): ${(checked / ((ended - started) / 1000)).toFixed(1)} guesses/s ` +
          `checked; ${lagDuring(started, ended)}`,
      };
    },
  },
];
