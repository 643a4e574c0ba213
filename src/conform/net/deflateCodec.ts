import { constants, createDeflateRaw, createInflateRaw, type DeflateRaw, type InflateRaw } from 'node:zlib';

/**
 * permessage-deflate (RFC 7692) for the conformance client, on Node's zlib. The compressor is set up as
 * Autobahn's client sets up Python's zlib (default level, memLevel 8, the window the server allowed), so
 * the bytes on the wire are the ones Autobahn would send: both are zlib.
 */

/** RFC 7692 §7.2.1: a message ends with a sync flush, whose last four bytes (00 00 ff ff) are removed. */
const syncFlushTail = new Uint8Array([0x00, 0x00, 0xff, 0xff]);

/** Runs one zlib stream step: write, sync-flush, and collect what came out (the stream is never ended). */
function through(stream: DeflateRaw | InflateRaw, input: readonly Uint8Array[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const onData = (chunk: Buffer) => parts.push(chunk);
    const onError = (error: Error) => {
      stream.off('data', onData);
      reject(error);
    };
    stream.on('data', onData);
    stream.once('error', onError);
    for (const piece of input) stream.write(piece);
    stream.flush(constants.Z_SYNC_FLUSH, () => {
      stream.off('data', onData);
      stream.off('error', onError);
      resolve(new Uint8Array(Buffer.concat(parts)));
    });
  });
}

/** The negotiated parameters, from the client's side (RFC 7692 §7.1). */
export type DeflateParams = {
  /** The server asked us not to keep our window between messages. */
  readonly clientNoContextTakeover: boolean;
  /** The server will not keep its window: our inflater starts fresh for every message. */
  readonly serverNoContextTakeover: boolean;
  /** Our compressor's window, as the server allowed it (15 when it said nothing). */
  readonly clientMaxWindowBits: number;
};

export class MessageDeflater {
  private stream: DeflateRaw | null = null;

  constructor(private readonly params: DeflateParams) {}

  /** One message's compressed payload, the sync flush's tail removed. */
  async compress(message: Uint8Array): Promise<Uint8Array> {
    if (this.stream === null || this.params.clientNoContextTakeover) {
      this.stream?.close();
      // zlib refuses an 8-bit window for raw deflate and uses 9 (its 8 had a bug); a 9-bit window's
      // longest distance is 250 bytes, so what it writes still fits a peer's 256-byte window.
      this.stream = createDeflateRaw({
        level: constants.Z_DEFAULT_COMPRESSION,
        memLevel: 8,
        windowBits: Math.max(9, this.params.clientMaxWindowBits),
      });
    }
    const out = await through(this.stream, [message]);
    return out.subarray(0, out.length - syncFlushTail.length);
  }

  close(): void {
    this.stream?.close();
  }
}

export class MessageInflater {
  private stream: InflateRaw | null = null;

  constructor(private readonly params: DeflateParams) {}

  /** A message as sent, or a zlib error's message (bad deflate data is the server's fault). */
  async inflate(payload: Uint8Array): Promise<Uint8Array | { error: string }> {
    if (this.stream === null || this.params.serverNoContextTakeover) {
      this.stream?.close();
      // The largest window reads whatever window the server used (§7.1.2.1 only caps it).
      this.stream = createInflateRaw({ windowBits: 15 });
    }
    try {
      return await through(this.stream, [payload, syncFlushTail]);
    } catch (error) {
      this.stream = null;
      return { error: (error as Error).message };
    }
  }

  close(): void {
    this.stream?.close();
  }
}

/** One extension of a Sec-WebSocket-Extensions value: its name and parameters (RFC 7692 §5). */
export type ExtensionOffer = { readonly name: string; readonly params: ReadonlyMap<string, string | true> };

/** Parses a Sec-WebSocket-Extensions header value (RFC 6455 §9.1; quoted values unquoted). */
export function parseExtensions(value: string): ExtensionOffer[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const [name, ...rest] = item.split(';').map((part) => part.trim());
      const params = new Map<string, string | true>();
      for (const part of rest) {
        if (part === '') continue;
        const eq = part.indexOf('=');
        if (eq < 0) params.set(part.toLowerCase(), true);
        else
          params.set(
            part.slice(0, eq).trim().toLowerCase(),
            part
              .slice(eq + 1)
              .trim()
              .replace(/^"|"$/g, ''),
          );
      }
      return { name: name!.toLowerCase(), params };
    });
}

const windowBits = (value: string | true | undefined): number | null => {
  if (value === undefined || value === true) return null;
  return /^(8|9|1[0-5])$/.test(value) ? Number(value) : Number.NaN;
};

/**
 * The server's permessage-deflate answer as parameters, or what is wrong with it (RFC 7692 §7.1: known
 * parameters only, each once, window bits 8–15; a window the client did not offer is not for the server
 * to set). Null when the server accepted no permessage-deflate.
 */
export function acceptedDeflate(
  header: string | undefined,
  offers: readonly string[],
): DeflateParams | { problem: string } | null {
  if (header === undefined) return null;
  const accepted = parseExtensions(header);
  const deflate = accepted.filter((e) => e.name === 'permessage-deflate');
  if (accepted.length > deflate.length)
    return { problem: `the server accepted an extension that was not offered: ${header}` };
  if (deflate.length === 0) return null;
  if (deflate.length > 1) return { problem: 'the server accepted permessage-deflate twice' };
  const { params } = deflate[0]!;
  const known = [
    'client_no_context_takeover',
    'server_no_context_takeover',
    'client_max_window_bits',
    'server_max_window_bits',
  ];
  const unknown = [...params.keys()].filter((k) => !known.includes(k));
  if (unknown.length > 0) return { problem: `unknown permessage-deflate parameter: ${unknown.join(', ')}` };
  const client = windowBits(params.get('client_max_window_bits'));
  const server = windowBits(params.get('server_max_window_bits'));
  if (Number.isNaN(client) || Number.isNaN(server))
    return { problem: `a window size outside 8–15: ${header}` };
  const offeredClientBits = offers.some((o) => /client_max_window_bits/.test(o));
  if (client !== null && !offeredClientBits)
    return { problem: 'the server set client_max_window_bits, which the client did not offer' };
  return {
    clientNoContextTakeover: params.has('client_no_context_takeover'),
    serverNoContextTakeover: params.has('server_no_context_takeover'),
    clientMaxWindowBits: client ?? 15,
  };
}
