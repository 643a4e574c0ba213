import type { CloseResult, Result } from '../conform/types.ts';
import type { Language } from '../protocol/index.ts';
import type { Truncation } from './truncation.ts';

/**
 * Every sentence the CLI prints, in both languages; one object per language so the compiler finds a missing
 * translation. `--json` stays English on purpose: its keys and `meaning` strings are for scripts.
 */
export type CliStrings = {
  usage: string;
  serveUsage: (serverOptions: string) => string;
  unknownCommand: (command: string) => string;
  unknownOption: (option: string) => string;
  missingValue: (option: string) => string;
  takesNoValue: (option: string) => string;
  unexpectedArgument: (argument: string) => string;
  badLang: (value: string) => string;
  badFrom: (value: string) => string;
  badMaxPayload: (value: string) => string;
  serveNoDev: string;
  conform: {
    arity: string;
    badConcurrency: (value: string) => string;
    badProtocol: (value: string) => string;
    unreachable: (target: string) => string;
    report: (file: string) => string;
    /** Autobahn's result names (--json keeps the English ones). */
    results: Record<Result, string>;
    /** Autobahn's close-column names. */
    closeResults: Record<CloseResult, string>;
    /** The close column's totals line. */
    closeTotal: (counts: string) => string;
    /** --report names something that cannot take the report (checked before the run). */
    badReport: (target: string, problem: string) => string;
    /** A wss:// certificate that does not verify: suggest --insecure. */
    certificateHint: (code: string) => string;
    /** --insecure with ws://: it changes nothing. */
    insecureNoop: string;
    count: (n: number, result: string) => string;
    listSeparator: string;
    total: (cases: number, counts: string) => string;
    numbering: (autobahn: number, own: number) => string;
    time: (seconds: string, concurrency: number) => string;
  };
  acceptArity: (count: number) => string;
  keyNotSixteenBytes: string;
  acceptSteps: {
    key: string;
    withGuid: string;
    padding: string;
    blocks: (count: number) => string;
    sha1: string;
    accept: string;
  };
  frameTitle: (index: number, sender: 'client' | 'server', opcodeName: string, bytes: number) => string;
  bitRange: (offset: number, length: number) => string;
  payload: {
    notKept: string;
    masked: string;
    unmasked: string;
    bytes: string;
    text: string;
    close: string;
    noCloseCode: string;
  };
  noViolation: string;
  senderInferred: (sender: 'client' | 'server') => string;
  noFrames: string;
  truncated: (frameNumber: number, truncation: Truncation, hexPreview: string) => string;
};

const bytesEn = (n: number) => `${n} byte${n === 1 ? '' : 's'}`;

