import type { DeflateDataId } from '../types.ts';

/**
 * Stand-ins for the five files of Autobahn's testdata/ that cases 12.x and 13.x cut their messages from.
 * The files themselves are not ours to ship (a copyrighted PDF, the Lena photograph, Gutenberg's Faust with
 * its licence), so each stand-in is generated here, deterministically, with the file's exact size, its
 * message type (Autobahn sends the JSON and HTML as text, the rest as binary) and its kind of content
 * (repetitive markup, a smooth 8-bit bitmap, prose, already-compressed bytes), which is what decides how
 * hard the server's deflate and inflate work. docs/conform-autobahn.md lists this difference.
 */
export type DeflateData = {
  readonly id: DeflateDataId;
  /** Autobahn's description of the file, as its report prints it. */
  readonly description: string;
  readonly bytes: number;
  /** Autobahn's `binary` flag: the messages go as binary frames, else as text. */
  readonly binary: boolean;
};

/** In the order of Autobahn's 12.1–12.5 (its published reports); 13.x all use the JSON file. */
export const deflateData: readonly DeflateData[] = [
  { id: 'json_data1', description: 'Large JSON data file', bytes: 194_237, binary: false },
  { id: 'lena512', description: 'Lena Picture, Bitmap 512x512 bw', bytes: 263_222, binary: true },
  {
    id: 'gutenberg_faust',
    description: "Human readable text, Goethe's Faust I (German)",
    bytes: 222_218,
    binary: true,
  },
  { id: 'html_data1', description: 'Large HTML file', bytes: 379_709, binary: false },
  { id: 'ooms', description: 'A larger PDF', bytes: 1_042_328, binary: true },
];

export function deflateDataOf(id: DeflateDataId): DeflateData {
  return deflateData.find((d) => d.id === id)!;
}

/** A small, fixed pseudo-random sequence (xorshift32): the same bytes on every machine and run. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

const words = [
  'the',
  'socket',
  'frame',
  'message',
  'server',
  'client',
  'close',
  'ping',
  'pong',
  'text',
  'binary',
  'mask',
  'payload',
  'length',
  'opcode',
  'extension',
  'deflate',
  'window',
  'context',
  'takeover',
  'handshake',
  'upgrade',
  'connection',
  'protocol',
  'version',
  'key',
  'accept',
  'fragment',
  'continuation',
  'reserved',
];
const german = [
  'Habe',
  'nun',
  'ach',
  'Philosophie',
  'Juristerei',
  'und',
  'Medizin',
  'leider',
  'auch',
  'Theologie',
  'durchaus',
  'studiert',
  'mit',
  'heißem',
  'Bemühn',
  'Da',
  'steh',
  'ich',
  'armer',
  'Tor',
  'bin',
  'so',
  'klug',
  'als',
  'wie',
  'zuvor',
  'Geist',
  'Nacht',
  'Welt',
  'Mephistopheles',
  'Faust',
  'Gretchen',
  'Himmel',
  'Erde',
];

/** Fills exactly `size` bytes by repeating `piece(i)` (ASCII or UTF-8 cut at the end only if binary). */
function fill(size: number, piece: (i: number) => string): Uint8Array {
  const out = new Uint8Array(size);
  const encoder = new TextEncoder();
  let at = 0;
  for (let i = 0; at < size; i++) {
    const bytes = encoder.encode(piece(i));
    out.set(bytes.subarray(0, size - at), at);
    at += bytes.length;
  }
  return out;
}

function json(size: number): Uint8Array {
  const next = random(0x12_01);
  const word = () => words[next() % words.length]!;
  return fill(
    size,
    (i) =>
      `{"id": ${i}, "name": "${word()} ${word()}", "tags": ["${word()}", "${word()}"], "size": ${next() % 100_000}, "active": ${next() % 2 === 0}},\n`,
  );
}

function html(size: number): Uint8Array {
  const next = random(0x12_04);
  const word = () => words[next() % words.length]!;
  return fill(
    size,
    (i) =>
      `<tr class="row${i % 2}"><td><a href="/cases/${i}">${word()}</a></td><td>${word()} ${word()} ${word()}</td><td>${next() % 1000}</td></tr>\n`,
  );
}

function prose(size: number): Uint8Array {
  const next = random(0x12_03);
  return fill(size, (i) => `${german[next() % german.length]}${i % 11 === 10 ? '.\r\n' : ' '}`);
}

/** A 512×512 8-bit grey bitmap: BMP header, 256-entry grey palette, smooth shading with a little noise. */
function bitmap(size: number): Uint8Array {
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const pixels = 512 * 512;
  const offset = size - pixels;
  out.set([0x42, 0x4d]);
  view.setUint32(2, size, true);
  view.setUint32(10, offset, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, 512, true);
  view.setInt32(22, 512, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 8, true);
  view.setUint32(34, pixels, true);
  for (let grey = 0; grey < 256; grey++) out.set([grey, grey, grey, 0], 54 + grey * 4);
  const next = random(0x12_02);
  for (let y = 0; y < 512; y++) {
    for (let x = 0; x < 512; x++) {
      const shade = 128 + 60 * Math.sin(x / 37) * Math.cos(y / 23) + ((x * y) >> 12);
      out[offset + y * 512 + x] = (Math.round(shade) + (next() % 9)) & 0xff;
    }
  }
  return out;
}

/** Mostly bytes deflate cannot shrink (a PDF's compressed streams), between short runs of PDF syntax. */
function pdf(size: number): Uint8Array {
  const out = new Uint8Array(size);
  const next = random(0x12_05);
  const encoder = new TextEncoder();
  let at = 0;
  for (let object = 1; at < size; object++) {
    const head = encoder.encode(`${object} 0 obj\n<< /Length 4096 /Filter /FlateDecode >>\nstream\n`);
    out.set(head.subarray(0, size - at), at);
    at += head.length;
    for (let i = 0; i < 4096 && at < size; i++) out[at++] = next() & 0xff;
    const tail = encoder.encode('\nendstream\nendobj\n');
    if (at < size) out.set(tail.subarray(0, size - at), at);
    at += tail.length;
  }
  return out;
}

const makers: Record<DeflateDataId, (size: number) => Uint8Array> = {
  json_data1: json,
  lena512: bitmap,
  gutenberg_faust: prose,
  html_data1: html,
  ooms: pdf,
};

const made = new Map<DeflateDataId, Uint8Array>();

/** The data set's bytes, made once per process. */
export function deflateDataBytes(id: DeflateDataId): Uint8Array {
  let bytes = made.get(id);
  if (!bytes) {
    bytes = makers[id](deflateDataOf(id).bytes);
    made.set(id, bytes);
  }
  return bytes;
}

/**
 * Autobahn's sendOne: the next message is the `size` bytes after where the last one ended, wrapping to
 * the start of the data. Returns the message and where the next one starts.
 */
export function nextMessage(
  data: Uint8Array,
  from: number,
  size: number,
): { message: Uint8Array; next: number } {
  if (size === 0) return { message: new Uint8Array(0), next: from };
  const to = (from + size) % data.length;
  if (to > from) return { message: data.subarray(from, to), next: to };
  const message = new Uint8Array(size);
  message.set(data.subarray(from));
  message.set(data.subarray(0, to), data.length - from);
  return { message, next: to };
}
