// `npm run record:illustrated`: records the Illustrated page's one session from the bundled server's real
// bytes. A raw TCP client writes the fixed bytes of src/illustrated/sessionScript.ts; the server, started with
// `--record`, taps what it reads and writes and saves the connection as a pcapng, which becomes
// illustrated/session.pcapng (the page's source and its download) beside illustrated/session.json (when, with
// which ws and Node).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/server.ts';
import {
  clientStepBytes,
  clientSteps,
  illustratedPort,
  upgradeRequest,
} from '../src/illustrated/sessionScript.ts';
import { FrameStreamDecoder, parseHttpHead } from '../src/protocol/index.ts';

const root = new URL('..', import.meta.url).pathname;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the server's side: the 101's head, then frames, counted so each step waits for its answers. */
class ServerSide {
  private head: Uint8Array = new Uint8Array(0);
  private decoder: FrameStreamDecoder | null = null;
  frames = 0;
  headSeen = false;
  ended = false;
  private waiting: (() => void) | null = null;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.read(new Uint8Array(chunk)));
    socket.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  private read(chunk: Uint8Array): void {
    if (!this.decoder) {
      const joined = new Uint8Array(this.head.length + chunk.length);
      joined.set(this.head);
      joined.set(chunk, this.head.length);
      const parsed = parseHttpHead(joined);
      if (!parsed) {
        this.head = joined;
        return;
      }
      if (!parsed.startLine.includes(' 101 ')) throw new Error(`the server refused: ${parsed.startLine}`);
      this.headSeen = true;
      this.decoder = new FrameStreamDecoder({ sender: 'server', perMessageDeflate: true });
      chunk = parsed.rest;
    }
    this.frames += this.decoder.push(chunk).length;
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  async until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`no ${what} from the server within 5 s`);
      await Promise.race([new Promise<void>((resolve) => (this.waiting = resolve)), pause(100)]);
    }
  }
}

async function record(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'ws101-illustrated-'));
  const server = await startServer({
    port: illustratedPort,
    record: directory,
    log: 'quiet',
    staticRoot: join(root, 'dist/deck'),
  });
  try {
    const socket = connect({ host: '127.0.0.1', port: server.port, noDelay: true });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const serverSide = new ServerSide(socket);
    socket.write(upgradeRequest);
    await serverSide.until(() => serverSide.headSeen, '101');
    let expected = 0;
    for (const step of clientSteps) {
      // A pause between steps keeps each write its own read on the server, so each is its own record.
      await pause(40);
      for (const bytes of clientStepBytes(step)) socket.write(bytes);
      expected += step.answers;
      await serverSide.until(() => serverSide.frames >= expected, `${expected} frames`);
    }
    await serverSide.until(() => serverSide.ended, 'end of the TCP stream');
    socket.end();
    const deadline = Date.now() + 5000;
    while (readdirSync(directory).length === 0 && Date.now() < deadline) await pause(50);
  } finally {
    await server.close();
  }
  const [file] = readdirSync(directory);
  if (!file) throw new Error('the server recorded nothing');
  copyFileSync(join(directory, file), join(root, 'illustrated/session.pcapng'));
  const version = (name: string) =>
    (
      JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const meta = { recordedAt: new Date().toISOString(), ws: version('ws'), node: process.versions.node };
  writeFileSync(join(root, 'illustrated/session.json'), `${JSON.stringify(meta, null, 2)}\n`);
  console.log(
    `illustrated/session.pcapng: ${readFileSync(join(root, 'illustrated/session.pcapng')).length} bytes`,
  );
}

await record();
