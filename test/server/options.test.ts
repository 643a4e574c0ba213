import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../server/options.ts';

describe('flags and environment', () => {
  it('reads every flag', () => {
    const parsed = parseServerArgs([
      '--port',
      '3917',
      '--host',
      '0.0.0.0',
      '--dev',
      '--presenter-token',
      'e2e-presenter-token',
      '--allow-origin',
      'http://a.example',
      '--allow-origin',
      '*',
      '--heartbeat-ms',
      '50',
      '--max-payload',
      '2048',
      '--max-connections',
      '10',
      '--max-per-ip',
      '3',
      '--rate',
      '7',
      '--idle-timeout-ms',
      '1000',
      '--handshake-timeout-ms',
      '500',
      '--log',
      'json',
      '--static',
      'out',
    ]);
    expect(parsed).toEqual({
      options: {
        port: 3917,
        host: '0.0.0.0',
        dev: true,
        presenterToken: 'e2e-presenter-token',
        allowOrigins: ['http://a.example', '*'],
        heartbeatMs: 50,
        maxPayload: 2048,
        maxConnections: 10,
        maxConnectionsPerIp: 3,
        messagesPerSecond: 7,
        idleTimeoutMs: 1000,
        handshakeTimeoutMs: 500,
        log: 'json',
        staticRoot: 'out',
      },
    });
  });

  it('takes PORT from the environment, and --port over it', () => {
    expect(parseServerArgs([], { PORT: '4000' })).toEqual({ options: { port: 4000 } });
    expect(parseServerArgs(['--port', '5000'], { PORT: '4000' })).toEqual({ options: { port: 5000 } });
  });

  it.each([
    [['--port', 'http']],
    [['--port', '70000']],
    [['--heartbeat-ms', '-5']],
    [['--log', 'loud']],
    [['--presenter-token', 'short']],
    [['--unknown']],
  ])('returns an error for %j', (argv) => {
    expect(parseServerArgs(argv)).toHaveProperty('error');
  });

  it('asks for help', () => {
    expect(parseServerArgs(['--help'])).toEqual({ help: true });
  });
});
