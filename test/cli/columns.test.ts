import { describe, expect, it } from 'vitest';
import { columns, padColumns } from '../../src/cli/columns.ts';

describe('terminal columns', () => {
  it('counts Chinese characters and full-width punctuation as two columns', () => {
    expect(columns('FIN')).toBe(3);
    expect(columns('掩码键')).toBe(6);
    expect(columns('SHA-1（十六进制）')).toBe(5 + 2 * 6);
  });

  it('pads to the same width whatever the script', () => {
    expect(padColumns('负载长度', 10)).toBe('负载长度  ');
    expect(padColumns('opcode', 10)).toBe('opcode    ');
    expect(padColumns('too long for it', 4)).toBe('too long for it');
  });
});
