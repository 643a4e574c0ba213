import { rmSync } from 'node:fs';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type WebSocket from 'ws';
import { encodeFrame, Opcode } from '../../src/protocol/index.ts';
import {
  type AttackContext,
  type AttackResult,
  closeAll,
  Inspector,
  loopback,
  rawSocket,
  rawWebSocket,
  sleep,
  stopReading,
  tryOpen,
  upgradeRequest,
} from './kit.ts';

/** One row of the table: what is done, and whether it saturates both cores by design. */
export type Attack = {
  readonly name: string;
  /** Sends as fast as it can: the bystander's p99 goal does not apply. */
  readonly saturates: boolean;
  run(context: AttackContext): Promise<AttackResult>;
};

const isRefusal = (reply: Record<string, unknown>) => reply.type === 'error';
const masked = (opcode: number, payload: Uint8Array, fin = true) =>
  Buffer.from(encodeFrame({ opcode, payload, mask: true, fin }));

function httpGet(port: number, path: string, host?: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, headers: host ? { host } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

export const attacks: Attack[] = [
  {
    name: '1 lab cap race: 12 opens at once',
    saturates: false,
    async run({ port, over }) {
      let refused = 0;
      let rounds = 0;
      let full = 0;
      while (!over() && rounds < 20) {
        rounds++;
        const inspector = await Inspector.open(port);
        if (!inspector) {
          // The address is full: each round's 4 lab connections count against it until their grace ends.
          full++;
          continue;
        }
        const replies = await Promise.all(
          Array.from({ length: 12 }, () => inspector.request({ type: 'lab.clientOpen' })),
        );
        refused += replies.filter(isRefusal).length;
        inspector.ws.close();
      }
      const opened = (rounds - full) * 12 - refused;
      const note = `${rounds} rounds: ${opened} lab opened; ${full} found the address full`;
      return { refused: refused + full, note };
    },
  },
  {
    name: '2+3 open inspector, 50 lab opens, drop',
    saturates: false,
    async run({ port, over }) {
      let refused = 0;
      let rounds = 0;
      while (!over() && rounds < 60) {
        rounds++;
        const inspector = await Inspector.open(port);
        if (!inspector) {
          refused++;
          continue;
        }
        for (let i = 0; i < 50; i++) inspector.send({ type: 'lab.clientOpen', id: i });
        await sleep(20);
        inspector.ws.terminate();
      }
      return { refused, note: `${rounds} rounds; lab connections close after the 5 s grace` };
    },
  },
  {
    name: '4 lab open → close loop',
    saturates: false,
    async run({ port, over }) {
      const inspector = await Inspector.open(port);
      if (!inspector) return { refused: 1, note: 'no inspector' };
      let cycles = 0;
      let refused = 0;
      while (!over()) {
        const opened = await inspector.request({ type: 'lab.clientOpen' });
        if (isRefusal(opened)) {
          refused++;
          await sleep(10);
          continue;
        }
        await inspector.request({ type: 'lab.close', connection: opened.connection });
        cycles++;
      }
      inspector.ws.close();
      return { refused, note: `${cycles} lab clients opened and closed` };
    },
  },
  {
    name: '5 deleted static file + 1100 idle sockets',
    saturates: false,
    async run({ port, over, staticRoot }) {
      rmSync(join(staticRoot, 'index.html'), { force: true });
      const statuses = new Map<number, number>();
      const getAll = async (rounds: number) => {
        for (let i = 0; i < rounds && !over(); i++) {
          const batch = await Promise.all([httpGet(port, '/index.html'), httpGet(port, '/nope.js')]);
          for (const status of batch) statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      };
      // The deleted file first, then the same with the descriptors gone: past the server's 1,024,
      // accept() fails with EMFILE (logged, not fatal) and new sockets wait until idle ones time out.
      await getAll(300);
      const idle: (Socket | null)[] = [];
      for (let i = 0; i < 1100 && !over(); i++) idle.push(await rawSocket(port, loopback(10 + (i % 40))));
      await getAll(100);
      const dropped = idle.filter((s) => !s || s.destroyed || s.readyState !== 'open').length;
      closeAll(idle);
      const counts = [...statuses].map(([status, n]) => `${n}×${status}`).join(' ');
      return { refused: dropped, note: `GETs ${counts} (0: not accepted); idle dropped ${dropped}/1100` };
    },
  },
  {
    name: '6 non-reading inspector asks 900/s + pongs',
    saturates: false,
    async run({ port, over }) {
      const inspector = await Inspector.open(port);
      if (!inspector) return { refused: 1, note: 'no inspector' };
      stopReading(inspector.ws);
      let closedWith: number | null = null;
      inspector.ws.on('close', (code) => {
        closedWith = code;
      });
      let sent = 0;
      while (!over() && inspector.ws.readyState === inspector.ws.OPEN) {
        for (let i = 0; i < 9; i++) inspector.send({ type: 'list', id: sent++ });
        inspector.ws.pong('unasked');
        await sleep(10);
      }
      (inspector.ws as unknown as { _socket: Socket })._socket.resume();
      await sleep(300);
      inspector.ws.terminate();
      return {
        refused: closedWith === null ? 0 : 1,
        note: `${sent} lists asked; closed with ${closedWith ?? '—'}`,
      };
    },
  },
  {
    name: '7 lab writes into own non-reading socket',
    saturates: false,
    async run({ port, over }) {
      const inspector = await Inspector.open(port);
      const url = await inspector?.echoUrl();
      const echo = url ? await tryOpen(port, url) : 0;
      if (!inspector || typeof echo === 'number') return { refused: 1, note: 'no echo' };
      echo.on('error', () => {});
      stopReading(echo);
      const list = await inspector.request({ type: 'list' });
      const id = (list.connections as { connection: number }[])[0]!.connection;
      // As fast as the inspector's byte budget (64 KiB/s of commands) allows: faster closes it (1008).
      const frame = Buffer.from(
        encodeFrame({ opcode: Opcode.binary, payload: new Uint8Array(12_000), mask: false }),
      );
      const data = frame.toString('base64');
      let refused = 0;
      let written = 0;
      while (!over()) {
        const reply = await inspector.request({ type: 'lab.serverWrite', connection: id, data });
        if (reply.code === 'closed') break;
        if (isRefusal(reply)) refused++;
        else written += frame.length;
        await sleep(250);
      }
      echo.terminate();
      inspector.ws.close();
      const kib = (written / 1024).toFixed(0);
      return { refused, note: `${kib} KiB written at the budget's pace ('backlog' past 2 MiB queued)` };
    },
  },
  {
    name: '8 1 MiB nested JSON before hello; hex of spaces',
    saturates: false,
    async run({ port, over }) {
      const nested = `${'['.repeat(1 << 19)}${']'.repeat(1 << 19)}`;
      let refused = 0;
      let tries = 0;
      while (!over() && tries < 200) {
        tries++;
        await sleep(20);
        const ws = await tryOpen(port, '/inspect');
        if (typeof ws === 'number') continue;
        const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
        ws.on('error', () => {});
        ws.send(nested);
        if ((await closed) === 1009) refused++;
        const inspector = await Inspector.open(port);
        if (!inspector) continue;
        const reply = await inspector.request({
          type: 'lab.serverWrite',
          connection: 1,
          hex: ' '.repeat(60_000),
        });
        if (isRefusal(reply)) refused++;
        inspector.ws.close();
      }
      return { refused, note: `${tries} rounds: 1009 before hello, hex refused after` };
    },
  },
  {
    name: '9+10 replayed ticket, ?join=, ?session=',
    saturates: false,
    async run({ port, over, presenterToken }) {
      const presenter = await Inspector.open(port, { presenterToken });
      const a = await Inspector.open(port, { watch: false });
      const url = await a?.echoUrl();
      const echo = url ? await tryOpen(port, url) : 0;
      if (!presenter || !a || typeof echo === 'number') return { refused: 0, note: 'setup failed' };
      const welcome = await a.request({ type: 'list' });
      let refused = 0;
      let joined = 0;
      let tries = 0;
      while (!over() && tries < 300) {
        tries++;
        await sleep(10);
        for (const path of [url!, `/echo?join=${url!.split('=')[1]}&tab=x`]) {
          const b = await tryOpen(port, path);
          if (typeof b === 'number') refused++;
          else b.terminate();
        }
      }
      const list = await a.request({ type: 'list' });
      joined = (list.connections as unknown[]).length - (welcome.connections as unknown[]).length;
      echo.close();
      a.ws.close();
      presenter.ws.close();
      return { refused, note: `${tries} replays; joined A's session: ${joined}` };
    },
  },
  {
    name: '11 GET + upgrade pipelined in one write',
    saturates: false,
    async run({ port, over }) {
      let done = 0;
      const sockets: (Socket | null)[] = [];
      while (!over() && done < 300) {
        const socket = await rawSocket(port);
        if (!socket) continue;
        socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n${upgradeRequest('/echo', port)}`);
        sockets.push(socket);
        done++;
        if (sockets.length >= 40) closeAll(sockets.splice(0));
      }
      closeAll(sockets);
      return { refused: 0, note: `${done} pipelined pairs (the split is checked by the tests)` };
    },
  },
  {
    name: '12 non-readers sending unasked pongs',
    saturates: false,
    async run({ port, over }) {
      const sockets: (Socket | null)[] = [];
      for (let i = 0; i < 50; i++) sockets.push(await rawWebSocket(port, '/echo', loopback(50 + i)));
      for (const socket of sockets) socket?.pause();
      const pong = masked(Opcode.pong, new TextEncoder().encode('hb 1'));
      while (!over() && sockets.some((s) => s && !s.destroyed)) {
        for (const socket of sockets) if (socket && !socket.destroyed) socket.write(pong);
        await sleep(50);
      }
      const gone = sockets.filter((s) => !s || s.destroyed).length;
      closeAll(sockets);
      return { refused: gone, note: `${gone}/50 terminated by the heartbeat` };
    },
  },
  {
    name: 'flood: tiny fragments',
    saturates: true,
    async run({ port, over }) {
      const sockets = await Promise.all(
        Array.from({ length: 10 }, (_, i) => rawWebSocket(port, '/echo', loopback(110 + i))),
      );
      let fragments = 0;
      const one = new Uint8Array([0x61]);
      const first = masked(Opcode.text, one, false);
      const middle = masked(Opcode.continuation, one, false);
      while (!over() && sockets.some((s) => s && !s.destroyed)) {
        for (const socket of sockets) {
          if (!socket || socket.destroyed) continue;
          if (fragments === 0) socket.write(first);
          socket.write(Buffer.concat(Array.from({ length: 200 }, () => middle)));
          fragments += 200;
        }
        await sleep(1);
      }
      const gone = sockets.filter((s) => !s || s.destroyed).length;
      closeAll(sockets);
      return { refused: gone, note: `${fragments} one-byte fragments; ${gone}/10 closed` };
    },
  },
  {
    name: 'flood: pings',
    saturates: true,
    async run({ port, over }) {
      const sockets = await Promise.all(
        Array.from({ length: 10 }, (_, i) => rawWebSocket(port, '/echo', loopback(120 + i))),
      );
      const pings = Buffer.concat(
        Array.from({ length: 200 }, () => masked(Opcode.ping, new Uint8Array(125))),
      );
      let sent = 0;
      while (!over() && sockets.some((s) => s && !s.destroyed)) {
        for (const socket of sockets) {
          if (socket && !socket.destroyed && socket.writableLength < 1 << 20) {
            socket.write(pings);
            sent += 200;
          }
        }
        await sleep(1);
      }
      const gone = sockets.filter((s) => !s || s.destroyed).length;
      closeAll(sockets);
      return { refused: gone, note: `${sent} pings; ${gone}/10 closed` };
    },
  },
  {
    name: 'flood: slowloris, 600 sockets',
    saturates: false,
    async run({ port, over }) {
      const sockets: (Socket | null)[] = [];
      for (let i = 0; i < 600; i++) sockets.push(await rawSocket(port, loopback(130 + (i % 20))));
      let refused = sockets.filter((s) => !s).length;
      let byte = 0;
      while (!over()) {
        for (const socket of sockets)
          if (socket && !socket.destroyed) socket.write('GET /echo HTTP/1.1\r\n'[byte % 20]!);
        byte++;
        await sleep(500);
      }
      refused += sockets.filter((s) => s?.destroyed).length;
      closeAll(sockets);
      return { refused, note: 'one byte each per 500 ms; dropped by the caps or the 10 s deadline' };
    },
  },
  {
    name: 'flood: 2,000 connections',
    saturates: true,
    async run({ port, over }) {
      const sockets: WebSocket[] = [];
      let refused = 0;
      for (let i = 0; i < 2000 && !over(); i++) {
        const ws = await tryOpen(port, '/echo', { from: loopback(150 + (i % 40)) });
        if (typeof ws === 'number') refused++;
        else {
          ws.on('error', () => {});
          sockets.push(ws);
        }
      }
      while (!over()) await sleep(100);
      closeAll(sockets);
      return { refused, note: `${sockets.length} open at once` };
    },
  },
  {
    name: 'flood: non-reading echo clients',
    saturates: true,
    async run({ port, over }) {
      const clients: WebSocket[] = [];
      for (let i = 0; i < 10; i++) {
        const ws = await tryOpen(port, '/echo', { from: loopback(200 + i) });
        if (typeof ws === 'number') continue;
        ws.on('error', () => {});
        stopReading(ws);
        clients.push(ws);
      }
      const payload = Buffer.alloc(64 * 1024);
      let sent = 0;
      while (!over()) {
        for (const ws of clients) {
          if (ws.readyState === ws.OPEN && ws.bufferedAmount < 4 << 20) {
            ws.send(payload);
            sent++;
          }
        }
        await sleep(2);
      }
      const closed = clients.filter((ws) => ws.readyState !== ws.OPEN).length;
      closeAll(clients);
      return { refused: closed, note: `${sent} × 64 KiB sent; ${closed}/10 closed by the send bound` };
    },
  },
  {
    name: 'flood: non-reading inspector, fast echo',
    saturates: true,
    async run({ port, over, presenterToken }) {
      const inspector = await Inspector.open(port, { presenterToken }, loopback(220));
      if (!inspector) return { refused: 1, note: 'no inspector' };
      stopReading(inspector.ws);
      const clients: WebSocket[] = [];
      for (let i = 0; i < 5; i++) {
        const ws = await tryOpen(port, '/echo', { from: loopback(221 + i) });
        if (typeof ws !== 'number') clients.push(ws);
      }
      let sent = 0;
      const payload = Buffer.alloc(1024);
      while (!over()) {
        for (const ws of clients) {
          if (ws.readyState === ws.OPEN && ws.bufferedAmount < 1 << 20) {
            ws.send(payload);
            sent++;
          }
        }
        await sleep(1);
      }
      closeAll([...clients, inspector.ws]);
      return { refused: 0, note: `${sent} × 1 KiB echoed under a stuck inspector` };
    },
  },
  {
    name: 'flood: deflate bomb',
    saturates: true,
    async run({ port, over }) {
      // 64 MiB of zeros deflate to ~64 KiB: one frame that would inflate far past maxPayload.
      const bomb = deflateRawSync(Buffer.alloc(64 << 20));
      const frame = Buffer.from(
        encodeFrame({ opcode: Opcode.binary, payload: bomb, mask: true, rsv1: true }),
      );
      let refused = 0;
      let tries = 0;
      while (!over() && tries < 40) {
        tries++;
        const socket = await rawSocket(port, loopback(230));
        if (!socket) continue;
        socket.write(
          upgradeRequest('/echo?deflate=1', port, ['Sec-WebSocket-Extensions: permessage-deflate']),
        );
        socket.write(frame);
        const answer = await new Promise<Buffer>((resolve) => {
          const chunks: Buffer[] = [];
          socket.on('data', (chunk: Buffer) => chunks.push(chunk));
          socket.once('close', () => resolve(Buffer.concat(chunks)));
          setTimeout(() => resolve(Buffer.concat(chunks)), 3000).unref();
        });
        // A close frame with 1009 (0x03f1): the message is too big.
        if (answer.includes(Buffer.from([0x03, 0xf1]))) refused++;
        socket.destroy();
      }
      return { refused, note: `${tries} bombs of 64 MiB; closed with 1009: ${refused}` };
    },
  },
  {
    name: 'defence: presenter token guessing',
    saturates: false,
    async run({ port, over }) {
      const counts = new Map<string, number>();
      let tries = 0;
      const inspector = await Inspector.open(port, {}, loopback(240));
      const ws = await tryOpen(port, '/inspect', { from: loopback(241) });
      if (typeof ws === 'number' || !inspector) return { refused: 0, note: 'setup failed' };
      ws.on('message', (data: Buffer) => {
        const code = String((JSON.parse(data.toString()) as { code?: string }).code);
        counts.set(code, (counts.get(code) ?? 0) + 1);
      });
      while (!over() && tries < 20_000) {
        for (let i = 0; i < 20; i++)
          ws.send(JSON.stringify({ type: 'hello', v: 1, presenterToken: `guess-${tries++}-padding-xx` }));
        await sleep(2);
      }
      ws.terminate();
      inspector.ws.close();
      const refused = [...counts.values()].reduce((a, b) => a + b, 0);
      return { refused, note: [...counts].map(([code, n]) => `${n} ${code}`).join(', ') };
    },
  },
  {
    name: 'defence: DNS rebinding Host',
    saturates: false,
    async run({ port, over }) {
      let refused = 0;
      let tries = 0;
      while (!over() && tries < 500) {
        tries++;
        await sleep(10);
        if ((await httpGet(port, '/', `rebind.attacker.example:${port}`)) === 403) refused++;
        const socket = await rawSocket(port, loopback(242));
        if (!socket) continue;
        socket.write(
          upgradeRequest('/inspect', port).replace(`127.0.0.1:${port}`, 'rebind.attacker.example'),
        );
        const status = await new Promise<string>((resolve) => {
          socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1').slice(9, 12)));
          socket.once('close', () => resolve(''));
        });
        if (status === '403') refused++;
        socket.destroy();
      }
      return { refused, note: `${tries} GETs and ${tries} upgrades with a foreign Host` };
    },
  },
];
