import { describe, expect, it } from 'vitest';
import { decodeCapture, readCaptureFile, sessionPcapng } from '../../src/capture/index.ts';
import { echoSession } from '../helpers/captureSession.ts';

/** A classic pcap of one packet, in either byte order and either timestamp resolution. */
function classicPcap(
  little: boolean,
  nano: boolean,
  data: Uint8Array,
  seconds: number,
  fraction: number,
): Uint8Array {
  const out = new Uint8Array(24 + 16 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, nano ? 0xa1b23c4d : 0xa1b2c3d4, little);
  view.setUint16(4, 2, little);
  view.setUint16(6, 4, little);
  view.setUint32(16, 65535, little);
  view.setUint32(20, 101, little);
  view.setUint32(24, seconds, little);
  view.setUint32(28, fraction, little);
  view.setUint32(32, data.length, little);
  view.setUint32(36, data.length, little);
  out.set(data, 40);
  return out;
}

describe('pcap (libpcap savefile)', () => {
  const ip = Uint8Array.of(0x45, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1);
  it('reads either byte order and either resolution, timestamps in microseconds', () => {
    for (const little of [true, false]) {
      const micro = readCaptureFile(classicPcap(little, false, ip, 10, 250));
      expect(micro.packets[0]).toMatchObject({ number: 1, linkType: 101, timestampMicros: 10_000_250 });
      const nano = readCaptureFile(classicPcap(little, true, ip, 10, 250_500));
      expect(nano.packets[0]!.timestampMicros).toBe(10_000_250.5);
    }
  });

  it('a file cut inside a record keeps the packets before it and says where it ends', () => {
    const whole = classicPcap(true, false, ip, 1, 0);
    const file = readCaptureFile(whole.subarray(0, whole.length - 3));
    expect(file.packets).toHaveLength(0);
    expect(file.problems.map((p) => p.kind)).toEqual(['truncated-file']);
  });

  it('anything else is named, not thrown', () => {
    const file = readCaptureFile(new TextEncoder().encode('{"log":{"entries":[]}}'));
    expect(file.problems.map((p) => p.kind)).toEqual(['not-a-capture']);
  });
});

describe('pcapng', () => {
  it('reads what ws101 writes, interface by interface, microseconds from if_tsresol', () => {
    const session = echoSession();
    const file = readCaptureFile(sessionPcapng([session]));
    expect(file.format).toBe('pcapng');
    expect(file.interfaces).toEqual([{ linkType: 1, name: 'ws101 tap' }]);
    expect(file.packets[3]!.timestampMicros).toBe(session.chunks[0]!.timestampMicros);
  });
});

describe('TLS', () => {
  it('is recognised from its first record and explained, not decoded', () => {
    const session = echoSession();
    const hello = Uint8Array.of(0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0);
    const tls = { ...session, chunks: [{ ...session.chunks[0]!, bytes: hello }, ...session.chunks.slice(2)] };
    const [connection] = decodeCapture(sessionPcapng([tls])).connections;
    expect(connection?.kind).toBe('tls');
    expect(connection?.kind === 'tls' ? connection.explanation.en : '').toContain('encrypted');
  });
});
