import { defineStrings } from '../shared/strings/defineStrings.ts';

/**
 * Every sentence the CLI prints, in both languages (mechanism: src/shared/strings/defineStrings.ts).
 * `--json` stays English on purpose: its keys and `meaning` strings are for scripts. A count that English
 * says in the singular has a `…One` key beside its `…Many` one (bytes, block).
 */
export const cliStrings = defineStrings({
  en: {
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
    serveUsage:
      'ws101 serve: the deck and every endpoint on one port, from the deck built into this package\n\n{serverOptions}',
    unknownCommand: "unknown command '{command}' (try: ws101 --help)",
    unknownOption: "unknown option '{option}' (try: ws101 --help)",
    missingValue: '{option} needs a value',
    takesNoValue: '{option} takes no value',
    unexpectedArgument: "unexpected argument '{argument}'",
    badLang: "--lang must be en or zh, not '{value}'",
    badFrom: "--from must be client or server, not '{value}'",
    badMaxPayload: "--max-payload must be a whole number of bytes, not '{value}'",
    serveNoDev: '--dev is for the repository (npm run dev); serve runs the prebuilt deck',
    'conform.arity': 'conform takes one ws:// URL, e.g. ws://127.0.0.1:3000/echo',
    'conform.badConcurrency': "--concurrency must be a whole number from 1 to 64, not '{value}'",
    'conform.badProtocol':
      "--protocol must be a subprotocol name (letters, digits and !#$%&'*+-.^_`|~), not '{value}'",
    'conform.unreachable': 'cannot reach {target}',
    'conform.report': 'report: {file}',
    'conform.result.pass': 'pass',
    'conform.result.non-strict': 'non-strict',
    'conform.result.informational': 'informational',
    'conform.result.fail': 'fail',
    'conform.result.unimplemented': 'unimplemented',
    'conform.close.ok': 'close ok',
    'conform.close.wrong-code': 'wrong code',
    'conform.close.unclean': 'unclean',
    'conform.close.failed-by-client': 'failed by client',
    'conform.close.informational': 'close info',
    'conform.close.failed': 'close failed',
    'conform.closeTotal': 'closing handshake: {counts}',
    'conform.badReport': '--report {target}: {problem} (nothing was run)',
    'conform.certificateHint':
      "the server's certificate does not verify ({code}); for a self-signed test server, add --insecure",
    'conform.insecureNoop':
      'note: --insecure does nothing for a ws:// URL (there is no certificate to check)',
    'conform.count': '{n} {result}',
    'conform.listSeparator': ', ',
    'conform.total': '{cases} cases: {counts}',
    'conform.numbering':
      "{autobahn} cases carry Autobahn|Testsuite's number; {own} (ws101.*) are ws101's own.",
    'conform.time': 'time: {seconds} s, {concurrency} cases at a time',
    acceptArity: 'give exactly one Sec-WebSocket-Key, not {count}',
    keyNotSixteenBytes:
      'note: this key is not base64 of 16 bytes, so a server would refuse the handshake (RFC 6455 §4.2.1)',
    'acceptSteps.key': 'key',
    'acceptSteps.withGuid': '+ GUID',
    'acceptSteps.padding': 'SHA-1 padding',
    'acceptSteps.blocks': '{count} block(s) of 64 bytes',
    'acceptSteps.sha1': 'SHA-1 (hex)',
    'acceptSteps.accept': 'base64 → Accept',
    byteOne: '{n} byte',
    byteMany: '{n} bytes',
    clientToServer: 'client → server',
    serverToClient: 'server → client',
    frameTitle: 'Frame {index} · {direction} · {opcode} · {size}',
    bit: 'bit {offset}',
    bits: 'bits {from}–{to}',
    'payload.notKept': 'payload over the limit: not kept',
    'payload.masked': 'masked',
    'payload.unmasked': 'unmasked',
    'payload.bytes': 'bytes',
    'payload.text': 'text',
    'payload.close': 'close',
    'payload.noCloseCode': 'no code (1005)',
    noViolation: '✓ no protocol violation',
    'senderInferred.client':
      'sender: client (inferred: the first frame is masked; --from server to check it as a server frame)',
    'senderInferred.server':
      'sender: server (inferred: the first frame is not masked; --from client to check it as a client frame)',
    noFrames: 'no frames',
    'truncated.arrived':
      'input ends inside frame {frame}: {have} of it arrived, kept as the remainder ({hex})',
    'truncated.headerUnknown': 'the header needs at least {missing} more before its length is known',
    'truncated.lengthInHeader':
      'the header needs {missing} more ({length} in all), the payload length among them',
    'truncated.headerAndPayload':
      'the header needs {missing} more ({length} in all) and the payload {payloadMissing} more ({payloadLength} in all): {total} more in all',
    'truncated.payload':
      'the header is whole ({length}); the payload needs {payloadMissing} more ({payloadLength} in all)',
  },
  zh: {
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
    serveUsage:
      'ws101 serve：在一个端口上提供幻灯片和所有端点，使用本包里已构建好的幻灯片\n\n{serverOptions}',
    unknownCommand: "没有 '{command}' 这个命令（试试 ws101 --help）",
    unknownOption: "没有 '{option}' 这个选项（试试 ws101 --help）",
    missingValue: '{option} 后面需要一个值',
    takesNoValue: '{option} 不带值',
    unexpectedArgument: "多余的参数 '{argument}'",
    badLang: "--lang 只能是 en 或 zh，不能是 '{value}'",
    badFrom: "--from 只能是 client 或 server，不能是 '{value}'",
    badMaxPayload: "--max-payload 必须是字节数（非负整数），不能是 '{value}'",
    serveNoDev: '--dev 只用于源码仓库（npm run dev）；serve 运行的是已构建好的幻灯片',
    'conform.arity': 'conform 需要一个 ws:// 地址，例如 ws://127.0.0.1:3000/echo',
    'conform.badConcurrency': "--concurrency 必须是 1 到 64 之间的整数，不能是 '{value}'",
    'conform.badProtocol': "--protocol 必须是子协议名称（字母、数字和 !#$%&'*+-.^_`|~），不能是 '{value}'",
    'conform.unreachable': '连不上 {target}',
    'conform.report': '报告：{file}',
    'conform.result.pass': '通过',
    'conform.result.non-strict': '不严格',
    'conform.result.informational': '仅供参考',
    'conform.result.fail': '失败',
    'conform.result.unimplemented': '未实现',
    'conform.close.ok': '关闭正常',
    'conform.close.wrong-code': '关闭码不对',
    'conform.close.unclean': '关闭不干净',
    'conform.close.failed-by-client': '由客户端断开',
    'conform.close.informational': '关闭仅供参考',
    'conform.close.failed': '关闭失败',
    'conform.closeTotal': '关闭握手：{counts}',
    'conform.badReport': '--report {target}：{problem}（没有运行任何用例）',
    'conform.certificateHint': '服务端的证书无法验证（{code}）；如果是自签名的测试服务器，加上 --insecure',
    'conform.insecureNoop': '注意：--insecure 对 ws:// 地址不起作用（没有证书可检查）',
    'conform.count': '{result} {n}',
    'conform.listSeparator': '，',
    'conform.total': '共 {cases} 个用例：{counts}',
    'conform.numbering':
      '其中 {autobahn} 个沿用 Autobahn|Testsuite 的编号；{own} 个（ws101.*）是 ws101 自己的。',
    'conform.time': '用时：{seconds} 秒，每次同时运行 {concurrency} 个用例',
    acceptArity: '只能给一个 Sec-WebSocket-Key，这里有 {count} 个',
    keyNotSixteenBytes: '注意：这个 key 不是 16 字节数据的 base64，服务端会拒绝这次握手（RFC 6455 §4.2.1）',
    'acceptSteps.key': 'key',
    'acceptSteps.withGuid': '拼接 GUID',
    'acceptSteps.padding': 'SHA-1 填充',
    'acceptSteps.blocks': '共 {count} 个 64 字节的块',
    'acceptSteps.sha1': 'SHA-1（十六进制）',
    'acceptSteps.accept': 'base64 → Accept',
    byteOne: '{n} 字节',
    byteMany: '{n} 字节',
    clientToServer: '客户端 → 服务端',
    serverToClient: '服务端 → 客户端',
    frameTitle: '第 {index} 帧 · {direction} · {opcode} · {size}',
    bit: '第 {offset} 位',
    bits: '第 {from}–{to} 位',
    'payload.notKept': '负载超过上限，未保存',
    'payload.masked': '掩码后',
    'payload.unmasked': '还原后',
    'payload.bytes': '字节',
    'payload.text': '文本',
    'payload.close': '关闭',
    'payload.noCloseCode': '无状态码（1005）',
    noViolation: '✓ 没有违反协议',
    'senderInferred.client': '发送方：客户端（推断：第一帧带掩码；加 --from server 可按服务端帧检查）',
    'senderInferred.server': '发送方：服务端（推断：第一帧没有掩码；加 --from client 可按客户端帧检查）',
    noFrames: '没有帧',
    'truncated.arrived': '输入在第 {frame} 帧中间结束：这一帧只到了 {have}，保留为 remainder（{hex}）',
    'truncated.headerUnknown': '帧头至少还差 {missing}，之后才知道帧头有多长',
    'truncated.lengthInHeader': '帧头还差 {missing}（共 {length} 字节），负载长度就在其中',
    'truncated.headerAndPayload':
      '帧头还差 {missing}（共 {length} 字节），负载还差 {payloadMissing} 字节（共 {payloadLength} 字节）：一共还差 {total} 字节',
    'truncated.payload': '帧头已完整（{length}），负载还差 {payloadMissing}（共 {payloadLength} 字节）',
  },
});

export const t = cliStrings.t;
