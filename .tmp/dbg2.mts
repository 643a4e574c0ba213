import { startServer } from '../server/server.ts';
import { encodeFrame } from '../src/protocol/index.ts';
import { connect } from 'node:net';
const s = await startServer({ port: 0, host: '127.0.0.1', staticRoot: '/tmp', log: 'silent' });
const masked = (op: number, n: number, fin: boolean) => Buffer.from(encodeFrame({ opcode: op, payload: new Uint8Array(n), fin, mask: true }));
const empties = Buffer.concat(Array.from({ length: 2730 }, () => masked(0, 0, false)));
const sock = connect(s.port, '127.0.0.1');
await new Promise((r) => sock.once('connect', r));
sock.write(`GET /wsnode/echo HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: echo-protocol\r\n\r\n`);
await new Promise((r) => sock.once('data', r));
let got = 0; sock.on('data', (d) => { got += d.length; console.log('data', d.subarray(0, 4)); });
sock.on('close', () => console.log('closed'));
sock.on('error', () => {});
sock.write(masked(1, 1, false));
for (let i = 0; i < 10 && !sock.destroyed; i++) { sock.write(empties); await new Promise((r) => setTimeout(r, 100)); }
console.log('done writing, destroyed?', sock.destroyed, got);
await new Promise((r) => setTimeout(r, 500));
process.exit(0);
