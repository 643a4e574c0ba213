import type {
  CapturedFrame,
  CapturedMessage,
  DecodedCapture,
  StreamMark,
  WebSocketConnection,
} from '../capture/index.ts';
import {
  annotateFrame,
  decodeUtf8Lenient,
  type Frame,
  type Language,
  Opcode,
  opcodeInfo,
  toHex,
} from '../protocol/index.ts';
import type { Paint } from '../shared/paint.ts';
import { captureStrings } from './captureStrings.ts';
import { padColumns } from './columns.ts';
import { frameJson } from './frameJson.ts';

const address = (endpoint: { address: string; port: number }) =>
  endpoint.address.includes(':')
    ? `[${endpoint.address}]:${endpoint.port}`
    : `${endpoint.address}:${endpoint.port}`;

/** Which message each frame belongs to: a compressed message's inflated text is shown on its last frame. */
function messagesByFrame(connection: WebSocketConnection): Map<Frame, CapturedMessage> {
  const map = new Map<Frame, CapturedMessage>();
  for (const captured of [...connection.fromClient.messages, ...connection.fromServer.messages]) {
    for (const frame of captured.message.frames) map.set(frame, captured);
  }
  return map;
}

const isLastFrame = (captured: CapturedMessage, frame: Frame) =>
  captured.message.frames[captured.message.frames.length - 1] === frame;

function inflatedJson(captured: CapturedMessage | undefined) {
  const inflated = captured?.inflated;
  if (!inflated) return null;
  return {
    length: inflated.length,
    error: inflated.error,
    ...(captured.message.opcode === Opcode.text ? { text: decodeUtf8Lenient(inflated.bytes) } : {}),
    payload: toHex(inflated.bytes),
  };
}

const markJson = (mark: StreamMark) =>
  mark.kind === 'resync' ? { ...mark, message: mark.message.en } : { ...mark };

/** The `--json` shape of `decode --pcap`: stable keys for scripts (more may be added, none removed). */
export function captureJson(decoded: DecodedCapture) {
  const firstTime = firstTimestamp(decoded);
  return {
    format: decoded.format,
    packets: decoded.packets,
    interfaces: decoded.interfaces,
    problems: decoded.problems.map((p) => ({
      kind: p.kind,
      packet: p.packet ?? null,
      message: p.message.en,
    })),
    connections: decoded.connections.map((connection) => {
      const base = {
        id: connection.id + 1,
        kind: connection.kind,
        ...(connection.kind === 'websocket' ? { source: connection.source } : {}),
        client: connection.client,
        server: connection.server,
        roleEvidence: connection.roleEvidence,
      };
      if (connection.kind === 'tls') return { ...base, explanation: connection.explanation.en };
      if (connection.kind === 'other') return base;
      const messages = messagesByFrame(connection);
      const lastOf = (frame: Frame) => {
        const captured = messages.get(frame);
        return captured && isLastFrame(captured, frame) ? captured : undefined;
      };
      return {
        ...base,
        handshake: connection.handshake && {
          request: connection.handshake.request.startLine,
          response: connection.handshake.response?.startLine ?? null,
          requestHeaders: connection.handshake.request.headers.map((h) => [h.name, h.value]),
          responseHeaders: connection.handshake.response?.headers.map((h) => [h.name, h.value]) ?? [],
          problems: connection.handshake.problems.map((p) => ({ rule: p.rule, message: p.message.en })),
        },
        deflate: connection.deflate,
        notes: connection.notes.map((note) => note.en),
        marks: [...connection.fromClient.marks, ...connection.fromServer.marks].map(markJson),
        tcp: {
          retransmissions: connection.fromClient.retransmissions + connection.fromServer.retransmissions,
          overlaps: connection.fromClient.overlaps + connection.fromServer.overlaps,
          missingBytes: connection.fromClient.missingBytes + connection.fromServer.missingBytes,
        },
        frames: connection.timeline.map((captured, index) => ({
          index: index + 1,
          sender: captured.sender,
          packets: captured.packets,
          time: (captured.timestampMicros - firstTime) / 1e6,
          ...frameJson({ ...captured.frame, fields: annotateFrame(captured.frame) }),
          inflated: inflatedJson(lastOf(captured.frame)),
        })),
      };
    }),
  };
}

