import { Opcode } from '../../protocol/index.ts';
import type { CaseDef } from '../types.ts';
import { binary, caseOf, fails, frame, type Group, hex, ping, reply, say, send, text } from './build.ts';

const group: Group = {
  id: '3',
  category: 'reserved-bits',
  title: 'Reserved bits',
  section: '5.2',
  why:
    'RSV1–3 are kept for extensions (permessage-deflate uses RSV1). Unless an extension was negotiated ' +
    'that gives a bit a meaning, the receiver MUST fail the connection: a frame with a meaning it cannot ' +
    'know must not be taken as plain data.',
};

/** Autobahn writes RSV as a 3-bit number: 4 = RSV1, 2 = RSV2, 1 = RSV3. */
const rsv = (value: number) => ({
  rsv1: (value & 4) !== 0,
  rsv2: (value & 2) !== 0,
  rsv3: (value & 1) !== 0,
});
const hello = 'Hello, world!';
/** Autobahn: the echo of the first message, then the fail (OK); or the fail with nothing echoed (NON-STRICT). */
const afterEcho = fails([1002], { before: [reply.text(hello)], nonStrict: [] });

export const reservedBitCases: readonly CaseDef[] = [
  caseOf(
    group,
    1,
    say('text message with RSV = 1', 'RSV = 1 的文本消息'),
    [send([text(hello, rsv(1))])],
    fails(),
  ),
  caseOf(
    group,
    2,
    say(
      'text message, then again with RSV = 2, then a ping',
      '一条文本消息，再发一条 RSV = 2 的，然后一个 Ping',
    ),
    [send([text(hello), text(hello, rsv(2)), ping()])],
    afterEcho,
  ),
  caseOf(
    group,
    3,
    say(
      'text message, then again with RSV = 3, then a ping; one write per frame',
      '一条文本消息，再发一条 RSV = 3 的，然后一个 Ping；每帧写入一次',
    ),
    [send([text(hello), text(hello, rsv(3)), ping()], 'frames')],
    afterEcho,
  ),
  caseOf(
    group,
    4,
    say(
      'text message, then again with RSV = 4, then a ping; one byte per write',
      '一条文本消息，再发一条 RSV = 4 的，然后一个 Ping；每次写入 1 字节',
    ),
    [send([text(hello), text(hello, rsv(4)), ping()], 1)],
    afterEcho,
  ),
  caseOf(
    group,
    5,
    say('binary message with RSV = 5', 'RSV = 5 的二进制消息'),
    [send([binary(hex('00 ff fe fd fc fb 00 ff'), rsv(5))])],
    fails(),
  ),
  // Autobahn's 3.6 says "ping" but sends a binary frame (opcode 2); ws101 sends what Autobahn sends.
  caseOf(
    group,
    6,
    say('binary message with RSV = 6', 'RSV = 6 的二进制消息'),
    [send([binary(hello, rsv(6))])],
    fails(),
  ),
  caseOf(
    group,
    7,
    say('close with RSV = 7 and no payload', 'RSV = 7、无负载的 Close'),
    [send([frame(Opcode.close, '', rsv(7))])],
    fails(),
  ),
];
