import { encodeFrame, Opcode } from '../../protocol/index.ts';
import type { CaseDef, Step } from '../types.ts';
import {
  bytes,
  caseOf,
  continuation,
  differing,
  echo,
  fails,
  type Group,
  hex,
  reply,
  say,
  send,
  text,
  wait,
} from './build.ts';

const why =
  'A text message MUST be valid UTF-8 (RFC 3629): no overlong forms, no surrogates (U+D800–DFFF), nothing ' +
  'above U+10FFFF, no stray continuation bytes. An application is handed a string, so a server that ' +
  'passes invalid bytes through hands every client a decoding problem (and, with overlong forms, a way ' +
  'to smuggle "/" or NUL past filters). The receiver fails the connection with 1007 (§8.1); it may do so ' +
  'as soon as the bytes cannot become UTF-8, even in the middle of a message.';

const g = (id: string, title: string): Group => ({ id, category: 'utf8', title, section: '8.1', why });

const kosme = hex('ce ba e1 bd b9 cf 83 ce bc ce b5');
const helloUtf8 = 'Hello-µ@ßöäüàá-UTF-8!!';
const invalidText = hex('ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64');

/** One frame per byte: text with FIN = 0, continuations, the last with FIN = 1. */
function octetFragments(payload: Uint8Array) {
  return [...payload].map((byte, i) => {
    const last = i === payload.length - 1;
    return i === 0 ? text(new Uint8Array([byte]), { fin: last }) : continuation(new Uint8Array([byte]), last);
  });
}

const emptyFragments = g('6.1', 'Valid UTF-8 with empty fragments');
const validFragments = g('6.2', 'Valid UTF-8, unfragmented, fragmented on and within code points');
const invalidFragments = g('6.3', 'Invalid UTF-8, differently fragmented');
const failFast = g('6.4', 'Fail fast on invalid UTF-8');

// 6.4: valid κόσμε, then U+110000 written the UTF-8 way (f4 90 80 80, beyond Unicode), then "edited".
const part1 = kosme;
const part2 = hex('f4 90 80 80');
const part3 = bytes('edited');
// 6.4.2/6.4.4 cut right after the byte that makes the payload invalid (0x90 after 0xf4).
const cut1 = new Uint8Array([...kosme, 0xf4]);
const cut2 = hex('90');
const cut3 = new Uint8Array([0x80, 0x80, ...bytes('edited')]);

function threeFrames(a: Uint8Array, b: Uint8Array, c: Uint8Array): Step[] {
  return [
    send([text(a, { fin: false })]),
    wait(500),
    send([continuation(b, false)]),
    wait(500),
    send([continuation(c)]),
  ];
}

/** One masked frame written in three pieces, cut inside its payload. */
function threeChops(a: Uint8Array, b: Uint8Array, c: Uint8Array): Step[] {
  const whole = encodeFrame({ opcode: Opcode.text, payload: new Uint8Array([...a, ...b, ...c]), mask: true });
  const header = whole.length - a.length - b.length - c.length;
  const first = header + a.length;
  const second = first + b.length;
  return [
    { raw: whole.subarray(0, first) },
    wait(500),
    { raw: whole.subarray(first, second) },
    wait(500),
    { raw: whole.subarray(second) },
  ];
}

/**
 * Autobahn's 6.4.x outcomes: a close during the first wait fails (part 1 is valid), during the second
 * passes (fail fast), after part 3 or never is non-strict. Steps: 0 part 1, 1 wait, 2 part 2, 3 wait, 4 part 3.
 */
const shorterWaits = say(
  'ws101 waits 500 ms between the parts where Autobahn waits 1 s: a server that checks UTF-8 as bytes arrive fails within milliseconds, and the whole suite stays quick.',
  'ws101 在各部分之间等 500 毫秒，Autobahn 等 1 秒：边收边校验 UTF-8 的服务端几毫秒内就会失败，整套测试也能保持快速。',
);
const failFastOnPart2 = fails([1007], {
  failFast: { tooEarlyBefore: 2, strictBefore: 4 },
  wrongEndpointFails: true,
});

