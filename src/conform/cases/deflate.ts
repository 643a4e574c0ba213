import type { Bilingual } from '../../protocol/index.ts';
import { deflateData } from '../deflate/testData.ts';
import type { CaseDef, DeflateDataId, DeflateScript } from '../types.ts';
import { caseOf, type Group, say } from './build.ts';

/**
 * Autobahn's categories 12 and 13, all 216 cases (autobahntestsuite/case/case12_x_x.py builds them in two
 * loops): 12.1–12.5 send each of the five data sets with the default offer; 13.1–13.7 send the JSON set
 * with seven different offers. Each subgroup has the same 18 rows of Autobahn's MSG_SIZES: 1,000 messages
 * of a size, one at a time, some auto-fragmented. The CLI runs them all; the deck runs the first row of
 * each subgroup (1,000 messages of 16 bytes).
 */

/** MSG_SIZES: payload length, message count, the case's time limit in seconds, auto-fragment size. */
const msgSizes: readonly (readonly [number, number, number, number])[] = [
  [16, 1000, 60, 0],
  [64, 1000, 60, 0],
  [256, 1000, 120, 0],
  [1024, 1000, 240, 0],
  [4096, 1000, 480, 0],
  [8192, 1000, 480, 0],
  [16384, 1000, 480, 0],
  [32768, 1000, 480, 0],
  [65536, 1000, 480, 0],
  [131072, 1000, 480, 0],
  [8192, 1000, 480, 256],
  [16384, 1000, 480, 256],
  [32768, 1000, 480, 256],
  [65536, 1000, 480, 256],
  [131072, 1000, 480, 256],
  [131072, 1000, 480, 1024],
  [131072, 1000, 480, 4096],
  [131072, 1000, 480, 32768],
];

/**
 * Autobahn's client offer (autobahn's PerMessageDeflateOffer, get_extension_string): it always says it
 * accepts the server's no-context-takeover and window-size requests, then adds what it requests itself.
 */
function offer(requestNoContextTakeover = false, requestMaxWindowBits = 0): string {
  let text = 'permessage-deflate; client_no_context_takeover; client_max_window_bits';
  if (requestNoContextTakeover) text += '; server_no_context_takeover';
  if (requestMaxWindowBits !== 0) text += `; server_max_window_bits=${requestMaxWindowBits}`;
  return text;
}

/** 13.1–13.7's client offers (DEFLATE_PARAMS): (server_no_context_takeover, server_max_window_bits). */
const offers13: readonly (readonly string[])[] = [
  [offer()],
  [offer(true, 0)],
  [offer(false, 8)],
  [offer(false, 15)],
  [offer(true, 8)],
  [offer(true, 15)],
  [offer(true, 8), offer(true), offer()],
];

const why =
  'permessage-deflate (RFC 7692) is the one extension most servers negotiate. Both ends keep a deflate ' +
  'stream per direction, maybe across messages (context takeover), within the window sizes agreed in the ' +
  'handshake; a message is compressed whole and then cut into frames, RSV1 on the first only. A server ' +
  'that gets any of this wrong corrupts messages silently, so every echo must come back equal.';

const standIns: Bilingual = {
  en: "ws101 cuts the messages from generated stand-ins for Autobahn's five test files (the same sizes, message types and kind of content), as the files themselves are not ours to ship (docs/conform-autobahn.md).",
  zh: 'ws101 的消息取自生成的替代数据，对应 Autobahn 的五个测试文件（大小、消息类型和内容性质相同），因为那些文件不能随本项目分发（见 docs/conform-autobahn.md）。',
};

const sizeWords = (n: number) => (n >= 1024 ? `${n / 1024} KiB` : `${n} B`);

/** What sets a subgroup apart, in a few words: its data set (12.x) or its offer (13.x). */
const dataWords: Record<DeflateDataId, Bilingual> = {
  json_data1: say('JSON', 'JSON'),
  lena512: say('a bitmap', '位图'),
  gutenberg_faust: say('prose', '散文'),
  html_data1: say('HTML', 'HTML'),
  ooms: say('a PDF', 'PDF'),
};
const offerWords: readonly Bilingual[] = [
  say('default offer', '默认提议'),
  say('server_no_context_takeover', 'server_no_context_takeover'),
  say('server_max_window_bits=8', 'server_max_window_bits=8'),
  say('server_max_window_bits=15', 'server_max_window_bits=15'),
  say('no context takeover, 8 bits', '不接管上下文，8 位窗口'),
  say('no context takeover, 15 bits', '不接管上下文，15 位窗口'),
  say('three offers', '三个提议'),
];

function title(size: number, count: number, fragment: number, tag: Bilingual): Bilingual {
  const cut = fragment === 0 ? '' : `, in frames of ${sizeWords(fragment)} (compressed)`;
  const cutZh = fragment === 0 ? '' : `，压缩后按每帧 ${sizeWords(fragment)} 分片`;
  return say(
    `${count} compressed messages of ${sizeWords(size)} (${tag.en})${cut}, each after the last one's echo`,
    `${count} 条压缩消息，每条 ${sizeWords(size)}（${tag.zh}）${cutZh}，收到上一条回显后再发下一条`,
  );
}

function subgroup(
  id: string,
  groupTitle: string,
  data: DeflateDataId,
  offers: readonly string[],
  tag: Bilingual,
): CaseDef[] {
  const category = id.startsWith('12.') ? 'deflate' : 'deflate-params';
  const group: Group = { id, category, title: groupTitle, section: '9.1', why };
  return msgSizes.map(([size, count, waitSeconds, fragmentSize], i) => {
    const deflate: DeflateScript = { data, size, count, fragmentSize, offers, waitSeconds };
    const def = caseOf(group, i + 1, title(size, count, fragmentSize, tag), [], {
      kind: 'deflate-echo',
    });
    return {
      ...def,
      deflate,
      differs: standIns,
      reportTime: true,
      waitMs: waitSeconds * 1000,
      ...(i === 0 ? {} : { cliOnly: true }),
    };
  });
}

const describeOffer = (offers: readonly string[]) => offers.map((o) => `"${o}"`).join(', ');

export const deflateCases: readonly CaseDef[] = [
  ...deflateData.flatMap((data, j) =>
    subgroup(
      `12.${j + 1}`,
      `${data.description} (${data.binary ? 'binary' : 'utf8'}, ${data.bytes} bytes), default offer`,
      data.id,
      [offer()],
      dataWords[data.id],
    ),
  ),
  ...offers13.flatMap((offers, j) =>
    subgroup(
      `13.${j + 1}`,
      `Large JSON data file, offer ${describeOffer(offers)}`,
      'json_data1',
      offers,
      offerWords[j]!,
    ),
  ),
];
