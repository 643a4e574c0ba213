import { Opcode } from '../../protocol/index.ts';
import type { CaseDef } from '../types.ts';
import { binary, caseOf, echo, fails, frame, type Group, reply, say, send, text } from './build.ts';

const lengthWhy =
  'A payload length takes 7 bits (0–125), or 126 plus 16 bits, or 127 plus 64 bits. Each boundary ' +
  '(125/126, 65535/65536) switches the form; a server that reads the wrong form takes length bytes for ' +
  'payload and loses its place in the stream. TCP may also split a frame across any number of reads.';

const textGroup: Group = {
  id: '1.1',
  category: 'framing',
  title: 'Text messages',
  section: '5.2',
  why: lengthWhy,
};
const binaryGroup: Group = { ...textGroup, id: '1.2', title: 'Binary messages' };

const sizes = [0, 125, 126, 127, 128, 65535, 65536] as const;

function sized(group: Group, kind: 'text' | 'binary'): CaseDef[] {
  const payload = (n: number) => (kind === 'text' ? '*'.repeat(n) : new Uint8Array(n).fill(0xfe));
  const make = kind === 'text' ? text : binary;
  const cases = sizes.map((n, i) =>
    caseOf(
      group,
      i + 1,
      say(
        `${kind} message, payload of ${n} bytes`,
        `${kind === 'text' ? '文本' : '二进制'}消息，负载 ${n} 字节`,
      ),
      [send([make(payload(n))])],
      echo([reply[kind](payload(n))]),
    ),
  );
  cases.push(
    caseOf(
      group,
      8,
      say(
        `${kind} message, payload of 65536 bytes, written in chunks of 997 bytes`,
        `${kind === 'text' ? '文本' : '二进制'}消息，负载 65536 字节，每次写入 997 字节`,
      ),
      [send([make(payload(65536))], 997)],
      echo([reply[kind](payload(65536))]),
    ),
  );
  return cases;
}

const ownGroup: Group = {
  id: 'ws101.1',
  category: 'framing',
  title: 'Header rules Autobahn cannot test (its client always masks and writes minimal lengths)',
  section: '5.1, 5.2',
  why:
    'Clients mask every frame so that attacker-chosen bytes never cross a proxy in the clear (cache ' +
    'poisoning, §10.3); a server must fail an unmasked frame. A 64-bit length must keep its top bit 0, ' +
    'so that no reader mistakes it for a negative number.',
  autobahn: false,
};

const own: CaseDef[] = [
  caseOf(
    ownGroup,
    1,
    say('text frame from the client without a mask', '客户端发来的未掩码文本帧'),
    [send([{ opcode: Opcode.text, payload: new TextEncoder().encode('Hello, world!') }])],
    fails([1002]),
  ),
  caseOf(
    ownGroup,
    2,
    say(
      '64-bit payload length with the most significant bit set (2^63)',
      '64 位负载长度的最高位为 1（2^63）',
    ),
    [send([frame(Opcode.binary, '', { lengthForm: 64, declaredLength: 1n << 63n })])],
    fails([1002, 1009]),
  ),
  caseOf(
    ownGroup,
    3,
    say(
      'text message whose 5-byte length is written in the 16-bit form (not minimal)',
      '5 字节的长度用 16 位形式写出（不是最短形式）',
    ),
    [send([text('Hello', { lengthForm: 16 })])],
    {
      kind: 'informational',
      about: say(
        'The sender broke "the minimal number of bytes MUST be used"; the RFC does not say whether the ' +
          'receiver must fail. Many servers echo it.',
        '发送方违反了“必须使用最少的字节表示长度”；RFC 没有规定接收方是否必须失败。很多服务端照样回显。',
      ),
    },
  ),
];

export const framingCases: readonly CaseDef[] = [
  ...sized(textGroup, 'text'),
  ...sized(binaryGroup, 'binary'),
  ...own,
];
