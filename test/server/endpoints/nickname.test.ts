import { describe, expect, it } from 'vitest';
import { checkNickname, lookAlike, nicknameSkeletons } from '../../../server/endpoints/nickname.ts';

/** Whether `wanted` may sit beside `owner` in the room: well-formed, one script, and not drawn alike. */
function acceptedBeside(owner: string, wanted: string): boolean {
  const checked = checkNickname(wanted);
  return checked.ok && !lookAlike(nicknameSkeletons(owner), nicknameSkeletons(checked.nick));
}

describe('UTS #39: nicknames by confusable skeleton, one script per name', () => {
  // The look-alikes issue 20 found accepted beside their owner, from Unicode's confusables table.
  const lookalikes: [owner: string, lookalike: string][] = [
    ['NINA', 'ΝΙΝΑ'], // Greek Ν Ι Α
    ['HANA', 'ΗΑΝΑ'], // Greek Η Α Ν
    ['MIA', 'ΜΙΑ'], // Greek Μ Ι Α
    ['ZETA', 'ΖΕΤΑ'], // Greek Ζ Ε Τ Α
    ['YAN', 'ΥΑΝ'], // Greek Υ Α Ν
    ['NAT', 'ꓠꓮꓔ'], // Lisu
    ['Tom', 'ꓔom'], // Lisu ꓔ among Latin: two scripts
    ['Ava', 'Ꭺva'], // Cherokee Ꭺ among Latin
    ['lily', 'ǀily'], // Latin ǀ (dental click), drawn as l
    ['iris', 'ıris'], // Latin dotless ı
    ['Yuki', 'Үuki'], // Cyrillic Ү among Latin
    ['Teacher', 'Τeacher'], // Greek Τ among Latin
    ['ana', 'ANA'], // case
    ['ana', 'ａｎａ'], // full width
  ];
  it.each(lookalikes)('refuses %s’s look-alike %s', (owner, wanted) => {
    expect(acceptedBeside(owner, wanted)).toBe(false);
  });

  it('accepts different names, and names in one script of any kind', () => {
    for (const [owner, wanted] of [
      ['ana', 'anna'],
      ['Ms Li', '李老师好'],
      ['bo', '山田さくら'],
      ['bo', '김민준'],
      ['bo', 'Ана'],
      ['bo', 'Ana María 2'],
      ['bo', 'Ana 小安'],
      ['bo', 'Tom トム'],
    ] as const) {
      expect(acceptedBeside(owner, wanted), wanted).toBe(true);
    }
  });

  it('says why a mixed-script name is refused', () => {
    expect(checkNickname('pаypal')).toEqual({ ok: false, message: expect.stringMatching(/one script/) });
  });
});
