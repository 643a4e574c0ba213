import type { DataMessage, Sender } from '../protocol/index.ts';
import type { DeflateParameters } from './deflateParameters.ts';

/** What became of a compressed message once inflated (the same shape as the page's frame store keeps). */
export type InflatedMessage = {
  readonly bytes: Uint8Array;
  readonly length: number;
  readonly truncated: boolean;
  readonly error: string | null;
};

/**
 * One direction's raw-deflate stream, fed message after message, each with the RFC 7692 §7.2.2 tail
 * appended by the inflater. The page passes the session's DecompressionStream inflater, the CLI Node's zlib:
 * the core does no I/O and needs no platform.
 */
export type Inflater = { inflate(compressed: Uint8Array): Promise<InflatedMessage> };

/** A message to inflate in place: what a capture's direction decoder finds (its `CapturedMessage`). */
export type InflatableMessage = {
  readonly message: Pick<DataMessage, 'compressed' | 'payload'>;
  readonly sender: Sender;
  inflated: InflatedMessage | null;
};

/**
 * Inflates every compressed message of one direction in order. With context takeover (the default) one
 * inflater sees every message, as the peer's did; with `*_no_context_takeover` each message gets a fresh
 * one (RFC 7692 §7.1.1). A smaller max_window_bits needs nothing: a 32 KiB window reads any smaller one.
 */
export async function inflateMessages(
  messages: readonly InflatableMessage[],
  parameters: DeflateParameters,
  makeInflater: () => Inflater,
): Promise<void> {
  let shared: Inflater | null = null;
  for (const captured of messages) {
    if (!captured.message.compressed) continue;
    const fresh =
      captured.sender === 'client' ? parameters.clientNoContextTakeover : parameters.serverNoContextTakeover;
    if (!fresh && shared === null) shared = makeInflater();
    const inflater = fresh || shared === null ? makeInflater() : shared;
    captured.inflated = await inflater.inflate(captured.message.payload);
  }
}

/** Both directions of a connection, each with its own inflater (or one per message without context takeover). */
export async function inflateConnection(
  connection: {
    readonly deflate: DeflateParameters | null;
    readonly fromClient: { readonly messages: readonly InflatableMessage[] };
    readonly fromServer: { readonly messages: readonly InflatableMessage[] };
  },
  makeInflater: () => Inflater,
): Promise<void> {
  // Without a captured handshake, RSV1 is read as compression with the defaults (context takeover).
  const parameters = connection.deflate ?? {
    serverNoContextTakeover: false,
    clientNoContextTakeover: false,
    serverMaxWindowBits: null,
    clientMaxWindowBits: null,
  };
  await inflateMessages(connection.fromClient.messages, parameters, makeInflater);
  await inflateMessages(connection.fromServer.messages, parameters, makeInflater);
}
