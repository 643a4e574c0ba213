import { closePayload, encodeFrame, type FrameSpec, Opcode } from '../protocol/index.ts';

/**
 * The one session the Illustrated page explains, fixed byte for byte on the client's side: the RFC's own
 * sample key (RFC 6455 §1.3), fixed masking keys and fixed payloads. What the server answers is whatever the
 * bundled server really wrote back (tools/recordIllustrated.ts records it through `serve --record`).
 */
export const illustratedPort = 3000;
export const illustratedPath = '/echo?deflate=1';
export const illustratedKey = 'dGhlIHNhbXBsZSBub25jZQ==';

export const upgradeRequest =
  `GET ${illustratedPath} HTTP/1.1\r\n` +
  `Host: 127.0.0.1:${illustratedPort}\r\n` +
  'Upgrade: websocket\r\n' +
  'Connection: Upgrade\r\n' +
  `Sec-WebSocket-Key: ${illustratedKey}\r\n` +
  'Sec-WebSocket-Version: 13\r\n' +
  'Sec-WebSocket-Extensions: permessage-deflate\r\n' +
  '\r\n';

const key = (...bytes: number[]) => Uint8Array.from(bytes);

/**
 * "Hello" compressed with raw DEFLATE and its 00 00 ff ff tail removed, exactly RFC 7692 §7.2.3.1's example:
 * written out here so the recording does not depend on the zlib that happens to run the script.
 */
const compressedHello = key(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);

/** One write of the client: its frames (one TCP write each step), then how many server frames to wait for. */
export type ClientStep = {
  readonly frames: readonly FrameSpec[];
  /** Server frames this step makes the server send (its echo, its pong, its close). */
  readonly answers: number;
};

export const clientSteps: readonly ClientStep[] = [
  // RFC 6455 §5.7's first example, masked: "Hello" with the key 37 fa 21 3d.
  { frames: [{ opcode: Opcode.text, payload: 'Hello', mask: key(0x37, 0xfa, 0x21, 0x3d) }], answers: 1 },
  // A message in two fragments with a ping between them (§5.4: control frames may be injected).
  {
    frames: [{ opcode: Opcode.text, fin: false, payload: 'Frag', mask: key(0x1b, 0x2c, 0x3d, 0x4e) }],
    answers: 0,
  },
  {
    frames: [{ opcode: Opcode.ping, payload: 'mid-message', mask: key(0x5f, 0x60, 0x71, 0x82) }],
    answers: 1,
  },
  {
    frames: [{ opcode: Opcode.continuation, payload: 'mented', mask: key(0x93, 0xa4, 0xb5, 0xc6) }],
    answers: 1,
  },
  // RSV1 set: this message's payload is compressed (RFC 7692).
  {
    frames: [
      { opcode: Opcode.text, rsv1: true, payload: compressedHello, mask: key(0xd7, 0xe8, 0xf9, 0x0a) },
    ],
    answers: 1,
  },
  {
    frames: [{ opcode: Opcode.ping, payload: 'are you there?', mask: key(0x2b, 0x3c, 0x4d, 0x5e) }],
    answers: 1,
  },
  // §7.1.2: the client starts the closing handshake; the server answers and closes TCP.
  {
    frames: [{ opcode: Opcode.close, payload: closePayload(1000, 'bye'), mask: key(0x6f, 0x70, 0x81, 0x92) }],
    answers: 1,
  },
];

/** Every byte the client writes after its request, step by step. */
export function clientStepBytes(step: ClientStep): Uint8Array[] {
  return step.frames.map((spec) => encodeFrame(spec));
}
