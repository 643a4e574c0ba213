import type { CaseDef } from '../types.ts';
import { caseOf, echo, fails, type Group, hex, ping, pong, reply, say, send } from './build.ts';

const group: Group = {
  id: '2',
  category: 'pings',
  title: 'Pings and pongs',
  section: '5.5.2, 5.5.3',
  why:
    'A ping asks "are you still there?" and the pong must carry the same payload back, so the sender can ' +
    'match them. Control frames carry at most 125 bytes so they fit between the fragments of a big ' +
    'message without delaying it. An unsolicited pong is a one-way heartbeat and needs no answer.',
};

const binaryPayload = hex('00 ff fe fd fc fb 00 ff');
const big = (n: number) => new Uint8Array(n).fill(0xfe);
const tenPings = Array.from({ length: 10 }, (_, i) => `payload-${i}`);

export const pingCases: readonly CaseDef[] = [
  caseOf(group, 1, say('ping without payload', '不带负载的 Ping'), [send([ping()])], echo([reply.pong()])),
  caseOf(
    group,
    2,
    say('ping with a short text payload', '带短文本负载的 Ping'),
    [send([ping('Hello, world!')])],
    echo([reply.pong('Hello, world!')]),
  ),
  caseOf(
    group,
    3,
    say('ping with a short binary payload', '带短二进制负载的 Ping'),
    [send([ping(binaryPayload)])],
    echo([reply.pong(binaryPayload)]),
  ),
  caseOf(
    group,
    4,
    say('ping with 125 bytes of payload', '负载 125 字节的 Ping'),
    [send([ping(big(125))])],
    echo([reply.pong(big(125))]),
  ),
  caseOf(
    group,
    5,
    say(
      'ping with 126 bytes of payload (over the control-frame limit)',
      '负载 126 字节的 Ping（超过控制帧上限）',
    ),
    [send([ping(big(126))])],
    fails([1002]),
  ),
  caseOf(
    group,
    6,
    say('ping with 125 bytes, written one byte at a time', '负载 125 字节的 Ping，每次写入 1 字节'),
    [send([ping(big(125))], 1)],
    echo([reply.pong(big(125))]),
  ),
  caseOf(
    group,
    7,
    say('unsolicited pong without payload', '主动发送、不带负载的 Pong'),
    [send([pong()])],
    echo([]),
  ),
  caseOf(
    group,
    8,
    say('unsolicited pong with payload', '主动发送、带负载的 Pong'),
    [send([pong('unsolicited pong payload')])],
    echo([]),
  ),
  caseOf(
    group,
    9,
    say('unsolicited pong, then a ping', '主动发送的 Pong，随后一个 Ping'),
    [send([pong('unsolicited pong payload'), ping('ping payload')])],
    echo([reply.pong('ping payload')]),
  ),
  caseOf(
    group,
    10,
    say('ten pings in a row', '连续 10 个 Ping'),
    [send(tenPings.map((p) => ping(p)))],
    echo(tenPings.map((p) => reply.pong(p))),
  ),
  caseOf(
    group,
    11,
    say('ten pings in a row, written one byte at a time', '连续 10 个 Ping，每次写入 1 字节'),
    [
      send(
        tenPings.map((p) => ping(p)),
        1,
      ),
    ],
    echo(tenPings.map((p) => reply.pong(p))),
  ),
];
