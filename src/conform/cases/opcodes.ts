import type { CaseDef } from '../types.ts';
import { caseOf, fails, frame, type Group, ping, reply, say, send, text } from './build.ts';

const dataGroup: Group = {
  id: '4.1',
  category: 'opcodes',
  title: 'Reserved data opcodes (3–7)',
  section: '5.2',
  why:
    'Opcodes 3–7 are reserved for future data frames and 11–15 for future control frames. A receiver ' +
    "cannot know how long such a frame's message runs or whether it may interleave, so it MUST fail the " +
    'connection instead of guessing.',
};
const controlGroup: Group = { ...dataGroup, id: '4.2', title: 'Reserved control opcodes (11–15)' };
const hello = 'Hello, world!';

function reserved(group: Group, opcodes: readonly number[]): CaseDef[] {
  const [first, second, ...later] = opcodes as [number, number, ...number[]];
  return [
    caseOf(
      group,
      1,
      say(`frame with reserved opcode ${first}`, `保留操作码 ${first} 的帧`),
      [send([frame(first)])],
      fails(),
    ),
    caseOf(
      group,
      2,
      say(`frame with reserved opcode ${second} and a payload`, `保留操作码 ${second} 的帧，带负载`),
      [send([frame(second, 'reserved opcode payload')])],
      fails(),
    ),
    ...later.map((opcode, i) =>
      caseOf(
        group,
        i + 3,
        say(
          `text message, then a frame with reserved opcode ${opcode}${i === 0 ? '' : ' and a payload'}, then a ping${i === 2 ? '; one byte per write' : ''}`,
          `一条文本消息，然后一个保留操作码 ${opcode} 的帧${i === 0 ? '' : '（带负载）'}，再一个 Ping${i === 2 ? '；每次写入 1 字节' : ''}`,
        ),
        // Autobahn: the third case of each group writes its frames one byte at a time.
        [send([text(hello), frame(opcode, i === 0 ? '' : hello), ping()], i === 2 ? 1 : undefined)],
        fails([1002], { before: [reply.text(hello)], nonStrict: [] }),
      ),
    ),
  ];
}

export const opcodeCases: readonly CaseDef[] = [
  ...reserved(dataGroup, [3, 4, 5, 6, 7]),
  ...reserved(controlGroup, [11, 12, 13, 14, 15]),
];