const handBuilt: CaseDef[] = [
  caseOf(
    emptyFragments,
    1,
    say('text message with an empty payload', '负载为空的文本消息'),
    [send([text()])],
    echo([reply.text('')]),
  ),
  caseOf(
    emptyFragments,
    2,
    say('text message in three empty fragments', '分成三个空分片的文本消息'),
    [send([text('', { fin: false }), continuation('', false), continuation('')])],
    echo([reply.text('')]),
  ),
  caseOf(
    emptyFragments,
    3,
    say('text message in three fragments, the first and last empty', '分成三片的文本消息，首尾两片为空'),
    [send([text('', { fin: false }), continuation('middle frame payload', false), continuation('')])],
    echo([reply.text('middle frame payload')]),
  ),
  caseOf(
    validFragments,
    1,
    say(`"${helloUtf8}" in one frame`, `"${helloUtf8}" 放在一帧里`),
    [send([text(helloUtf8)])],
    echo([reply.text(helloUtf8)]),
  ),
  caseOf(
    validFragments,
    2,
    say(`"${helloUtf8}" in two fragments, cut between code points`, `"${helloUtf8}" 分成两片，切在码点之间`),
    [send([text('Hello-µ@ßöä', { fin: false }), continuation('üàá-UTF-8!!')])],
    echo([reply.text(helloUtf8)]),
  ),
  caseOf(
    validFragments,
    3,
    say(
      `"${helloUtf8}" in fragments of one byte (cut inside code points)`,
      `"${helloUtf8}" 每片 1 字节（切在码点内部）`,
    ),
    [send(octetFragments(bytes(helloUtf8)))],
    echo([reply.text(helloUtf8)]),
  ),
  caseOf(
    validFragments,
    4,
    say('"κόσμε" in fragments of one byte', '"κόσμε" 每片 1 字节'),
    [send(octetFragments(kosme))],
    echo([reply.text(kosme)]),
  ),
  caseOf(
    invalidFragments,
    1,
    say('invalid UTF-8 (a surrogate) in one frame', '一帧里的非法 UTF-8（代理项）'),
    [send([text(invalidText)])],
    fails([1007], { wrongEndpointFails: true }),
  ),
  caseOf(
    invalidFragments,
    2,
    say('the same in fragments of one byte', '同上，每片 1 字节'),
    [send(octetFragments(invalidText))],
    fails([1007], { wrongEndpointFails: true }),
  ),
  caseOf(
    failFast,
    1,
    say(
      'three fragments with pauses; the 2nd holds f4 90 80 80 (above U+10FFFF)',
      '三个分片，中间有暂停；第 2 片是 f4 90 80 80（超过 U+10FFFF）',
    ),
    threeFrames(part1, part2, part3),
    failFastOnPart2,
  ),
  caseOf(
    failFast,
    2,
    say(
      'as 6.4.1, the 2nd fragment ending on the byte that makes the payload invalid',
      '同 6.4.1，第 2 片止于让负载变非法的那个字节',
    ),
    threeFrames(cut1, cut2, cut3),
    failFastOnPart2,
  ),
  caseOf(
    failFast,
    3,
    say('as 6.4.1, but one frame written in three pieces', '同 6.4.1，但是一帧分三次写入'),
    threeChops(part1, part2, part3),
    failFastOnPart2,
  ),
  caseOf(
    failFast,
    4,
    say('as 6.4.2, but one frame written in three pieces', '同 6.4.2，但是一帧分三次写入'),
    threeChops(cut1, cut2, cut3),
    failFastOnPart2,
  ),
];

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const lonely = (from: number, to: number) => new Uint8Array(range(from, to).flatMap((b) => [b, 0x20]));
const missingLast = [
  'c0',
  'e0 80',
  'f0 80 80',
  'f8 80 80 80',
  'fc 80 80 80 80',
  'df',
  'ef bf',
  'f7 bf bf',
  'fb bf bf bf',
  'fd bf bf bf bf',
];
const kosmePrefixes = range(1, kosme.length + 1).map((n) => kosme.subarray(0, n));

/** Non-characters U+FFFE/FFFF of every plane, valid UTF-8 (Unicode corrigendum #9). */
function nonCharacters(): Uint8Array[] {
  const out = [hex('ef bf be'), hex('ef bf bf')];
  for (const lead of [0xf0, 0xf1, 0xf2, 0xf3, 0xf4])
    for (const second of [0x8f, 0x9f, 0xaf, 0xbf]) {
      if (lead === 0xf4 && second !== 0x8f) continue; // above U+10FFFF
      if (lead === 0xf0 && second === 0x8f) continue; // overlong
      for (const last of [0xbe, 0xbf]) out.push(new Uint8Array([lead, second, 0xbf, last]));
    }
  return out;
}

