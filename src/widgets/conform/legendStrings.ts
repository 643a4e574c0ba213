import type { Language } from '../../protocol/i18n.ts';

/**
 * The conformance legend's own words, in both languages: each case shows two marks per endpoint, as
 * Autobahn|Testsuite's report shows two columns, and the legend names both.
 */
const en = {
  behaviour: '1st mark, behaviour:',
  close: '2nd mark, closing handshake:',
};

const zh: typeof en = {
  behaviour: '第一个标记·行为：',
  close: '第二个标记·关闭握手：',
};

export type LegendTextKey = keyof typeof en;

export function legendText(lang: Language, key: LegendTextKey): string {
  return (lang === 'zh' ? zh : en)[key];
}
