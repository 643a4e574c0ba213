/**
 * The two servers of `npm run bench:classroom`, each run as a child process of its own (its memory is its
 * own, and the audience's processes are elsewhere): ws101 as it runs in a lecture (every connection tapped),
 * and the engine of reveal.js's multiplex and remote plugins, a plain socket.io server that broadcasts each
 * slide change from the presenter to everyone else.
 *
 *   node --expose-gc --import tsx bench/classroom/servers.ts ws101|socket.io TOKEN
 *
 * Prints `port N`; on the IPC message `memory`, answers with its memory after a full GC; on `loop-times`,
 * with how long each slide change's write loop took in the server (the synchronous part: one frame handed to
 * every socket), which is the server's own share of the fan-out whatever else the machine is doing.
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { startServer } from '../../server/server.ts';

export type Memory = { rss: number; heapUsed: number };

/**
 * Each broadcast's synchronous write loop since last asked: its wall time, and the CPU time the process
 * spent in it (user + system, the write syscalls included), which a loaded machine stretches far less.
 */
export type LoopTime = { wallMs: number; cpuMs: number };
let loopTimes: LoopTime[] = [];

function timed<T extends unknown[]>(send: (...args: T) => void): (...args: T) => void {
  return (...args) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    send(...args);
    const spent = process.cpuUsage(cpu);
    loopTimes.push({ wallMs: performance.now() - started, cpuMs: (spent.user + spent.system) / 1000 });
  };
}

function answer(): void {
  process.on('message', (message) => {
    if (message === 'loop-times') {
      process.send!(loopTimes);
      loopTimes = [];
      return;
    }
    if (message !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send!({ rss, heapUsed } satisfies Memory);
  });
}

async function ws101(presenterToken: string): Promise<number> {
  const server = await startServer({
    port: 0,
    log: 'silent',
    presenterToken,
    maxConnections: 12_000,
    maxConnectionsPerIp: 12_000,
  });
  // The room's broadcast is private; the bench times it from outside rather than timing itself in the server.
  const room = server.context.room as unknown as { broadcast: (...args: unknown[]) => void };
  room.broadcast = timed(room.broadcast.bind(room));
  return server.port;
}

/** reveal.js's multiplex server, in substance: what the master emits goes to every other socket. */
async function socketIo(): Promise<number> {
  const http = createServer();
  const io = new Server(http, { serveClient: false, transports: ['websocket'] });
  io.on('connection', (socket) => {
    const broadcast = timed((move: unknown) => socket.broadcast.emit('slide', move));
    socket.on('slide', broadcast);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const [kind, token] = process.argv.slice(2);
const port = kind === 'socket.io' ? await socketIo() : await ws101(token ?? '');
answer();
console.log(`port ${port}`);