/** Markus Kuhn's UTF-8 decoder test, grouped as Autobahn numbers it (6.5 to 6.23). */
const sequences: readonly [title: string, payloads: readonly (Uint8Array | string)[]][] = [
  [
    'Some valid UTF-8 sequences',
    ['hello\u0024world', 'hello\u00a2world', 'hello\u20acworld', 'hello\u{24b62}world', kosme],
  ],
  ['All prefixes of a valid UTF-8 string with multi-byte code points', kosmePrefixes],
  ['First possible sequence of each length', ['00', 'c2 80', 'e0 a0 80', 'f0 90 80 80'].map(hex)],
  [
    'First possible sequence of length 5 and 6 (beyond Unicode)',
    ['f8 88 80 80 80', 'fc 84 80 80 80 80'].map(hex),
  ],
  ['Last possible sequence of each length', ['7f', 'df bf', 'ef bf bf', 'f4 8f bf bf'].map(hex)],
  [
    'Last possible sequence of length 4, 5, 6 (beyond Unicode)',
    ['f7 bf bf bf', 'fb bf bf bf bf', 'fd bf bf bf bf bf'].map(hex),
  ],
  ['Other boundary conditions', ['ed 9f bf', 'ee 80 80', 'ef bf bd', 'f4 8f bf bf', 'f4 90 80 80'].map(hex)],
  [
    'Unexpected continuation bytes',
    [
      ...['80', 'bf', '80 bf', '80 bf 80', '80 bf 80 bf', '80 bf 80 bf 80', '80 bf 80 bf 80 bf'].map(hex),
      new Uint8Array(range(0x80, 0xbf)),
    ],
  ],
  [
    'Lonely start bytes, each followed by a space',
    [lonely(0xc0, 0xdf), lonely(0xe0, 0xef), lonely(0xf0, 0xf7), lonely(0xf8, 0xfb), lonely(0xfc, 0xfd)],
  ],
  ['Sequences with the last continuation byte missing', missingLast.map(hex)],
  ['Concatenation of incomplete sequences', [hex(missingLast.join(' '))]],
  ['Impossible bytes', ['fe', 'ff', 'fe fe ff ff'].map(hex)],
  [
    'Overlong forms of "/"',
    ['c0 af', 'e0 80 af', 'f0 80 80 af', 'f8 80 80 80 af', 'fc 80 80 80 80 af'].map(hex),
  ],
  [
    'Largest overlong sequences',
    ['c1 bf', 'e0 9f bf', 'f0 8f bf bf', 'f8 87 bf bf bf', 'fc 83 bf bf bf bf'].map(hex),
  ],
  [
    'Overlong forms of NUL',
    ['c0 80', 'e0 80 80', 'f0 80 80 80', 'f8 80 80 80 80', 'fc 80 80 80 80 80'].map(hex),
  ],
  [
    'Single UTF-16 surrogates',
    ['ed a0 80', 'ed ad bf', 'ed ae 80', 'ed af bf', 'ed b0 80', 'ed be 80', 'ed bf bf'].map(hex),
  ],
  [
    'Paired UTF-16 surrogates',
    [
      'ed a0 80 ed b0 80',
      'ed a0 80 ed bf bf',
      'ed ad bf ed b0 80',
      'ed ad bf ed bf bf',
      'ed ae 80 ed b0 80',
      'ed ae 80 ed bf bf',
      'ed af bf ed b0 80',
      'ed af bf ed bf bf',
    ].map(hex),
  ],
  ['Non-characters (valid UTF-8)', nonCharacters()],
  [
    'Unicode specials, such as the replacement character',
    ['ef bf b9', 'ef bf ba', 'ef bf bb', 'ef bf bc', 'ef bf bd', 'ef bf be', 'ef bf bf'].map(hex),
  ],
];

/** The platform's strict decoder decides which payloads are valid: an oracle independent of ours. */
const strict = new TextDecoder('utf-8', { fatal: true });
function isUtf8(payload: Uint8Array): boolean {
  try {
    strict.decode(payload);
    return true;
  } catch {
    return false;
  }
}

const hexOf = (payload: Uint8Array) => [...payload].map((b) => b.toString(16).padStart(2, '0')).join(' ');

const fromSequences: CaseDef[] = sequences.flatMap(([title, payloads], groupIndex) => {
  const group = g(`6.${groupIndex + 5}`, title);
  return payloads.map((payload, i) => {
    const b = bytes(payload);
    const shown = b.length <= 12 ? hexOf(b) : `${hexOf(b.subarray(0, 8))} … (${b.length} bytes)`;
    return isUtf8(b)
      ? caseOf(
          group,
          i + 1,
          say(`valid UTF-8 in one frame: ${shown}`, `一帧里的合法 UTF-8：${shown}`),
          [send([text(b)])],
          echo([reply.text(b)]),
        )
      : caseOf(
          group,
          i + 1,
          say(`invalid UTF-8 in one frame: ${shown}`, `一帧里的非法 UTF-8：${shown}`),
          [send([text(b)])],
          fails([1007], { wrongEndpointFails: true }),
        );
  });
});

export const utf8Cases: readonly CaseDef[] = [
  ...handBuilt.map((c) => (c.group === failFast.title ? differing(c, shorterWaits) : c)),
  ...fromSequences,
];
