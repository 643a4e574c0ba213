import {
  type CapturedFrame,
  decodeCapture,
  type Inflater,
  inflateConnection,
  readCaptureFile,
  type WebSocketConnection,
} from '../capture/index.ts';
import { networkPacket } from '../capture/linkLayer.ts';
import { tcpSegment } from '../capture/tcpSegment.ts';
import {
  type AcceptKeySteps,
  acceptKeySteps,
  type Bilingual,
  decodeUtf8Lenient,
  type Frame,
  frameWireBytes,
  headerValue,
  Opcode,
  type Sender,
  toHex,
} from '../protocol/index.ts';
import type { FieldGroup } from './byteFields.ts';
import { shifted } from './byteFields.ts';
import { frameGroup } from './frameFields.ts';
import { httpHeadGroup } from './httpFields.ts';
import { packetHeaderGroups } from './packetFields.ts';
import { strings } from './strings.ts';

/** The steps of the story, in order: each has a section on the page (`section.<step>.title` and `.story`). */
export type StoryKey =
  | 'tcp-open'
  | 'handshake'
  | 'text'
  | 'fragmented'
  | 'deflate'
  | 'ping'
  | 'close'
  | 'tcp-close';

/**
 * One record of the page: a synthesized TCP packet (all its header bytes), or the bytes one side's socket
 * read or wrote in one go (the tap's record: an HTTP head, or one or more frames).
 */
export type IllustratedRecord = {
  readonly id: string;
  /** Its packet in the pcapng download, numbered from 1 as Wireshark does. */
  readonly packet: number;
  /** Microseconds since the first packet. */
  readonly sinceStartMicros: number;
  readonly sender: Sender;
  readonly synthesized: boolean;
  readonly story: StoryKey;
  readonly title: Bilingual;
  readonly bytes: Uint8Array;
  readonly groups: readonly FieldGroup[];
};

export type IllustratedSession = {
  readonly records: readonly IllustratedRecord[];
  readonly accept: AcceptKeySteps;
  /** The accept value the server's 101 carried. */
  readonly serverAccept: string;
  /** The record after which the page shows the accept-key computation (the upgrade request). */
  readonly acceptAfter: string;
};

type Direction = { offset: number; head: number };

/** Which step of the story a client record belongs to, from its first frame (and whether a message is open). */
function storyOf(frame: Frame, messageOpen: boolean): StoryKey {
  if (messageOpen) return 'fragmented';
  if (frame.opcode === Opcode.close) return 'close';
  if (frame.opcode === Opcode.ping || frame.opcode === Opcode.pong) return 'ping';
  if (frame.rsv1) return 'deflate';
  return frame.fin ? 'text' : 'fragmented';
}

function inflatedTexts(connection: WebSocketConnection): Map<Frame, string> {
  const texts = new Map<Frame, string>();
  for (const captured of [...connection.fromClient.messages, ...connection.fromServer.messages]) {
    const first = captured.message.frames[0];
    if (first && captured.inflated) texts.set(first, decodeUtf8Lenient(captured.inflated.bytes));
  }
  return texts;
}

/**
 * The recorded session as the page's records, every byte in exactly one field, every field from a decoder:
 * the capture core reads the pcapng (packets, TCP, the handshake, each direction's frames) and inflates the
 * compressed messages; the protocol core annotates each frame and parses each HTTP head.
 */
