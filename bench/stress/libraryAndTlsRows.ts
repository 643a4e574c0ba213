import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { encodeFrame, Opcode } from '../../src/protocol/index.ts';
import type { Attack } from './attacks.ts';
import { type AttackContext, closeAll, Inspector, loopback, sleep, upgradeOn } from './kit.ts';

/**
 * Issue 20, items 1–4 and 9: the rows that attack the conformance runs, the other libraries' endpoints
 * (WebSocket-Node, socket.io), TLS and the smaller checks. `tls`: which runs of `npm run stress` the row
 * belongs to ('both': plain and STRESS_TLS=1; 'tls': only with TLS; none: plain only, as the older rows).
 */
export type TlsAwareAttack = Attack & { readonly tls?: 'both' | 'tls' };

/** 127.0.N.M: each row's students on their own addresses, so the per-address caps count them apart. */
const student = (row: number, n: number) => `127.0.${row}.${1 + (n % 250)}`;

/** A TCP connection to the server, wrapped in TLS when the server speaks it; null when refused. */
function openStream(port: number, tls: boolean, from: string): Promise<Socket | null> {
  return new Promise((resolve) => {
    const raw = tcpConnect({ port, host: '127.0.0.1', localAddress: from });
    raw.on('error', () => resolve(null));
    raw.once('close', () => resolve(null));
    if (!tls) {
      raw.once('connect', () => resolve(raw));
      return;
    }
    const secure = tlsConnect({ socket: raw, rejectUnauthorized: false, servername: 'localhost' });
    secure.on('error', () => resolve(null));
    secure.once('secureConnect', () => resolve(secure));
  });
}

/** Past the 101 of `path` (with `extra` headers), or null when refused. */
async function upgraded(
  port: number,
  tls: boolean,
  from: string,
  path: string,
  extra: string[],
): Promise<Socket | null> {
  const socket = await openStream(port, tls, from);
  return socket ? upgradeOn(socket, port, path, extra) : null;
}

/** The close code of the first close frame in what the server sent after its 101 (unmasked), or null. */
function closeCodeIn(bytes: Buffer): number | null {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let header = 2;
    if (length === 126) {
      length = bytes.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) return null;
    if (opcode === Opcode.close) return length >= 2 ? bytes.readUInt16BE(at + header) : null;
    at += header + length;
  }
  return null;
}

const masked = (opcode: number, payload: Uint8Array, fin: boolean) =>
  Buffer.from(encodeFrame({ opcode, payload, mask: true, fin }));

/** Writes `chunk` until the time is up or the server closes, waiting for drain: TCP's pace, not ours. */
async function keepWriting(socket: Socket, chunk: Buffer, over: () => boolean): Promise<void> {
  while (!over() && !socket.destroyed && socket.writable) {
    if (!socket.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.once('drain', done);
        socket.once('close', done);
        setTimeout(done, 200);
      });
    }
  }
}

