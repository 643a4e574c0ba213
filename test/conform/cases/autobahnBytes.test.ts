import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import { findCase } from '../../../src/conform/cases/index.ts';
import { writesOf } from '../../../src/conform/net/runCase.ts';
import { runSuite } from '../../../src/conform/net/runSuite.ts';
import { parseTarget } from '../../../src/conform/net/target.ts';
import type { CaseDef } from '../../../src/conform/types.ts';
import { FrameStreamDecoder } from '../../../src/protocol/index.ts';
import { startTestServer } from '../../server/helpers.ts';

/**
 * Byte for byte, a sample of cases sends what Autobahn|Testsuite's case file sends (crossbario/
 * autobahn-testsuite, autobahntestsuite/case/case*.py). Masking keys are random, so frames are compared
 * unmasked: FIN, RSV, opcode, length form and payload, and the TCP writes they are cut into.
 */
type Sent = { fin: boolean; rsv: number; opcode: number; headerLength: number; payload: string };

function sent(id: string): { writes: number[]; frames: Sent[] } {
  const def: CaseDef = findCase(id)!;
  const writes: Uint8Array[] = def.steps.flatMap((step) => ('send' in step ? writesOf(step) : []));
  const decoder = new FrameStreamDecoder();
  const frames = writes.flatMap((bytes) => decoder.push(bytes));
  return {
    writes: writes.map((w) => w.length),
    frames: frames.map((f) => ({
      fin: f.fin,
      rsv: (f.rsv1 ? 4 : 0) | (f.rsv2 ? 2 : 0) | (f.rsv3 ? 1 : 0),
      opcode: f.opcode,
      headerLength: f.headerBytes.length,
      payload: new TextDecoder().decode(f.payload),
    })),
  };
}

const hello = 'Hello, world!';

describe("the bytes of Autobahn's cases", () => {
  it('3.6: a binary frame with RSV = 6 (the case says ping, its code sends opcode 2)', () => {
    expect(sent('3.6')).toEqual({
      writes: [2 + 4 + 13],
      frames: [{ fin: true, rsv: 6, opcode: 2, headerLength: 6, payload: hello }],
    });
  });

  it('3.7: a close with RSV = 7 and no payload', () => {
    expect(sent('3.7')).toEqual({
      writes: [6],
      frames: [{ fin: true, rsv: 7, opcode: 8, headerLength: 6, payload: '' }],
    });
  });

  it('4.1.5: text, reserved opcode 7 with the same payload, an empty ping, octet by octet', () => {
    const { writes, frames } = sent('4.1.5');
    expect(frames).toEqual([
      { fin: true, rsv: 0, opcode: 1, headerLength: 6, payload: hello },
      { fin: true, rsv: 0, opcode: 7, headerLength: 6, payload: hello },
      { fin: true, rsv: 0, opcode: 9, headerLength: 6, payload: '' },
    ]);
    expect(writes).toEqual(new Array(19 + 19 + 6).fill(1));
  });

  it('7.1.1: the text alone; the close is not part of the steps (it follows the echo)', () => {
    expect(sent('7.1.1')).toEqual({
      writes: [18],
      frames: [{ fin: true, rsv: 0, opcode: 1, headerLength: 6, payload: 'Hello World!' }],
    });
  });

  it('9.1.1: 64 KiB of "BAsd7&jh23" repeated, in one frame with a 64-bit length', () => {
    const { writes, frames } = sent('9.1.1');
    expect(writes).toEqual([2 + 8 + 4 + 65536]);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ fin: true, rsv: 0, opcode: 1, headerLength: 14 });
    expect(frames[0]!.payload).toBe('BAsd7&jh23'.repeat(6554).slice(0, 65536));
  });

  it('10.1.1: 65,536 "*" in 50 frames of 1,300 bytes and one of 536', () => {
    const { frames } = sent('10.1.1');
    expect(frames.map((f) => [f.opcode, f.fin, f.payload.length])).toEqual([
      [1, false, 1300],
      ...new Array(49).fill([0, false, 1300]),
      [0, true, 536],
    ]);
  });
});

describe('7.1.1 on the wire: the close goes out only after the echo came back', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('writes the text, reads the echo, then writes its close', async () => {
    const target = parseTarget(`ws://127.0.0.1:${server.port}/echo`);
    if ('error' in target) throw new Error(target.error);
    const run = await runSuite({ target, cases: [findCase('7.1.1')!] });
    const { transcript } = run.runs[0]!.observation;
    const directions = transcript.map((c) => c.direction);
    // Our text, the echo, our close, then the server's close (perhaps in the echo's read).
    expect(directions.slice(0, 3)).toEqual(['sent', 'received', 'sent']);
    expect(transcript[2]!.bytes[0]).toBe(0x88); // FIN + close
    expect(run.runs[0]!.verdict).toMatchObject({ result: 'pass', close: 'ok' });
  });
});
