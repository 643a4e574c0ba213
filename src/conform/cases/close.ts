import { Opcode } from '../../protocol/index.ts';
import type { CaseDef } from '../types.ts';
import {
  caseOf,
  close,
  continuation,
  echo,
  fails,
  frame,
  type Group,
  hex,
  ping,
  reply,
  say,
  send,
  text,
} from './build.ts';

const basics: Group = {
  id: '7.1',
  category: 'close',
  title: 'Basic close behaviour',
  section: '5.5.1, 7.1',
  why:
    'After sending a close, an endpoint sends no more data, and after receiving one it answers with a ' +
    'close and stops. Both sides then know that everything before the close arrived: that is what makes ' +
    'a close "clean" instead of a dropped connection.',
};
const structure: Group = {
  id: '7.3',
  category: 'close',
  title: 'Close frame structure: payload length',
  section: '5.5.1',
  why:
    'A close payload is empty, or a 2-byte status code followed by an optional UTF-8 reason; like every ' +
    'control frame it is at most 125 bytes, so a reason has at most 123. One byte can be neither.',
};
const value: Group = {
  id: '7.5',
  category: 'close',
  title: 'Close frame structure: payload value',
  section: '5.5.1, 8.1',
  why: 'The close reason is UTF-8 text like any text message; invalid bytes there fail the connection with 1007.',
};
const validCodes: Group = {
  id: '7.7',
  category: 'close',
  title: 'Valid close codes',
  section: '7.4',
  why:
    'Codes 1000–1003, 1007–1011 are defined by the RFC and its registry, 3000–3999 are for libraries and ' +
    'frameworks, 4000–4999 for applications. A peer that receives one answers with a close of its own.',
};
const invalidCodes: Group = {
  id: '7.9',
  category: 'close',
  title: 'Invalid close codes',
  section: '7.4.1, 7.4.2',
  why:
    '0–999 are not used; 1004 is reserved; 1005 (no code) and 1006 (abnormal) exist only inside an ' +
    'endpoint and MUST NOT be sent; 1016–2999 are unassigned. A code that cannot be sent means a broken ' +
    'peer: fail the connection with 1002.',
};
const informational: Group = {
  id: '7.13',
  category: 'close',
  title: 'Close codes outside the range',
  section: '7.4.2',
  why: 'The RFC defines codes up to 4999 and says nothing about 5000 and above: what a server does is its choice.',
};

/** Autobahn's category 7: the close code is what the case tests, so WRONG CODE makes it FAILED. */
const strictCode = { wrongCodeFails: true } as const;

const invalidReason = hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64');

export const closeCases: readonly CaseDef[] = [
  caseOf(
    basics,
    1,
    say('text message; once it is echoed, a close', '一条文本消息；回显之后再 Close'),
    // Autobahn closes only after the echo has arrived (its finishWhenDone), not in the same write.
    [send([text('Hello World!')])],
    echo([reply.text('Hello World!')], strictCode),
  ),
  caseOf(
    basics,
    2,
    say('two close frames (the second without payload)', '两个 Close 帧（第二个没有负载）'),
    [send([close(1000), frame(Opcode.close)])],
    echo([], strictCode),
  ),
  caseOf(
    basics,
    3,
    say('a ping without payload after the close', 'Close 之后一个不带负载的 Ping'),
    [send([close(1000), ping()])],
    echo([], strictCode),
  ),
  caseOf(
    basics,
    4,
    say('a text message after the close', 'Close 之后的文本消息'),
    [send([close(1000), text('Hello World!')])],
    echo([], strictCode),
  ),
  caseOf(
    basics,
    5,
    say('first fragment of a message, a close, then the last fragment', '消息的第一片，Close，然后最后一片'),
    [send([text('fragment1', { fin: false }), close(1000), continuation('fragment2')])],
    echo([], strictCode),
  ),
  caseOf(
    basics,
    6,
    say(
      'a 256 KiB text message, a short one, a close, then a ping, all back to back',
      '一条 256 KiB 的文本消息、一条短消息、Close、再一个 Ping，紧挨着发出',
    ),
    [
      send([
        text('BAsd7&jh23'.repeat(26215).slice(0, 256 * 1024)),
        text('Hello World!'),
        close(1000),
        ping(),
      ]),
    ],
    {
      kind: 'informational',
      about: say(
        'Whether the echo of the big message is written before the close is answered depends on how the server schedules its writes.',
        '大消息的回显是否在回应 Close 之前写出，取决于服务端如何安排写操作。',
      ),
    },
  ),
  caseOf(
    structure,
    1,
    say('close with an empty payload', '负载为空的 Close'),
    [send([close()])],
    echo([], strictCode),
  ),
  caseOf(
    structure,
    2,
    say('close with a 1-byte payload', '负载 1 字节的 Close'),
    [send([frame(0x8, 'a')])],
    // Autobahn accepts a close with no code here (§7.1.7 only says SHOULD), or TCP dropped.
    fails([1002], strictCode),
  ),
  caseOf(
    structure,
    3,
    say('close with code 1000', '关闭码 1000 的 Close'),
    [send([close(1000)])],
    echo([], strictCode),
  ),
  caseOf(
    structure,
    4,
    say('close with code 1000 and a reason', '关闭码 1000 加原因的 Close'),
    [send([close(1000, 'Hello World!')])],
    echo([], strictCode),
  ),
  caseOf(
    structure,
    5,
    say(
      'close with code 1000 and a 123-byte reason (the most that fits)',
      '关闭码 1000 加 123 字节原因（最多只能这么长）',
    ),
    [send([close(1000, '*'.repeat(123))])],
    echo([], strictCode),
  ),
  caseOf(
    structure,
    6,
    say(
      'close with code 1000 and a 124-byte reason (one too many)',
      '关闭码 1000 加 124 字节原因（多了一个字节）',
    ),
    [send([close(1000, '*'.repeat(124))])],
    fails([1002], strictCode),
  ),
  caseOf(
    value,
    1,
    say('close with code 1000 and a reason that is not UTF-8', '关闭码 1000 加非 UTF-8 的原因'),
    [send([frame(0x8, new Uint8Array([0x03, 0xe8, ...invalidReason]))])],
    // Autobahn: 1002 or 1007, or TCP dropped.
    fails([1002, 1007], strictCode),
  ),
  ...[1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999].map((code, i) =>
    caseOf(
      validCodes,
      i + 1,
      say(`close with code ${code}`, `关闭码 ${code} 的 Close`),
      [send([close(code)])],
      echo([], { closeCodes: [1000, code], ...strictCode }),
    ),
  ),
  ...[0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999].map((code, i) =>
    caseOf(
      invalidCodes,
      i + 1,
      say(`close with code ${code}`, `关闭码 ${code} 的 Close`),
      [send([close(code)])],
      fails([1002], strictCode),
    ),
  ),
  ...[5000, 65535].map((code, i) =>
    caseOf(
      informational,
      i + 1,
      say(`close with code ${code}`, `关闭码 ${code} 的 Close`),
      [send([close(code)])],
      {
        kind: 'informational',
        about: say(
          'Codes of 5000 and above are not defined: a server may fail the connection or answer the close.',
          '5000 及以上的关闭码没有定义：服务端可以让连接失败，也可以回应 Close。',
        ),
      },
    ),
  ),
];
