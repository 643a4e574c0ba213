// ws101's capture core: pcap/pcapng files and HAR exports to WebSocket frames, pure TypeScript (no DOM, no
// Node), so the page, its worker and the CLI read captures with the same code. The public API, name by name.

export type { CapturedPacket, CaptureFile, CaptureInterface } from './captureFile.ts';
/** Reads a pcap or pcapng file into packets (interfaces, link types, timestamps). */
export { readCaptureFile } from './captureFile.ts';
export type { Endpoint, RoleEvidence, TcpConnection } from './connections.ts';
export type { CaptureOptions, DecodedCapture } from './decodeCapture.ts';
/** A capture file to WebSocket connections, every frame decoded by the protocol core. */
export { decodeCapture } from './decodeCapture.ts';
export type { DeflateParameters } from './deflateParameters.ts';
export type { CapturedFrame, CapturedMessage, DirectionDecode, StreamMark } from './directionDecoder.ts';
export type { FrameRows } from './frameColumns.ts';
/** A connection's frames as typed-array columns (the page's frame list of a large capture). */
export { FrameRowsBuilder, RowBit, rowBuffers, senderOfRow } from './frameColumns.ts';
export type { ConnectionSummary, ControlRow, FrameDetailData, IndexStep } from './frameIndex.ts';
/** A capture indexed in batches of rows, each frame decoded in full again only when shown. */
export { CaptureIndex } from './frameIndex.ts';
/** A HAR export's WebSocket entries, frames re-encoded from messages and marked as reconstructed. */
export { decodeHar, reconstructedNote } from './har.ts';
export type { InflatedMessage, Inflater } from './inflate.ts';
/** Inflates one direction's compressed messages with the negotiated context takeover. */
export { inflateConnection, inflateMessages } from './inflate.ts';
export { LinkType } from './linkLayer.ts';
/** Recorded connections (real bytes, real ports, tap timestamps) as a pcapng Wireshark opens. */
/** Synthesized packets, in the order given, as a pcapng file. */
export { packetsPcapng, sessionPcapng } from './pcapngWriter.ts';
export type { CaptureProblem } from './problems.ts';
export type { RecordedChunk, RecordedConnection, TcpPacket } from './synthesizedPackets.ts';
/** The TCP segments a recorded connection would have made (handshake, data, FINs). */
export { TcpFlag, tcpPackets } from './synthesizedPackets.ts';
export type { TcpSegment } from './tcpSegment.ts';
export type { ReassembledStream, StreamPiece } from './tcpStream.ts';
/** Puts one direction's TCP segments back in order, gaps kept as gaps. */
export { reassembleStream } from './tcpStream.ts';
export type {
  CaptureConnection,
  Handshake,
  OtherConnection,
  TlsConnection,
  WebSocketConnection,
} from './websocketCapture.ts';
