import { describe, expect, it } from 'vitest';
import { checkCloseReason, maxCloseReasonBytes } from '../../src/protocol/index.ts';

describe('a close reason is counted in bytes, not characters', () => {
  it('123 ASCII characters fit; 124 do not', () => {
    expect(checkCloseReason('x'.repeat(123))).toEqual({ bytes: 123, problem: null });
    expect(checkCloseReason('x'.repeat(124)).problem?.en).toContain('124 bytes');
  });

  it('41 Chinese characters fit (123 bytes); 42 fit the field but not the frame, and it says why', () => {
    expect(checkCloseReason('再'.repeat(41))).toEqual({ bytes: maxCloseReasonBytes, problem: null });
    const { bytes, problem } = checkCloseReason('再'.repeat(42));
    expect(bytes).toBe(126);
    expect(problem?.en).toContain('42 characters');
    expect(problem?.en).toContain('3 bytes');
    expect(problem?.en).toContain('Shorten it by 3 bytes');
    expect(problem?.zh).toContain('126 字节');
  });
});
