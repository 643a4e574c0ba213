import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { closed, fixtureDeck, openWs, startTestServer, TestInspector, wsUrl } from './helpers.ts';

describe('RFC 6455 §7.4.1: shutting down closes every connection with 1001', () => {
  it('close() says 1001 "server shutting down" to echo, chat, lab and inspector alike', async () => {
    const server = await startTestServer();
    const inspector = await TestInspector.open(server);
    await inspector.request({ type: 'lab.clientOpen' });
    const sockets = [
      await openWs(wsUrl(server, '/echo')),
      await openWs(await inspector.chatUrl()),
      inspector.ws,
    ];
    const codes = Promise.all(sockets.map(closed));
    await server.close();
    expect(await codes).toEqual(sockets.map(() => ({ code: 1001, reason: 'server shutting down' })));
    expect(server.context.registry.connections.size).toBe(0);
  });

  it('the command exits cleanly on SIGTERM, after printing its URL and the presenter URL', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/main.ts',
        '--port',
        '0',
        '--static',
        fixtureDeck(),
        '--presenter-token',
        'e2e-presenter-token',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)[\s\S]*presenter: .*\n/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', () => reject(new Error(`exited early: ${output}`)));
    });
    expect(output).toContain(`presenter: http://127.0.0.1:${port}/?presenter=e2e-presenter-token`);
    const ws = await openWs(`ws://127.0.0.1:${port}/echo`);
    const code = closed(ws);
    child.kill('SIGTERM');
    const [exitCode] = await once(child, 'exit');
    expect(exitCode).toBe(0);
    expect((await code).code).toBe(1001);
  });
});