const en: CliStrings = {
  usage: `Usage:
  ws101 decode [options] <hex …>     decode WebSocket frames (RFC 6455) bit by bit
  ws101 decode [options] -           read the hex from standard input
  ws101 decode --pcap <file>         every WebSocket frame in a Wireshark/tcpdump capture (pcap, pcapng)
  ws101 decode --har <file>          the WebSocket messages of a browser's HAR export, as frames
  ws101 accept [options] <key>       Sec-WebSocket-Accept for a Sec-WebSocket-Key
  ws101 serve [server options]       the whole deck and every endpoint on one port (serve --help)
  ws101 conform [options] <ws://host:port/path>
                                     run the RFC 6455 conformance cases (Autobahn categories 1-7,
                                     9, 10, 12 and 13, judged by Autobahn's rules) against an echo
                                     server; 12-13 (permessage-deflate) compress with Node's zlib

decode options:
  --from client|server   who sent the bytes (default: inferred from the MASK bit)
  --json                 machine-readable output (always English)
  --deflate              permessage-deflate was negotiated (RSV1 allowed)
  --max-payload <bytes>  payload limit, 1009 above it (default 1048576)
  --lang en|zh           language of the explanations (default: from LANG)
  --color / --no-color   force colour on or off (default: on for a terminal, off with NO_COLOR)
  --pcap <file>          read a capture instead of hex: TCP reassembled, handshakes found, frames decoded
  --port <n>             with --pcap: decode this server port as WebSocket even without a handshake

accept options:
  --steps                show each step: key + GUID, SHA-1, base64
  --lang en|zh           language of the steps

conform options:
  --cases <patterns>     only these cases, e.g. 5.*,6.1.*,7.7.3 (default: all)
  --json                 machine-readable output (always English)
  --report <dir>         also write a self-contained HTML report to <dir>/index.html (English)
  --concurrency <n>      cases run at once (default 16)
  --insecure             wss:// only: accept a certificate that does not verify (self-signed)
  --protocol <name>      offer this subprotocol in the handshake, e.g. echo-protocol (repeatable)
  --lang en|zh           language of the table
  --color / --no-color   force colour on or off

Hex may contain spaces, colons, commas, newlines and 0x prefixes.
Exit status: 0 ok, 1 decoded with protocol violations (conform: a case failed), 2 bad usage, bad input
or an unreachable server.`,
  serveUsage: (serverOptions) =>
    `ws101 serve: the deck and every endpoint on one port, from the deck built into this package\n\n${serverOptions}`,
  unknownCommand: (command) => `unknown command '${command}' (try: ws101 --help)`,
  unknownOption: (option) => `unknown option '${option}' (try: ws101 --help)`,
  missingValue: (option) => `${option} needs a value`,
  takesNoValue: (option) => `${option} takes no value`,
  unexpectedArgument: (argument) => `unexpected argument '${argument}'`,
  badLang: (value) => `--lang must be en or zh, not '${value}'`,
  badFrom: (value) => `--from must be client or server, not '${value}'`,
  badMaxPayload: (value) => `--max-payload must be a whole number of bytes, not '${value}'`,
  serveNoDev: '--dev is for the repository (npm run dev); serve runs the prebuilt deck',
  conform: {
    arity: 'conform takes one ws:// URL, e.g. ws://127.0.0.1:3000/echo',
    badConcurrency: (value) => `--concurrency must be a whole number from 1 to 64, not '${value}'`,
    badProtocol: (value) =>
      `--protocol must be a subprotocol name (letters, digits and !#$%&'*+-.^_\`|~), not '${value}'`,
    unreachable: (target) => `cannot reach ${target}`,
    report: (file) => `report: ${file}`,
    results: {
      pass: 'pass',
      'non-strict': 'non-strict',
      informational: 'informational',
      fail: 'fail',
      unimplemented: 'unimplemented',
    },
    closeResults: {
      ok: 'close ok',
      'wrong-code': 'wrong code',
      unclean: 'unclean',
      'failed-by-client': 'failed by client',
      informational: 'close info',
      failed: 'close failed',
    },
    closeTotal: (counts) => `closing handshake: ${counts}`,
    badReport: (target, problem) => `--report ${target}: ${problem} (nothing was run)`,
    certificateHint: (code) =>
      `the server's certificate does not verify (${code}); for a self-signed test server, add --insecure`,
    insecureNoop: 'note: --insecure does nothing for a ws:// URL (there is no certificate to check)',
    count: (n, result) => `${n} ${result}`,
    listSeparator: ', ',
    total: (cases, counts) => `${cases} cases: ${counts}`,
    numbering: (autobahn, own) =>
      `${autobahn} cases carry Autobahn|Testsuite's number; ${own} (ws101.*) are ws101's own.`,
    time: (seconds, concurrency) => `time: ${seconds} s, ${concurrency} cases at a time`,
  },
  acceptArity: (count) => `give exactly one Sec-WebSocket-Key, not ${count}`,
  keyNotSixteenBytes:
    'note: this key is not base64 of 16 bytes, so a server would refuse the handshake (RFC 6455 §4.2.1)',
  acceptSteps: {
    key: 'key',
    withGuid: '+ GUID',
    padding: 'SHA-1 padding',
    blocks: (count) => `${count} block(s) of 64 bytes`,
    sha1: 'SHA-1 (hex)',
    accept: 'base64 → Accept',
  },
  frameTitle: (index, sender, opcodeName, bytes) =>
    `Frame ${index} · ${sender === 'client' ? 'client → server' : 'server → client'} · ${opcodeName} · ${bytesEn(bytes)}`,
  bitRange: (offset, length) => (length === 1 ? `bit ${offset}` : `bits ${offset}–${offset + length - 1}`),
  payload: {
    notKept: 'payload over the limit: not kept',
    masked: 'masked',
    unmasked: 'unmasked',
    bytes: 'bytes',
    text: 'text',
    close: 'close',
    noCloseCode: 'no code (1005)',
  },
  noViolation: '✓ no protocol violation',
  senderInferred: (sender) =>
    sender === 'client'
      ? 'sender: client (inferred: the first frame is masked; --from server to check it as a server frame)'
      : 'sender: server (inferred: the first frame is not masked; --from client to check it as a client frame)',
  noFrames: 'no frames',
  truncated: (frameNumber, t, hexPreview) => {
    const first = `input ends inside frame ${frameNumber}: ${bytesEn(t.have)} of it arrived, kept as the remainder (${hexPreview})`;
    let need: string;
    if (t.headerLength === null) {
      need = `the header needs at least ${bytesEn(t.headerMissing)} more before its length is known`;
    } else if (t.payloadLength === null || t.payloadMissing === null) {
      need = `the header needs ${bytesEn(t.headerMissing)} more (${t.headerLength} in all), the payload length among them`;
    } else if (t.headerMissing > 0) {
      need = `the header needs ${bytesEn(t.headerMissing)} more (${t.headerLength} in all) and the payload ${t.payloadMissing} more (${t.payloadLength} in all): ${t.headerMissing + t.payloadMissing} more in all`;
    } else {
      need = `the header is whole (${bytesEn(t.headerLength)}); the payload needs ${bytesEn(t.payloadMissing)} more (${t.payloadLength} in all)`;
    }
    return `${first}\n${need}`;
  },
};