function firstTimestamp(decoded: DecodedCapture): number {
  let first = Number.POSITIVE_INFINITY;
  for (const connection of decoded.connections) {
    if (connection.kind === 'websocket' && connection.timeline[0])
      first = Math.min(first, connection.timeline[0].timestampMicros);
  }
  return Number.isFinite(first) ? first : 0;
}

const previewLength = 40;

function payloadPreview(
  captured: CapturedFrame,
  message: CapturedMessage | undefined,
  lang: Language,
): string {
  const { t } = captureStrings;
  const { frame } = captured;
  if (message?.message.compressed && !isLastFrame(message, frame)) {
    // A compressed message's earlier fragments are deflate bits until the last one arrives.
    return toHex(frame.payload.subarray(0, previewLength / 2), ' ');
  }
  if (message?.inflated) {
    const inflated = message.inflated;
    if (inflated.error) return t(lang, 'inflateFailed', { error: inflated.error });
    const shown =
      message.message.opcode === Opcode.text
        ? JSON.stringify(
            decodeUtf8Lenient(inflated.bytes.subarray(0, previewLength * 4)).slice(0, previewLength),
          )
        : toHex(inflated.bytes.subarray(0, previewLength / 2), ' ');
    return `${shown} (${t(lang, 'inflated', { length: inflated.length })})`;
  }
  if (frame.opcode === Opcode.text || frame.opcode === Opcode.continuation) {
    const shown = decodeUtf8Lenient(frame.payload.subarray(0, previewLength * 4)).slice(0, previewLength);
    return frame.rsv1 ? toHex(frame.payload.subarray(0, previewLength / 2), ' ') : JSON.stringify(shown);
  }
  if (frame.opcode === Opcode.close && frame.payload.length >= 2) {
    const code = (frame.payload[0]! << 8) | frame.payload[1]!;
    return `${code} ${JSON.stringify(decodeUtf8Lenient(frame.payload.subarray(2)))}`;
  }
  return toHex(frame.payload.subarray(0, previewLength / 2), ' ');
}

