import { Opcode } from '../../src/protocol/index.ts';
import type { LabPresetJson } from '../../src/shared/inspector/protocol.ts';
import {
  experimentBytes,
  type LabDirection,
  type LabExperiment,
  labExperiments,
} from '../../src/shared/labExperiments.ts';

/**
 * The frame lab's named experiments, as bytes. The table itself lives in the shared tier
 * (`src/shared/labExperiments.ts`), shared with the page, which shows what to expect; here it only
 * becomes bytes. Frames going to the browser are unmasked (RFC 6455 §5.1: a server MUST NOT mask) and
 * frames going to the server masked with a fresh key (a client MUST mask), unless a frame says otherwise
 * because breaking that rule is the experiment.
 */
export type { LabDirection };

/** One more, for the server's own use (tests, the terminal's smoke check): a plain, valid text frame. */
const hello: LabExperiment = {
  name: 'hello',
  title: { en: 'A plain text frame', zh: '普通文本帧' },
  directions: ['to-browser', 'to-server'],
  rfc: {
    section: '5.6',
    says: { en: 'Valid: the receiver gets a text message.', zh: '合法：接收方收到一条文本消息。' },
    receiver: { kind: 'accepts' },
  },
  frames: () => [{ opcode: Opcode.text, payload: 'hello from the frame lab' }],
};

export const labPresets: readonly LabExperiment[] = [hello, ...labExperiments];

export function findPreset(name: string): LabExperiment | undefined {
  return labPresets.find((preset) => preset.name === name);
}

/** The preset's bytes, one buffer: its frames back to back, as one write on the wire. */
export function presetBytes(preset: LabExperiment, direction: LabDirection, maxPayload: number): Buffer {
  const bytes = experimentBytes(preset, direction, maxPayload);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** How `welcome` lists a preset: the page's own copy of the table has the words. */
export function presetSummary(preset: LabExperiment): LabPresetJson {
  const { receiver, section } = preset.rfc;
  return {
    name: preset.name,
    directions: preset.directions,
    valid: receiver.kind === 'accepts',
    expectedClose: receiver.kind === 'accepts' ? null : receiver.code,
    rfc: `§${section}`,
  };
}
