import { type CaptureProblem, captureProblem } from './problems.ts';

/** One packet as a capture file holds it: which interface, when, and the bytes from the link layer up. */
export type CapturedPacket = {
  /** 1-based, in file order, as Wireshark numbers packets. */
  readonly number: number;
  readonly interfaceId: number;
  readonly linkType: number;
  /** Microseconds since the epoch (fractional when the file keeps nanoseconds). */
  readonly timestampMicros: number;
  readonly data: Uint8Array;
  /** The length on the wire; larger than `data` when the capture kept only a snapshot of the packet. */
  readonly originalLength: number;
};

export type CaptureInterface = { readonly linkType: number; readonly name: string | null };

export type CaptureFile = {
  readonly format: 'pcap' | 'pcapng';
  readonly interfaces: readonly CaptureInterface[];
  readonly packets: readonly CapturedPacket[];
  readonly problems: readonly CaptureProblem[];
};

const pcapMagic = {
  micro: 0xa1b2c3d4,
  nano: 0xa1b23c4d,
} as const;
const pcapngSectionHeader = 0x0a0d0d0a;

/** Reads a pcap or pcapng file whole. Never throws: what cannot be read is a problem in the result. */
export function readCaptureFile(bytes: Uint8Array): CaptureFile {
  if (bytes.length >= 4) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, false) === pcapngSectionHeader) return readPcapng(bytes, view);
    const big = view.getUint32(0, false);
    const little = view.getUint32(0, true);
    for (const [magic, nano] of [
      [pcapMagic.micro, false],
      [pcapMagic.nano, true],
    ] as const) {
      if (big === magic) return readPcap(bytes, view, false, nano);
      if (little === magic) return readPcap(bytes, view, true, nano);
    }
  }
  return {
    format: 'pcap',
    interfaces: [],
    packets: [],
    problems: [
      captureProblem(
        'not-a-capture',
        'not a pcap or pcapng file: it does not begin with either format’s magic number',
        '不是 pcap 或 pcapng 文件：开头不是这两种格式的魔数',
      ),
    ],
  };
}

function truncated(at: number): CaptureProblem {
  return captureProblem(
    'truncated-file',
    `the file ends inside a record at byte ${at}: the capture was cut short`,
    `文件在第 ${at} 字节的记录中间结束：抓包文件不完整`,
  );
}

/** Classic libpcap: a 24-byte header, then 16-byte record headers, one link type for the whole file. */
function readPcap(bytes: Uint8Array, view: DataView, little: boolean, nano: boolean): CaptureFile {
  const problems: CaptureProblem[] = [];
  const packets: CapturedPacket[] = [];
  if (bytes.length < 24) return { format: 'pcap', interfaces: [], packets, problems: [truncated(0)] };
  // The link type's top bits carry the FCS length (pcap-savefile §LinkType); the type is the low 16.
  const linkType = view.getUint32(20, little) & 0xffff;
  let at = 24;
  while (at < bytes.length) {
    if (at + 16 > bytes.length) {
      problems.push(truncated(at));
      break;
    }
    const seconds = view.getUint32(at, little);
    const fraction = view.getUint32(at + 4, little);
    const included = view.getUint32(at + 8, little);
    const original = view.getUint32(at + 12, little);
    if (at + 16 + included > bytes.length) {
      problems.push(truncated(at));
      break;
    }
    packets.push({
      number: packets.length + 1,
      interfaceId: 0,
      linkType,
      timestampMicros: seconds * 1e6 + (nano ? fraction / 1000 : fraction),
      data: bytes.subarray(at + 16, at + 16 + included),
      originalLength: original,
    });
    at += 16 + included;
  }
  return { format: 'pcap', interfaces: [{ linkType, name: null }], packets, problems };
}

type PcapngInterface = CaptureInterface & { ticksPerSecond: number };

/**
 * pcapng (draft-ietf-opsawg-pcapng): blocks of type, length, body, length. Interfaces are numbered per
 * section; each has its own link type and timestamp resolution (option if_tsresol, microseconds if absent).
 */
