import { describe, expect, it } from 'vitest';
import { checkAnswers, expectedAnswers, isRight, parseQuestions } from '../../src/shared/exercises.ts';

// The deck's "Decode it yourself" frame: its header and the first 8 payload bytes are enough here.
const frame = '81 fe 00 80 a1 b2 c3 d4 e9 db e2 f4 f8 dd b6 f4';

describe('class exercises: the right answers are read from the frame', () => {
  it('reads FIN, opcode, mask, length, key and the first characters with our decoder', () => {
    expect(expectedAnswers(frame, 4)).toEqual({
      fin: '1',
      opcode: '1',
      masked: 'yes',
      length: '128',
      key: 'a1 b2 c3 d4',
      text: 'Hi! ',
    });
    expect(expectedAnswers('81', 4)).toBeNull();
    expect(expectedAnswers('zz', 4)).toBeNull();
  });

  it('forgives how an answer is written, never what it says', () => {
    const expected = expectedAnswers(frame, 4)!;
    for (const given of ['1', '0x1', '0x01', 'opcode=1', ' 1 (text)'])
      expect(isRight('opcode', expected, given)).toBe(true);
    for (const given of ['2', '', 'text']) expect(isRight('opcode', expected, given)).toBe(false);
    for (const given of ['yes', 'Y', '是', '1']) expect(isRight('masked', expected, given)).toBe(true);
    expect(isRight('masked', expected, 'no')).toBe(false);
    for (const given of ['a1 b2 c3 d4', 'A1B2C3D4', '0xa1b2c3d4', 'a1:b2:c3:d4'])
      expect(isRight('key', expected, given)).toBe(true);
    expect(isRight('key', expected, 'a1 b2 c3')).toBe(false);
    expect(isRight('length', expected, '128')).toBe(true);
    expect(isRight('length', expected, '126')).toBe(false);
    for (const given of ['Hi!', '"Hi! "', 'Hi! ']) expect(isRight('text', expected, given)).toBe(true);
    for (const given of ['"Hi!"', 'hi!', 'Hi']) expect(isRight('text', expected, given)).toBe(false);
  });

  it('checks only the questions asked, in the order written', () => {
    expect(parseQuestions('opcode fin nonsense opcode')).toEqual(['opcode', 'fin']);
    expect(parseQuestions('')).toHaveLength(6);
    expect(checkAnswers({ frame, questions: ['fin', 'key'], textChars: 4 }, { fin: '1', key: 'ff' })).toEqual(
      {
        fin: true,
        key: false,
      },
    );
  });
});
