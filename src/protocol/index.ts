// ws101's protocol core: RFC 6455 in pure TypeScript, shared by the page, the server and the CLI.
// The public API, name by name. What is not listed here is internal to the core.

/** RFC 4648 base64 of bytes (the accept key). */
/** Strict base64 to bytes, or null. */
export { base64Decode, base64Encode } from './base64.ts';
/** Where a decoder's payload memory comes from (zero-filled unless the caller passes better). */
export type { AllocateBytes } from './byteSlab.ts';
// ——— Bytes, text and digests the protocol needs ———
/** The parts back to back in one array. */
export { concatBytes } from './bytes.ts';
/** What a close code means and whether it may be sent (RFC 6455 §7.4). */
export type { CloseCodeInfo } from './closeCodes.ts';
/** Looks a close code up. */
/** The close codes the RFC and IANA name, for tables. */
export { closeCodeInfo, wellKnownCloseCodes } from './closeCodes.ts';
/** A parsed close payload. */
export type { ParsedClose } from './closePayload.ts';
/** Parses a close frame's payload: code and reason, or what is wrong with it. */
/** Whether a close reason fits its 123 bytes (UTF-8 bytes, not characters), and why not, in words. */
/** A close reason's room: 125 bytes of control payload less the 2-byte code. */
export { checkCloseReason, maxCloseReasonBytes, parseClosePayload } from './closePayload.ts';
/** What `decodeFrames` returns: frames, the sender used, and any incomplete remainder. */
/** A frame with its fields annotated bit by bit, ready for any view. */
export type { AnnotatedFrame, DecodedBytes } from './decodeFrames.ts';
// ——— Decoding bytes into frames ———
/** Decodes a whole buffer into annotated frames, naming every violation (the README's first example). */
/** Guesses who sent the bytes from the first frame's MASK bit. */
export { decodeFrames, inferSender } from './decodeFrames.ts';
/** What `encodeFrame` builds: opcode, flags, payload, mask, a declared length. */
export type { FrameSpec } from './encoder.ts';
// ——— Encoding ———
/** Builds a frame's bytes from a spec, any rule breakable on purpose (for the lab). */
/** A payload given as text or bytes, as bytes. */
/** A close frame's payload: a 2-byte code, then a UTF-8 reason (RFC 6455 §5.5.1). */
export { closePayload, encodeFrame, payloadBytes } from './encoder.ts';
/** One annotated field of a frame. */
/** A field's name, as the RFC's figure spells it. */
/** A field's colour group (the three RSV bits are one). */
/** How many bytes a cut-short frame's header and payload still need (`annotateIncomplete`'s `needs`). */
export type { Field, FieldKind, FieldName, IncompleteNeeds } from './fields.ts';
// ——— Fields: every bit annotated ———
/** Annotates a frame's fields: name, bit offset and length, value, meaning in both languages. */
/** Annotates the fields of a frame cut short, as far as its bytes go. */
export { annotateFrame, annotateIncomplete } from './fields.ts';
// ——— Frames and their header ———
/** One decoded frame: header, payload (masked and unmasked), the chunks it came from, its violations. */
/** Where a frame's bytes sat in the chunks (TCP reads) they arrived in. */
export type { ChunkSpan, Frame } from './frame.ts';
/** The whole frame as it was on the wire: header bytes, then the payload as sent. */
export { frameWireBytes, wirePayloadOf } from './frame.ts';
/** The decoded header fields of a frame (RFC 6455 §5.2). */
/** Who sent a frame: the client (masks its frames) or the server (must not). */
/** The payload length's encoding: 7 bits, or 16 or 64 extended bits. */
/** What a decoder is told: who sent the bytes, the negotiated extension, the payload limit. */
export type { DecoderContext, FrameHeader, LengthForm, Sender } from './frameHeader.ts';
/** The payload limit used when none is given: 1 MiB, like the server's. */
/** The header's length in bytes, from its first two bytes. */
/** Parses a header, or says how many more bytes it needs. */
/** True when `parseFrameHeader` asked for more bytes instead of returning a header. */
export { defaultMaxPayload, headerLengthFrom, isHeaderNeed, parseFrameHeader } from './frameHeader.ts';
/** The steps `acceptKeySteps` returns. */
/** A parsed HTTP request or response head. */
/** One header line as it was written. */
/** A problem `checkUpgradeRequest` or `checkUpgradeResponse` found. */
export type { AcceptKeySteps, HandshakeProblem, HttpHeader, HttpMessage } from './handshake.ts';
// ——— The opening handshake ———
/** Sec-WebSocket-Accept for a key, step by step (key, GUID appended, SHA-1, base64) as the deck shows it. */
/** Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455 §4.2.2). */
/** The GUID every accept key appends (RFC 6455 §1.3). */
/** Parses an HTTP head byte-exact (casing, order and spacing kept), or null until it is complete. */
/** A header's value, by case-insensitive name. */
/** What is wrong with an upgrade request (RFC 6455 §4.1). */
/** What is wrong with a 101 response (RFC 6455 §4.1, client side). */
export {
  acceptKey,
  acceptKeySteps,
  checkUpgradeRequest,
  checkUpgradeResponse,
  headerValue,
  parseHttpHead,
  websocketGuid,
} from './handshake.ts';
/** What `parseHex` returns. */
/** Where and why hex could not be read. */
export type { HexError, HexResult } from './hex.ts';
/** Reads hex as people write it (spaces, colons, 0x…), or says where it is wrong. */
/** Bytes as hex, with an optional separator. */
export { parseHex, toHex } from './hex.ts';
/** An RFC 7230 token (a subprotocol's name), and a comma-separated list of them. */
export { isHttpToken, isSubprotocolList } from './httpToken.ts';
/** A text in both languages (English and Chinese). */
/** A language of the deck: 'en' or 'zh'. */
export type { Bilingual, Language } from './i18n.ts';
/** Makes a bilingual text. */
export { bilingual } from './i18n.ts';
/** XORs a payload with a 4-byte masking key (RFC 6455 §5.3). */
/** A fresh masking key from the platform's random source. */
export { applyMask, randomMaskingKey } from './mask.ts';
/** A data message as assembled from its frames. */
/** A ping, pong or close as the assembler reports it. */
/** Anything the assembler reports: a data message or a control event. */
export type { ControlEvent, DataMessage, WireEvent } from './messages.ts';
/** Reassembles messages from frames and checks the rules that span frames (RFC 6455 §5.4). */
export { MessageAssembler } from './messages.ts';
/** What an opcode is: name, control or data, meaning. */
export type { OpcodeInfo } from './opcodes.ts';
// ——— Opcodes, close codes, violations ———
/** The opcodes by name (text, binary, close, ping, pong, continuation). */
/** Looks an opcode up, reserved ones included. */
/** Every opcode from 0x0 to 0xF, for tables. */
/** True for close, ping and pong (opcodes 0x8 and above). */
export { allOpcodes, isControlOpcode, Opcode, opcodeInfo } from './opcodes.ts';
/** SHA-1 (FIPS 180-4), our own: the accept key is what we teach. */
export { sha1 } from './sha1.ts';
/** A streaming decoder of frames only (no message assembly), fed chunk by chunk. */
export { FrameStreamDecoder } from './streamDecoder.ts';
/** Streaming UTF-8 validation across fragments (RFC 6455 §8.1). */
/** True when the bytes are valid UTF-8. */
/** Text from bytes, invalid sequences shown as U+FFFD. */
export { decodeUtf8Lenient, isValidUtf8, Utf8Validator } from './utf8.ts';
/** A broken rule as data: its RFC section, the close code a peer would send, the bits it concerns. */
/** The name of a rule of RFC 6455 that a frame can break. */
export type { Rule, Violation } from './violations.ts';
/** Every rule, with its section, close code and explanation. */
/** Makes a violation of a rule. */
export { rules, violation } from './violations.ts';
/** What one `WireDecoder.push` produced. */
export type { WireOutput } from './wireDecoder.ts';
/** A streaming decoder of one direction: frames, assembled messages and violations as bytes arrive. */
export { WireDecoder } from './wireDecoder.ts';