const zh: CliStrings = {
  usage: `用法：
  ws101 decode [选项] <十六进制 …>   逐位解码 WebSocket 帧（RFC 6455）
  ws101 decode [选项] -              从标准输入读取十六进制
  ws101 decode --pcap <文件>         解码 Wireshark/tcpdump 抓包文件（pcap、pcapng）中的每个 WebSocket 帧
  ws101 decode --har <文件>          把浏览器导出的 HAR 中的 WebSocket 消息显示为帧
  ws101 accept [选项] <key>          由 Sec-WebSocket-Key 算出 Sec-WebSocket-Accept
  ws101 serve [服务器选项]           在一个端口上运行整套幻灯片和所有端点（serve --help）
  ws101 conform [选项] <ws://主机:端口/路径>
                                     对一个 WebSocket 回显服务器运行 RFC 6455 一致性用例
                                     （Autobahn 第 1–7、9、10、12、13 类，按 Autobahn 的规则评判；
                                     12–13 类为 permessage-deflate，用 Node 的 zlib 压缩）

decode 选项：
  --from client|server   字节由谁发出（默认：根据 MASK 位推断）
  --json                 机器可读的输出（始终为英文）
  --deflate              已协商 permessage-deflate（允许 RSV1）
  --max-payload <字节数> 负载上限，超过则为 1009（默认 1048576）
  --lang en|zh           说明文字的语言（默认：取自 LANG）
  --color / --no-color   强制开启或关闭颜色（默认：终端里开启，设置 NO_COLOR 时关闭）
  --pcap <文件>          读取抓包文件而不是十六进制：重组 TCP、找到握手、解码帧
  --port <n>             与 --pcap 一起用：即使没有握手，也把这个服务器端口按 WebSocket 解码

accept 选项：
  --steps                列出每一步：key + GUID、SHA-1、base64
  --lang en|zh           步骤说明的语言

conform 选项：
  --cases <模式>         只运行这些用例，如 5.*,6.1.*,7.7.3（默认：全部）
  --json                 机器可读的输出（始终为英文）
  --report <目录>        另外生成独立的 HTML 报告 <目录>/index.html（英文）
  --concurrency <n>      同时运行的用例数（默认 16）
  --insecure             仅用于 wss://：接受无法验证的证书（自签名）
  --protocol <名称>      握手时提供这个子协议，例如 echo-protocol（可重复）
  --lang en|zh           表格的语言
  --color / --no-color   强制开启或关闭颜色

十六进制里可以有空格、冒号、逗号、换行和 0x 前缀。
退出状态：0 正常，1 解码完成但违反了协议（conform：有用例失败），2 用法或输入有误，或连不上服务器。`,
  serveUsage: (serverOptions) =>
    `ws101 serve：在一个端口上提供幻灯片和所有端点，使用本包里已构建好的幻灯片\n\n${serverOptions}`,
  unknownCommand: (command) => `没有 '${command}' 这个命令（试试 ws101 --help）`,
  unknownOption: (option) => `没有 '${option}' 这个选项（试试 ws101 --help）`,
  missingValue: (option) => `${option} 后面需要一个值`,
  takesNoValue: (option) => `${option} 不带值`,
  unexpectedArgument: (argument) => `多余的参数 '${argument}'`,
  badLang: (value) => `--lang 只能是 en 或 zh，不能是 '${value}'`,
  badFrom: (value) => `--from 只能是 client 或 server，不能是 '${value}'`,
  badMaxPayload: (value) => `--max-payload 必须是字节数（非负整数），不能是 '${value}'`,
  serveNoDev: '--dev 只用于源码仓库（npm run dev）；serve 运行的是已构建好的幻灯片',
  conform: {
    arity: 'conform 需要一个 ws:// 地址，例如 ws://127.0.0.1:3000/echo',
    badConcurrency: (value) => `--concurrency 必须是 1 到 64 之间的整数，不能是 '${value}'`,
    badProtocol: (value) => `--protocol 必须是子协议名称（字母、数字和 !#$%&'*+-.^_\`|~），不能是 '${value}'`,
    unreachable: (target) => `连不上 ${target}`,
    report: (file) => `报告：${file}`,
    results: {
      pass: '通过',
      'non-strict': '不严格',
      informational: '仅供参考',
      fail: '失败',
      unimplemented: '未实现',
    },
    closeResults: {
      ok: '关闭正常',
      'wrong-code': '关闭码不对',
      unclean: '关闭不干净',
      'failed-by-client': '由客户端断开',
      informational: '关闭仅供参考',
      failed: '关闭失败',
    },
    closeTotal: (counts) => `关闭握手：${counts}`,
    badReport: (target, problem) => `--report ${target}：${problem}（没有运行任何用例）`,
    certificateHint: (code) => `服务端的证书无法验证（${code}）；如果是自签名的测试服务器，加上 --insecure`,
    insecureNoop: '注意：--insecure 对 ws:// 地址不起作用（没有证书可检查）',
    count: (n, result) => `${result} ${n}`,
    listSeparator: '，',
    total: (cases, counts) => `共 ${cases} 个用例：${counts}`,
    numbering: (autobahn, own) =>
      `其中 ${autobahn} 个沿用 Autobahn|Testsuite 的编号；${own} 个（ws101.*）是 ws101 自己的。`,
    time: (seconds, concurrency) => `用时：${seconds} 秒，每次同时运行 ${concurrency} 个用例`,
  },
  acceptArity: (count) => `只能给一个 Sec-WebSocket-Key，这里有 ${count} 个`,
  keyNotSixteenBytes: '注意：这个 key 不是 16 字节数据的 base64，服务端会拒绝这次握手（RFC 6455 §4.2.1）',
  acceptSteps: {
    key: 'key',
    withGuid: '拼接 GUID',
    padding: 'SHA-1 填充',
    blocks: (count) => `共 ${count} 个 64 字节的块`,
    sha1: 'SHA-1（十六进制）',
    accept: 'base64 → Accept',
  },
  frameTitle: (index, sender, opcodeName, bytes) =>
    `第 ${index} 帧 · ${sender === 'client' ? '客户端 → 服务端' : '服务端 → 客户端'} · ${opcodeName} · ${bytes} 字节`,
  bitRange: (offset, length) => (length === 1 ? `第 ${offset} 位` : `第 ${offset}–${offset + length - 1} 位`),
  payload: {
    notKept: '负载超过上限，未保存',
    masked: '掩码后',
    unmasked: '还原后',
    bytes: '字节',
    text: '文本',
    close: '关闭',
    noCloseCode: '无状态码（1005）',
  },
  noViolation: '✓ 没有违反协议',
  senderInferred: (sender) =>
    sender === 'client'
      ? '发送方：客户端（推断：第一帧带掩码；加 --from server 可按服务端帧检查）'
      : '发送方：服务端（推断：第一帧没有掩码；加 --from client 可按客户端帧检查）',
  noFrames: '没有帧',
  truncated: (frameNumber, t, hexPreview) => {
    const first = `输入在第 ${frameNumber} 帧中间结束：这一帧只到了 ${t.have} 字节，保留为 remainder（${hexPreview}）`;
    let need: string;
    if (t.headerLength === null) {
      need = `帧头至少还差 ${t.headerMissing} 字节，之后才知道帧头有多长`;
    } else if (t.payloadLength === null || t.payloadMissing === null) {
      need = `帧头还差 ${t.headerMissing} 字节（共 ${t.headerLength} 字节），负载长度就在其中`;
    } else if (t.headerMissing > 0) {
      need = `帧头还差 ${t.headerMissing} 字节（共 ${t.headerLength} 字节），负载还差 ${t.payloadMissing} 字节（共 ${t.payloadLength} 字节）：一共还差 ${t.headerMissing + t.payloadMissing} 字节`;
    } else {
      need = `帧头已完整（${t.headerLength} 字节），负载还差 ${t.payloadMissing} 字节（共 ${t.payloadLength} 字节）`;
    }
    return `${first}\n${need}`;
  },
};

export const cliStrings: Readonly<Record<Language, CliStrings>> = { en, zh };