function readPcapng(bytes: Uint8Array, view: DataView): CaptureFile {
  const problems: CaptureProblem[] = [];
  const packets: CapturedPacket[] = [];
  const allInterfaces: PcapngInterface[] = [];
  let sectionInterfaces: PcapngInterface[] = [];
  let little = true;
  let at = 0;
  const unknownBlocks = new Set<number>();
  while (at < bytes.length) {
    if (at + 12 > bytes.length) {
      problems.push(truncated(at));
      break;
    }
    let type = view.getUint32(at, little);
    if (view.getUint32(at, false) === pcapngSectionHeader) {
      // A new section: its byte-order magic decides how everything in it is read.
      little = view.getUint32(at + 8, true) === 0x1a2b3c4d;
      type = pcapngSectionHeader;
      sectionInterfaces = [];
    }
    const length = view.getUint32(at + 4, little);
    if (length < 12 || length % 4 !== 0 || at + length > bytes.length) {
      problems.push(truncated(at));
      break;
    }
    const body = at + 8;
    const bodyEnd = at + length - 4;
    if (type === 0x00000001) {
      const linkType = view.getUint16(body, little);
      const options = readOptions(bytes, view, body + 8, bodyEnd, little);
      const interfaceRecord: PcapngInterface = {
        linkType,
        name: options.get(2) ? new TextDecoder().decode(options.get(2)) : null,
        ticksPerSecond: ticksPerSecond(options.get(9)),
      };
      sectionInterfaces.push(interfaceRecord);
      allInterfaces.push(interfaceRecord);
    } else if (type === 0x00000006 || type === 0x00000003) {
      const enhanced = type === 0x00000006;
      const interfaceId = enhanced ? view.getUint32(body, little) : 0;
      const known = sectionInterfaces[interfaceId];
      if (!known) {
        problems.push(
          captureProblem(
            'malformed-packet',
            `packet refers to interface ${interfaceId}, which the file never described`,
            `数据包引用了文件中未描述的接口 ${interfaceId}`,
            packets.length + 1,
          ),
        );
      } else {
        let timestampMicros = 0;
        let included: number;
        let original: number;
        let dataStart: number;
        if (enhanced) {
          const ticks = view.getUint32(body + 4, little) * 2 ** 32 + view.getUint32(body + 8, little);
          timestampMicros = (ticks / known.ticksPerSecond) * 1e6;
          included = view.getUint32(body + 12, little);
          original = view.getUint32(body + 16, little);
          dataStart = body + 20;
        } else {
          original = view.getUint32(body, little);
          included = Math.min(original, bodyEnd - body - 4);
          dataStart = body + 4;
        }
        if (dataStart + included > bodyEnd) {
          problems.push(truncated(at));
          break;
        }
        packets.push({
          number: packets.length + 1,
          interfaceId: allInterfaces.indexOf(known),
          linkType: known.linkType,
          timestampMicros,
          data: bytes.subarray(dataStart, dataStart + included),
          originalLength: original,
        });
      }
    } else if (type !== pcapngSectionHeader && type !== 0x00000005 && type !== 0x00000004) {
      // Statistics (5) and name resolution (4) blocks carry nothing we draw; others are named once.
      if (type !== 0x0000000a && !unknownBlocks.has(type)) {
        unknownBlocks.add(type);
        problems.push(
          captureProblem(
            'unsupported-block',
            `skipped pcapng blocks of type 0x${type.toString(16)}`,
            `跳过了类型为 0x${type.toString(16)} 的 pcapng 块`,
          ),
        );
      }
    }
    at += length;
  }
  return {
    format: 'pcapng',
    interfaces: allInterfaces.map(({ linkType, name }) => ({ linkType, name })),
    packets,
    problems,
  };
}

function readOptions(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  end: number,
  little: boolean,
): Map<number, Uint8Array> {
  const options = new Map<number, Uint8Array>();
  let at = start;
  while (at + 4 <= end) {
    const code = view.getUint16(at, little);
    const length = view.getUint16(at + 2, little);
    if (code === 0 || at + 4 + length > end) break;
    options.set(code, bytes.subarray(at + 4, at + 4 + length));
    at += 4 + Math.ceil(length / 4) * 4;
  }
  return options;
}

/** if_tsresol: top bit clear, a power of ten; set, a power of two. Absent: microseconds. */
function ticksPerSecond(option: Uint8Array | undefined): number {
  if (!option || option.length < 1) return 1e6;
  const value = option[0]!;
  return value & 0x80 ? 2 ** (value & 0x7f) : 10 ** value;
}