/** A polling request of socket.io: its status and body (status 0 when the connection failed). */
function polling(
  { port, tls }: AttackContext,
  agent: HttpAgent,
  query: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const request = tls ? httpsRequest : httpRequest;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/socket.io/?EIO=4&transport=polling${query}`,
        method: body === undefined ? 'GET' : 'POST',
        agent,
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'text/plain' },
        rejectUnauthorized: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}

const counted = (counts: Map<string | number, number>) =>
  [...counts].map(([what, n]) => `${n}×${what}`).join(' ') || 'none';
const bump = <K>(counts: Map<K, number>, key: K) => counts.set(key, (counts.get(key) ?? 0) + 1);

export const libraryAndTlsRows: TlsAwareAttack[] = [
  {
    name: '20.1 conform.run: 34 stars + Z, and 60 KiB of stars',
    saturates: false,
    async run({ port, over }) {
      const replies = new Map<string, number>();
      const inspectors = (
        await Promise.all(Array.from({ length: 16 }, (_, i) => Inspector.open(port, {}, student(21, i))))
      ).filter((one): one is Inspector => one !== null);
      const patterns = [`${'*'.repeat(34)}Z`, `${'*'.repeat(60_000)}Z`];
      let asked = 0;
      while (!over()) {
        const round = await Promise.all(
          inspectors.map((inspector, i) =>
            inspector.request({ type: 'conform.run', endpoint: 'ws', cases: patterns[(asked + i) % 2] }),
          ),
        );
        asked += round.length;
        for (const reply of round) bump(replies, String(reply.code ?? reply.type));
        await sleep(20);
      }
      closeAll(inspectors.map((inspector) => inspector.ws));
      const ran = replies.get('result') ?? 0;
      return { refused: asked - ran, note: `${inspectors.length} pages asked ${asked}: ${counted(replies)}` };
    },
  },
  {
    name: '20.2 /wsnode/echo: empty continuation frames',
    saturates: true,
    tls: 'both',
    async run({ port, over, tls = false }) {
      const closes = new Map<number | string, number>();
      let opened = 0;
      let refused = 0;
      // 16 KiB of empty continuation frames (6 bytes each), written again and again.
      const empties = Buffer.concat(
        Array.from({ length: 2730 }, () => masked(Opcode.continuation, new Uint8Array(0), false)),
      );
      const oneStudent = async (n: number) => {
        while (!over()) {
          const socket = await upgraded(port, tls, student(22, n), '/wsnode/echo', [
            'Sec-WebSocket-Protocol: echo-protocol',
          ]);
          if (!socket) {
            refused++;
            await sleep(50);
            continue;
          }
          opened++;
          const read: Buffer[] = [];
          socket.on('data', (chunk: Buffer) => read.push(chunk));
          socket.on('error', () => {});
          const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
          socket.write(masked(Opcode.text, new Uint8Array([0x61]), false));
          await keepWriting(socket, empties, over);
          // What it has read already holds more empty fragments than the bound: its close comes.
          const closedInTime = await Promise.race([closed.then(() => true), sleep(4_000).then(() => false)]);
          socket.destroy();
          await closed;
          bump(
            closes,
            closeCodeIn(Buffer.concat(read)) ?? (closedInTime ? 'no close frame' : 'open 4 s after'),
          );
        }
      };
      await Promise.all(Array.from({ length: 32 }, (_, n) => oneStudent(n)));
      return { refused, note: `32 students, ${opened} sockets: closed ${counted(closes)}` };
    },
  },
  {
    name: '20.3 socket.io polling: echoes posted, never a GET',
    saturates: true,
    tls: 'both',
    async run(context) {
      const { over, tls = false } = context;
      const outcomes = new Map<string, number>();
      let posted = 0;
      let sessions = 0;
      // Sixteen echo requests of 16 KiB in each POST (Engine.IO packets separated by 0x1e).
      const echo = Array(16)
        .fill(`42${JSON.stringify(['echo', 'x'.repeat(16 * 1024)])}`)
        .join('\x1e');
      const oneStudent = async (n: number) => {
        const options = { keepAlive: true, maxSockets: 1, localAddress: student(23, n) };
        const agent = tls
          ? new HttpsAgent({ ...options, rejectUnauthorized: false })
          : new HttpAgent(options);
        while (!over()) {
          const open = await polling(context, agent, '');
          if (open.status !== 200) {
            bump(outcomes, `handshake ${open.status}`);
            await sleep(100);
            continue;
          }
          sessions++;
          const sid = (JSON.parse(open.body.slice(1)) as { sid: string }).sid;
          await polling(context, agent, `&sid=${sid}`, '40');
          let status = 200;
          // As fast as the server answers (under its 1,000/s rate), into a buffer nobody reads.
          while (!over() && status === 200) {
            status = (await polling(context, agent, `&sid=${sid}`, echo)).status;
            if (status === 200) posted += 16;
          }
          bump(outcomes, status === 200 ? 'open at the end' : `cut (${status})`);
        }
        agent.destroy();
      };
      await Promise.all(Array.from({ length: 8 }, (_, n) => oneStudent(n)));
      const cut = [...outcomes].filter(([what]) => what.startsWith('cut')).reduce((sum, [, n]) => sum + n, 0);
      return {
        refused: cut,
        note: `8 students, ${sessions} sessions, ${posted} echoes of 16 KiB posted: ${counted(outcomes)}`,
      };
    },
  },
  {
    name: '20.4 silent TCP (no ClientHello / no request): 2,100 from one address',
    saturates: false,
    tls: 'both',
    async run({ port, over, tls = false }) {
      const held: Socket[] = [];
      let dropped = 0;
      // 100 at a time, for at most 3 s of the row: the rest of it is the other students' turn.
      const openingUntil = Date.now() + 3_000;
      for (let i = 0; i < 2100 && !over() && Date.now() < openingUntil; i += 100) {
        const batch = await Promise.all(
          Array.from(
            { length: 100 },
            () =>
              new Promise<Socket | null>((resolve) => {
                const raw = tcpConnect({ port, host: '127.0.0.1', localAddress: loopback(240) });
                raw.once('connect', () => resolve(raw));
                raw.on('error', () => resolve(null));
              }),
          ),
        );
        held.push(...batch.filter((socket): socket is Socket => socket !== null));
      }
      await sleep(300);
      dropped = held.filter((socket) => socket.destroyed || socket.readyState !== 'open').length;
      // Meanwhile, other students load the deck: every one of them must get in.
      const statuses = new Map<number, number>();
      for (let i = 0; i < 40; i++) {
        const agent = tls
          ? new HttpsAgent({ localAddress: student(24, i), rejectUnauthorized: false })
          : new HttpAgent({ localAddress: student(24, i) });
        const { status } = await new Promise<{ status: number }>((resolve) => {
          const req = (tls ? httpsRequest : httpRequest)(
            { host: '127.0.0.1', port, path: '/', agent, rejectUnauthorized: false },
            (res) => {
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
            },
          );
          req.on('error', () => resolve({ status: 0 }));
          req.end();
        });
        bump(statuses, status);
        agent.destroy();
      }
      closeAll(held);
      return {
        refused: dropped,
        note: `${held.length} opened, ${dropped} closed by the server at once; others' GETs ${counted(statuses)}`,
      };
    },
  },
  {
    name: '20.9 CRLF subprotocol; tickets from another address',
    saturates: false,
    async run({ port, over }) {
      const inspector = await Inspector.open(port, {}, student(25, 0));
      if (!inspector) return { refused: Number.NaN, note: 'no inspector' };
      const labReplies = new Map<string, number>();
      const ticketStatuses = new Map<number, number>();
      for (let i = 0; i < 200 && !over(); i++) {
        const reply = await inspector.request({
          type: 'lab.clientOpen',
          subprotocol: `echo-protocol\r\nX-Injected: ${i}`,
        });
        bump(labReplies, String(reply.code ?? reply.type));
      }
      for (let i = 0; i < 200 && !over(); i++) {
        const url = await inspector.echoUrl();
        if (!url) continue;
        const socket = await upgraded(port, false, student(25, 1 + (i % 200)), url, []);
        bump(ticketStatuses, socket ? 101 : 403);
        socket?.destroy();
      }
      inspector.ws.close();
      const refused = (labReplies.get('bad-command') ?? 0) + (ticketStatuses.get(403) ?? 0);
      return {
        refused,
        note: `lab.clientOpen with CRLF: ${counted(labReplies)}; stolen tickets: ${counted(ticketStatuses)}`,
      };
    },
  },
];
