import type { Bilingual } from './i18n.ts';

export const Opcode = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

export type OpcodeInfo = {
  readonly opcode: number;
  readonly name: string;
  readonly control: boolean;
  readonly reserved: boolean;
  readonly meaning: Bilingual;
};

const known: Record<number, Omit<OpcodeInfo, 'opcode' | 'reserved'>> = {
  0: {
    name: 'continuation',
    control: false,
    meaning: { en: 'continues a fragmented message', zh: '延续帧：接着上一个分片的消息' },
  },
  1: { name: 'text', control: false, meaning: { en: 'text message (UTF-8)', zh: '文本消息（UTF-8）' } },
  2: { name: 'binary', control: false, meaning: { en: 'binary message', zh: '二进制消息' } },
  8: { name: 'close', control: true, meaning: { en: 'close the connection', zh: '关闭连接' } },
  9: {
    name: 'ping',
    control: true,
    meaning: { en: 'ping: are you there?', zh: 'Ping：心跳检测，你还在吗？' },
  },
  10: {
    name: 'pong',
    control: true,
    meaning: { en: 'pong: the answer to a ping', zh: 'Pong：对 Ping 的回应' },
  },
};

/** RFC 6455 §5.2: opcodes 0x3–0x7 are reserved for further data frames, 0xB–0xF for further control frames. */
function describeOpcode(opcode: number): OpcodeInfo {
  const entry = known[opcode];
  if (entry) return { opcode, reserved: false, ...entry };
  const control = opcode >= 0x8;
  return {
    opcode,
    name: control ? 'reserved-control' : 'reserved-data',
    control,
    reserved: true,
    meaning: control
      ? { en: 'reserved for future control frames', zh: '保留给将来的控制帧' }
      : { en: 'reserved for future data frames', zh: '保留给将来的数据帧' },
  };
}

/** RFC 6455 §5.5: control frames are those whose opcode has the most significant bit set. */
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

export const allOpcodes: readonly OpcodeInfo[] = /* @__PURE__ */ Array.from({ length: 16 }, (_, opcode) =>
  describeOpcode(opcode),
);

/** The table entry of a 4-bit opcode (looked up per frame, so it is built once). */
export function opcodeInfo(opcode: number): OpcodeInfo {
  return allOpcodes[opcode & 0xf]!;
}
