import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { startTestServer, waitFor } from './helpers.ts';

/** An honest client in a process of its own: one message every 100 ms, 10 a second, each echo counted. */
const clientScript = `
import WebSocket from 'ws';
const ws = new WebSocket(process.argv[1]);
let n = 0;
ws.on('open', () => { console.log('open'); setInterval(() => ws.send(String(n++)), 100); });
ws.on('message', () => console.log('echo'));
ws.on('close', (code) => { console.log('closed ' + code); process.exit(0); });
`;

let server: RunningServer;
let client: ChildProcess;
const seen = { open: false, echoes: 0, closes: [] as number[] };

beforeAll(async () => {
  // Twice what the client sends: it never goes past the limit by its own doing.
  server = await startTestServer({ messagesPerSecond: 20 });
  client = spawn(
    process.execPath,
    ['--input-type=module', '-e', clientScript, `ws://127.0.0.1:${server.port}/echo`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  client.stdout!.setEncoding('utf8');
  client.stdout!.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (line === 'open') seen.open = true;
      else if (line === 'echo') seen.echoes++;
      else if (line.startsWith('closed ')) seen.closes.push(Number(line.slice(7)));
    }
  });
});
afterAll(async () => {
  client?.kill();
  await server?.close();
});

describe('a stall of the server does not make the rate limit close an honest client', () => {
  it('5 s of messages read in one burst after the loop was blocked: all echoed, nobody closed', async () => {
    await waitFor(() => (seen.echoes >= 5 ? true : undefined), 'the client’s first echoes', 20_000);
    const before = seen.echoes;
    // Holds this process's event loop (the server's) for 5 s, as a runaway computation would: ~50 messages,
    // 2.5 times the bucket's capacity, wait in the kernel meanwhile.
    const until = Date.now() + 5_000;
    while (Date.now() < until) {}
    await waitFor(() => (seen.echoes >= before + 60 ? true : undefined), '60 more echoes', 20_000);
    expect(seen.closes).toEqual([]);
    expect(server.context.registry.connections.size).toBe(1);
  }, 40_000);
});
