import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One WebSocket frame as tshark's own dissector reads it, in the words we compare on. */
export type TsharkFrame = {
  readonly packet: number;
  readonly sourcePort: number;
  readonly fin: boolean;
  /** RSV1..RSV3 as tshark shows them: a 3-bit number, RSV1 the high bit. */
  readonly rsv: number;
  readonly opcode: number;
  readonly masked: boolean;
  readonly lengthCode: number;
  readonly extendedLength: number | null;
  readonly maskingKey: string | null;
  /** Hex of the payload as sent (masked when MASK is 1). */
  readonly wirePayload: string;
  /** Hex of the payload unmasked (still compressed when RSV1 is set). */
  readonly payload: string;
  /** The text tshark shows (inflated when compressed), for text frames. */
  readonly text: string | null;
  readonly closeCode: number | null;
};

type Layer = Record<string, unknown>;

const rawHex = (layer: Layer, name: string): string | null => {
  const raw = layer[`${name}_raw`];
  return Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : null;
};

/**
 * Every WebSocket frame in a capture, in packet order, from `tshark -T json -x`. Two frames in one packet are
 * two `websocket` keys in one object: `--no-duplicate-keys` makes them an array.
 */
export async function tsharkFrames(file: string): Promise<TsharkFrame[]> {
  const { stdout } = await run(
    'tshark',
    ['-r', file, '-Y', 'websocket', '-T', 'json', '--no-duplicate-keys', '-x', '-J', 'frame tcp websocket'],
    {
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  const packets = JSON.parse(stdout) as { _source: { layers: Record<string, Layer | Layer[]> } }[];
  const frames: TsharkFrame[] = [];
  for (const { _source } of packets) {
    const layers = _source.layers;
    const frame = layers.frame as Layer;
    const tcp = layers.tcp as Layer;
    const websocket = layers.websocket;
    for (const layer of Array.isArray(websocket) ? websocket : [websocket!]) {
      const payloadTree = (layer['websocket.payload'] ?? {}) as Layer;
      const masked = layer['websocket.mask'] === '1';
      const payload = rawHex(layer, 'websocket.payload') ?? '';
      const extended = layer['websocket.payload_length_ext_16'] ?? layer['websocket.payload_length_ext_64'];
      const close = (payloadTree['websocket.payload.close'] ?? {}) as Layer;
      frames.push({
        packet: Number(frame['frame.number']),
        sourcePort: Number(tcp['tcp.srcport']),
        fin: layer['websocket.fin'] === '1',
        rsv: Number.parseInt(String(layer['websocket.rsv']), 16),
        opcode: Number(layer['websocket.opcode']),
        masked,
        lengthCode: Number(layer['websocket.payload_length']),
        extendedLength: extended === undefined ? null : Number(extended),
        maskingKey: rawHex(layer, 'websocket.masking_key'),
        wirePayload: masked ? (rawHex(layer, 'websocket.masked_payload') ?? '') : payload,
        payload,
        text:
          typeof payloadTree['websocket.payload.text'] === 'string'
            ? payloadTree['websocket.payload.text']
            : null,
        closeCode:
          close['websocket.payload.close.status_code'] === undefined
            ? null
            : Number(close['websocket.payload.close.status_code']),
      });
    }
  }
  return frames;
}

/** tshark's count of packets its dissectors flagged as malformed (expert info "Malformed Packet"). */
export async function tsharkMalformedCount(file: string): Promise<number> {
  const { stdout } = await run('tshark', [
    '-r',
    file,
    '-Y',
    '_ws.malformed',
    '-T',
    'fields',
    '-e',
    'frame.number',
  ]);
  return stdout.split('\n').filter((line) => line.trim() !== '').length;
}
