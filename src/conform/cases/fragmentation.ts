import type { Bilingual } from '../../protocol/index.ts';
import type { CaseDef } from '../types.ts';
import {
  caseOf,
  continuation,
  echo,
  fails,
  type Group,
  ping,
  pong,
  reply,
  say,
  send,
  text,
  wait,
} from './build.ts';

const group: Group = {
  id: '5',
  category: 'fragmentation',
  title: 'Fragmentation',
  section: '5.4',
  why:
    'A message may be split into frames: the first says text or binary with FIN = 0, continuations (opcode ' +
    '0) follow, the last has FIN = 1. That lets a sender stream a message of unknown length. Control ' +
    'frames may come between fragments but are never fragmented themselves, and a continuation with ' +
    'nothing to continue, or a new message before the last one ended, leaves no sane way to reassemble.',
};

type Chop = 'frames' | 1 | undefined;
const chops: readonly [Chop, string, string][] = [
  [undefined, '', ''],
  ['frames', '; one write per frame', '；每帧写入一次'],
  [1, '; one byte per write', '；每次写入 1 字节'],
];

/** Autobahn runs several cases three times: one write, one write per frame, one byte per write. */
function threeWays(
  first: number,
  title: Bilingual,
  frames: Parameters<typeof send>[0],
  expect: ReturnType<typeof echo>,
) {
  return chops.map(([chop, how, howZh], i) =>
    caseOf(group, first + i, say(`${title.en}${how}`, `${title.zh}${howZh}`), [send(frames, chop)], expect),
  );
}

const twoFragments = [text('fragment1', { fin: false }), continuation('fragment2')];
const withPing = [text('fragment1', { fin: false }), ping('ping payload'), continuation('fragment2')];

function fiveFragments(chop: Chop) {
  return [
    send([text('fragment1', { fin: false }), continuation('fragment2', false), ping('pongme 1!')], chop),
    wait(500),
    send(
      [
        continuation('fragment3', false),
        continuation('fragment4', false),
        ping('pongme 2!'),
        continuation('fragment5'),
      ],
      chop,
    ),
  ];
}
const fiveExpect = echo([
  reply.pong('pongme 1!'),
  reply.pong('pongme 2!'),
  reply.text('fragment1fragment2fragment3fragment4fragment5'),
]);

export const fragmentationCases: readonly CaseDef[] = [
  caseOf(
    group,
    1,
    say('ping in two fragments', '分成两片的 Ping'),
    [send([ping('fragment1', { fin: false }), continuation('fragment2')])],
    fails(),
  ),
  caseOf(
    group,
    2,
    say('pong in two fragments', '分成两片的 Pong'),
    [send([pong('fragment1', { fin: false }), continuation('fragment2')])],
    fails(),
  ),
  ...threeWays(
    3,
    say('text message in two fragments', '分成两片的文本消息'),
    twoFragments,
    echo([reply.text('fragment1fragment2')]),
  ),
  ...threeWays(
    6,
    say('text message in two fragments with a ping between them', '分成两片的文本消息，两片之间一个 Ping'),
    withPing,
    echo([reply.pong('ping payload'), reply.text('fragment1fragment2')]),
  ),
  ...threeWays(
    9,
    say(
      'continuation with FIN = 1 and nothing to continue, then a text message',
      '无可延续的 FIN = 1 延续帧，然后一条文本消息',
    ),
    [continuation('non-continuation payload'), text('Hello, world!')],
    fails(),
  ),
  ...threeWays(
    12,
    say(
      'continuation with FIN = 0 and nothing to continue, then a text message',
      '无可延续的 FIN = 0 延续帧，然后一条文本消息',
    ),
    [continuation('non-continuation payload', false), text('Hello, world!')],
    fails(),
  ),
  caseOf(
    group,
    15,
    say(
      'text message in two fragments, then a continuation with FIN = 0 and nothing to continue, then a text message',
      '分成两片的文本消息，然后一个无可延续的 FIN = 0 延续帧，再一条文本消息',
    ),
    [
      send([
        text('fragment1', { fin: false }),
        continuation('fragment2'),
        continuation('fragment3', false),
        text('fragment4'),
      ]),
    ],
    fails([1002], { before: [reply.text('fragment1fragment2')], nonStrict: [] }),
  ),
  caseOf(
    group,
    16,
    say(
      'twice: continuation (FIN = 0) with nothing to continue, then a text message in two fragments',
      '重复两次：无可延续的延续帧（FIN = 0），再一条分成两片的文本消息',
    ),
    [
      send(
        [0, 1].flatMap(() => [
          continuation('fragment1', false),
          text('fragment2', { fin: false }),
          continuation('fragment3'),
        ]),
      ),
    ],
    fails(),
  ),
  caseOf(
    group,
    17,
    say(
      'twice: continuation (FIN = 1) with nothing to continue, then a text message in two fragments',
      '重复两次：无可延续的延续帧（FIN = 1），再一条分成两片的文本消息',
    ),
    [
      send(
        [0, 1].flatMap(() => [
          continuation('fragment1'),
          text('fragment2', { fin: false }),
          continuation('fragment3'),
        ]),
      ),
    ],
    fails(),
  ),
  caseOf(
    group,
    18,
    say(
      'text message in two fragments, both frames with opcode text',
      '分成两片的文本消息，两帧的操作码都是 text',
    ),
    [send([text('fragment1', { fin: false }), text('fragment2')])],
    fails(),
  ),
  caseOf(
    group,
    19,
    say(
      'text message in five fragments, a ping after the 2nd and the 4th, a pause of 500 ms',
      '分成五片的文本消息，第 2 片和第 4 片后各一个 Ping，中间暂停 500 毫秒',
    ),
    fiveFragments(undefined),
    fiveExpect,
  ),
  caseOf(
    group,
    20,
    say('as 5.19, one write per frame', '同 5.19，每帧写入一次'),
    fiveFragments('frames'),
    fiveExpect,
  ),
];