/** The terminal view of `decode --pcap`: one line per frame, gaps and resyncs where they happened. */
export function renderCapture(decoded: DecodedCapture, p: Paint, lang: Language): string {
  const { t } = captureStrings;
  const websockets = decoded.connections.filter((c): c is WebSocketConnection => c.kind === 'websocket');
  const others = decoded.connections.filter((c) => c.kind === 'other').length;
  const lines = [
    t(lang, websockets.length === 1 ? 'summaryOne' : 'summaryMany', {
      format: decoded.format,
      packets: decoded.packets,
      websockets: websockets.length,
      others,
    }),
  ];
  const firstTime = firstTimestamp(decoded);
  for (const connection of decoded.connections) {
    if (connection.kind === 'other') continue;
    lines.push(
      '',
      p.bold(
        t(lang, 'connection', {
          id: connection.id + 1,
          client: address(connection.client),
          server: address(connection.server),
        }),
      ),
    );
    if (connection.kind === 'tls') {
      lines.push(`  ${t(lang, 'tls')}: ${connection.explanation[lang]}`);
      continue;
    }
    const about = [t(lang, connection.handshake ? 'handshakeSeen' : 'handshakeMissing')];
    if (connection.deflate) {
      about.push(
        t(lang, 'deflate', {
          takeover: t(
            lang,
            takeoverKey(
              connection.deflate.clientNoContextTakeover,
              connection.deflate.serverNoContextTakeover,
            ),
          ),
        }),
      );
    }
    lines.push(`  ${about.join('; ')}`);
    if (connection.handshake) {
      lines.push(
        `  ${connection.handshake.request.startLine}  →  ${connection.handshake.response?.startLine ?? '—'}`,
      );
    }
    for (const note of connection.notes) lines.push(`  ${p.dim(note[lang])}`);
    const retransmissions = connection.fromClient.retransmissions + connection.fromServer.retransmissions;
    const overlaps = connection.fromClient.overlaps + connection.fromServer.overlaps;
    if (retransmissions + overlaps > 0)
      lines.push(t(lang, 'retransmissions', { count: retransmissions, overlaps }));
    lines.push(p.dim(t(lang, 'columns')));
    const messages = messagesByFrame(connection);
    const marks = [...connection.fromClient.marks, ...connection.fromServer.marks];
    const marksBefore = (captured: CapturedFrame) =>
      marks.filter((mark) => mark.sender === captured.sender && mark.offset <= captured.frame.streamOffset);
    const shownMarks = new Set<StreamMark>();
    connection.timeline.forEach((captured, index) => {
      for (const mark of marksBefore(captured)) {
        if (shownMarks.has(mark)) continue;
        shownMarks.add(mark);
        lines.push(p.dim(markLine(mark, lang)));
      }
      const { frame } = captured;
      const rsv = `${frame.rsv1 ? 1 : 0}${frame.rsv2 ? 1 : 0}${frame.rsv3 ? 1 : 0}`;
      lines.push(
        [
          '  ',
          padColumns(String(index + 1), 7),
          padColumns(((captured.timestampMicros - firstTime) / 1e6).toFixed(6), 11),
          padColumns(String(captured.packets[captured.packets.length - 1]), 8),
          padColumns(t(lang, `sender.${captured.sender}`), 8),
          padColumns(`${opcodeInfo(frame.opcode).name} 0x${frame.opcode.toString(16)}`, 18),
          padColumns(frame.fin ? '1' : '0', 4),
          padColumns(rsv, 4),
          padColumns(frame.masked ? '1' : '0', 6),
          padColumns(String(frame.payloadLength), 8),
          payloadPreview(captured, messages.get(frame), lang),
        ].join(''),
      );
      for (const v of frame.violations)
        lines.push(p.error(`         ! ${v.closeCode} §${v.section} ${v.message[lang]}`));
    });
    for (const mark of marks) if (!shownMarks.has(mark)) lines.push(p.dim(markLine(mark, lang)));
  }
  if (others > 0) lines.push('', t(lang, others === 1 ? 'othersOne' : 'othersMany', { count: others }));
  if (decoded.problems.length > 0) {
    lines.push('', t(lang, 'problems'));
    for (const problem of decoded.problems) {
      lines.push(`  ${problem.packet === undefined ? '' : `#${problem.packet} `}${problem.message[lang]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function markLine(mark: StreamMark, lang: Language): string {
  const { t } = captureStrings;
  const sender = t(lang, `sender.${mark.sender}`);
  if (mark.kind === 'gap') return t(lang, 'gap', { bytes: mark.length, sender, packet: mark.beforePacket });
  if (mark.kind === 'cut') return t(lang, 'cut', { bytes: mark.bytes, sender });
  if (mark.kind === 'undecodable') return t(lang, 'undecodable', { bytes: mark.bytes, sender });
  return `  ── ${mark.message[lang]} ──`;
}

/** Which context-takeover words a negotiated permessage-deflate gets (RFC 7692 §7.1.1–§7.1.2). */
function takeoverKey(clientNoTakeover: boolean, serverNoTakeover: boolean) {
  if (clientNoTakeover && serverNoTakeover) return 'takeover.notByEither' as const;
  if (clientNoTakeover) return 'takeover.noClient' as const;
  if (serverNoTakeover) return 'takeover.noServer' as const;
  return 'takeover.kept' as const;
}