export async function illustrateSession(
  pcapng: Uint8Array,
  makeInflater: () => Inflater,
): Promise<IllustratedSession> {
  const file = readCaptureFile(pcapng);
  const decoded = decodeCapture(pcapng);
  const connection = decoded.connections[0];
  if (connection?.kind !== 'websocket' || !connection.handshake?.response)
    throw new Error('the recording holds no WebSocket connection with its handshake');
  await inflateConnection(connection, makeInflater);
  const inflated = inflatedTexts(connection);
  const { request, response } = connection.handshake;
  const accept = acceptKeySteps(headerValue(request, 'sec-websocket-key') ?? '');
  const serverAccept = headerValue(response, 'sec-websocket-accept') ?? '';
  const acceptNote = strings.both(accept.accept === serverAccept ? 'accept.matches' : 'accept.differs');
  const directions: Record<Sender, Direction> = {
    client: { offset: 0, head: request.headLength },
    server: { offset: 0, head: response.headLength },
  };
  const framesOf: Record<Sender, readonly CapturedFrame[]> = {
    client: connection.fromClient.frames,
    server: connection.fromServer.frames,
  };
  const start = file.packets[0]?.timestampMicros ?? 0;
  const records: IllustratedRecord[] = [];
  let story: StoryKey = 'tcp-open';
  let messageOpen = false;
  let dataSeen = false;

  for (const packet of file.packets) {
    const ip = networkPacket(packet.linkType, packet.data);
    const segment = typeof ip === 'object' ? tcpSegment(packet, ip) : null;
    if (segment === null || typeof segment !== 'object')
      throw new Error(`packet ${packet.number} is not TCP`);
    const sender: Sender = segment.sourcePort === connection.client.port ? 'client' : 'server';
    const common = {
      id: `packet-${packet.number}`,
      packet: packet.number,
      sinceStartMicros: packet.timestampMicros - start,
      sender,
    };
    if (segment.payload.length === 0) {
      if (dataSeen) story = 'tcp-close';
      const title = strings.both(
        segment.syn
          ? segment.ack
            ? 'recordTitle.synAck'
            : 'recordTitle.syn'
          : segment.fin
            ? 'recordTitle.fin'
            : dataSeen
              ? 'recordTitle.lastAck'
              : 'recordTitle.ack',
      );
      records.push({
        ...common,
        synthesized: true,
        story,
        title,
        bytes: packet.data,
        groups: packetHeaderGroups(packet.data, segment, sender === 'client'),
      });
      continue;
    }
    dataSeen = true;
    const direction = directions[sender];
    const from = direction.offset;
    const to = from + segment.payload.length;
    direction.offset = to;
    const groups: FieldGroup[] = [];
    if (from < direction.head) {
      if (to < direction.head) throw new Error(`the HTTP head spans packets (packet ${packet.number})`);
      const head = sender === 'client' ? request : response;
      groups.push(httpHeadGroup(head, sender === 'client', sender === 'server' ? acceptNote : null));
      story = 'handshake';
    }
    const frames = framesOf[sender].filter((captured) => {
      const at = direction.head + captured.frame.streamOffset;
      return at >= from && at < to;
    });
    for (const { frame } of frames) {
      const at = direction.head + frame.streamOffset - from;
      const wire = frameWireBytes(frame);
      // The decoder's frame must be these very bytes: a frame cut across packets would be drawn wrongly.
      if (toHex(segment.payload.subarray(at, at + wire.length)) !== toHex(wire))
        throw new Error(`a frame of packet ${packet.number} does not lie whole in it`);
      if (sender === 'client' && frame === frames[0]!.frame) story = storyOf(frame, messageOpen);
      if (sender === 'client' && !(frame.opcode & 0x8)) messageOpen = !frame.fin;
      const group = frameGroup(frame, inflated.get(frame) ?? null);
      groups.push({ ...group, fields: shifted(group.fields, at) });
    }
    const title =
      groups.length === 1 && frames.length === 0
        ? sender === 'client'
          ? strings.both('recordTitle.request')
          : strings.both('recordTitle.response', { status: response.startLine.replace(/^HTTP\/\S+ /, '') })
        : {
            en: groups.map((group) => group.title.en).join(' + '),
            zh: groups.map((group) => group.title.zh).join(' + '),
          };
    records.push({ ...common, synthesized: false, story, title, bytes: segment.payload, groups });
  }
  const acceptAfter = records.find((record) => !record.synthesized && record.sender === 'client')?.id ?? '';
  return { records, accept, serverAccept, acceptAfter };
}
