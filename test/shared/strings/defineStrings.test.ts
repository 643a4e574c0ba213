import { describe, expect, it } from 'vitest';
import { defineStrings } from '../../../src/shared/strings/defineStrings.ts';

const base = defineStrings({ en: { client: 'client' }, zh: { client: '客户端' } });
const strings = defineStrings(
  {
    en: { greeting: 'Hello {name}, {count} new', plain: 'Close' },
    zh: { greeting: '{name}，你好：{count} 条新消息', plain: '关闭' },
  },
  base,
);

describe('a lookup', () => {
  it('fills every placeholder of the language asked for, in that language’s order', () => {
    expect(strings.t('en', 'greeting', { name: 'Ada', count: 3 })).toBe('Hello Ada, 3 new');
    expect(strings.t('zh', 'greeting', { name: 'Ada', count: 3 })).toBe('Ada，你好：3 条新消息');
  });

  it('never reads a value as a template: braces in a value stay as they came', () => {
    expect(strings.t('en', 'greeting', { name: '{count}', count: 1 })).toBe('Hello {count}, 1 new');
  });

  it('gives both languages at once, for verdicts that carry both as data', () => {
    expect(strings.both('plain')).toEqual({ en: 'Close', zh: '关闭' });
  });

  it('adds a base’s words to the feature’s, but lists only its own keys', () => {
    expect(strings.t('zh', 'client')).toBe('客户端');
    expect(strings.keys).toEqual(['greeting', 'plain']);
    expect(strings.has('client')).toBe(true);
    expect(strings.has('server')).toBe(false);
  });
});

/**
 * What the compiler refuses (`npm run typecheck` fails if one of these lines compiles, because a
 * `@ts-expect-error` that has no error is itself an error). The calls run too, so each is also a value.
 */
describe('what does not compile', () => {
  it('refuses a lookup without the values its key names, or with values a plain key does not take', () => {
    // @ts-expect-error: greeting needs { name, count }
    expect(strings.t('en', 'greeting')).toBe('Hello {name}, {count} new');
    // @ts-expect-error: count is missing
    expect(strings.t('en', 'greeting', { name: 'Ada' })).toBe('Hello Ada, {count} new');
    // @ts-expect-error: plain has no placeholder
    expect(strings.t('en', 'plain', { name: 'Ada' })).toBe('Close');
    // @ts-expect-error: no such key
    expect(strings.t('en', 'nowhere')).toBe('nowhere');
  });

  it('refuses a zh that misses a key, adds one, or changes a placeholder', () => {
    // @ts-expect-error: zh lacks b
    expect(defineStrings({ en: { a: 'A', b: 'B' }, zh: { a: '甲' } }).keys).toEqual(['a', 'b']);
    expect(
      defineStrings({
        en: { a: 'A' },
        zh: {
          a: '甲',
          // @ts-expect-error: en has no b
          b: '乙',
        },
      }).keys,
    ).toEqual(['a']);
    expect(
      defineStrings({
        en: { a: '{n} bytes' },
        zh: {
          // @ts-expect-error: {count} is not en's {n}
          a: '{count} 字节',
        },
      }).t('zh', 'a', { n: 2 }),
    ).toBe('{count} 字节');
    expect(
      defineStrings({
        en: { a: '{n} of {total}' },
        zh: {
          // @ts-expect-error: {total} dropped
          a: '第 {n} 个',
        },
      }).keys,
    ).toEqual(['a']);
  });

  it('refuses a feature key that its base already has: each word has one home', () => {
    // @ts-expect-error: client is the base's
    expect(defineStrings({ en: { client: 'c' }, zh: { client: '客' } }, base).t('en', 'client')).toBe('c');
  });
});
