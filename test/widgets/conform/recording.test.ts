import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deckCaseTable } from '../../../src/conform/cases/index.ts';
import { conformEndpoints } from '../../../src/conform/endpoints.ts';
import { type ConformRecording, recordedStates } from '../../../src/widgets/conform/recording.ts';

const recording = JSON.parse(
  readFileSync(new URL('../../../slides/recordings/conform.json', import.meta.url), 'utf8'),
) as ConformRecording;

describe('the recorded conformance run, as the static slide holds it', () => {
  it('is one finished run per endpoint, every case of the deck’s table by its id', () => {
    const states = recordedStates(recording, conformEndpoints);
    expect([...states.keys()]).toEqual(conformEndpoints.map((e) => e.id));
    for (const endpoint of conformEndpoints) {
      const state = states.get(endpoint.id)!;
      const run = recording.endpoints.find((r) => r.id === endpoint.id)!;
      expect(state.phase).toBe('done');
      if (state.phase !== 'done') continue;
      expect(state.durationMs).toBe(run.durationMs);
      expect([...state.cases.keys()].sort()).toEqual(deckCaseTable.map((c) => c.id).sort());
      expect(state.cases.get('1.1.1')).toBe(run.cases.find((c) => c.id === '1.1.1'));
    }
  });

  it('keeps the bytes that crossed: RFC 6455 §5.2, a reserved bit is refused with 1002 by both libraries', () => {
    const states = recordedStates(recording, conformEndpoints);
    for (const endpoint of conformEndpoints) {
      const state = states.get(endpoint.id)!;
      if (state.phase !== 'done') throw new Error(`${endpoint.id} is ${state.phase}`);
      const rsv = state.cases.get('3.1')!;
      expect(rsv.result).toBe('pass');
      // FIN + RSV3 + text, as the case wrote it; the server's close (with or without a reason) with 1002.
      expect(rsv.chunks.find((c) => c.d === 's')!.hex.slice(0, 2)).toBe('91');
      const close = rsv.chunks.find((c) => c.d === 'r')!.hex;
      expect(close.slice(0, 2)).toBe('88');
      expect(close.slice(4, 8)).toBe('03ea');
    }
  });

  it('leaves an endpoint the recording has no run of idle, and takes only the endpoints asked for', () => {
    const onlyWs = { ...recording, endpoints: recording.endpoints.filter((r) => r.id === 'ws') };
    const states = recordedStates(onlyWs, conformEndpoints);
    expect(states.get('ws')!.phase).toBe('done');
    expect(states.get('wsnode')).toEqual({ phase: 'idle' });
    const firstOnly = recordedStates(recording, conformEndpoints.slice(0, 1));
    expect([...firstOnly.keys()]).toEqual([conformEndpoints[0]!.id]);
  });
});
