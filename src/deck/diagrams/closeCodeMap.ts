import { closeCodeInfo, type Language } from '../../protocol/index.ts';
import { t } from '../strings.ts';
import { escapeHtml } from './escape.ts';

/** RFC 6455 §7.4 and the IANA registry, every code and range, as the core's table has them. */
const rows: readonly { code: number; label?: string }[] = [
  { code: 1000 },
  { code: 1001 },
  { code: 1002 },
  { code: 1003 },
  { code: 1004 },
  { code: 1005 },
  { code: 1006 },
  { code: 1007 },
  { code: 1008 },
  { code: 1009 },
  { code: 1010 },
  { code: 1011 },
  { code: 1012 },
  { code: 1013 },
  { code: 1014 },
  { code: 1015 },
  { code: 3000, label: '3000–3999' },
  { code: 4000, label: '4000–4999' },
];

/** The browser's `close(code)` accepts 1000 and 3000–4999 only (WHATWG WebSockets, close()). */
function browserMaySend(code: number): boolean {
  return code === 1000 || (code >= 3000 && code <= 4999);
}

/** Codes that are only ever reported by an API, never written in a close frame (RFC 6455 §7.4.1). */
function onlyReported(code: number): boolean {
  return code === 1005 || code === 1006 || code === 1015;
}

/** Registry names that say nothing to a learner by themselves: the English map adds who sends it and why. */
const englishGloss: Readonly<Partial<Record<number, string>>> = {
  1010: 'client: an extension it needs was refused',
};

/** A short name: the registry's in English; in Chinese the core's meaning up to its first clause. */
function shortName(code: number, lang: Language): string {
  const info = closeCodeInfo(code);
  const gloss = englishGloss[code];
  if (lang === 'en' && gloss) return `${info.name} (${gloss})`;
  if (lang === 'en') return code >= 3000 ? info.meaning.en.split(',')[0]! : info.name;
  return info.meaning.zh.split(/[：，（]/)[0]!;
}

function row(entry: { code: number; label?: string }, lang: Language): string {
  const info = closeCodeInfo(entry.code);
  const tags: string[] = [];
  if (onlyReported(entry.code))
    tags.push(`<span class="cc-tag cc-never">${escapeHtml(t(lang, 'ccNeverOnWire'))}</span>`);
  else if (!info.mayBeSent)
    tags.push(`<span class="cc-tag cc-never">${escapeHtml(t(lang, 'ccReserved'))}</span>`);
  if (browserMaySend(entry.code)) tags.push(`<span class="cc-tag cc-browser">close() ✓</span>`);
  const kind = onlyReported(entry.code) ? ' class="cc-reported"' : info.mayBeSent ? '' : ' class="cc-unused"';
  return (
    `<tr${kind}><td class="hex">${entry.label ?? entry.code}</td>` +
    `<td>${escapeHtml(shortName(entry.code, lang))} ${tags.join(' ')}</td></tr>`
  );
}

/** The whole map of close codes in two columns, each code tagged: never on the wire, or usable by close(). */
export function renderCloseCodeMap(lang: Language): string {
  const half = Math.ceil(rows.length / 2);
  const table = (part: typeof rows) =>
    `<table class="close-code-map"><tbody>${part.map((entry) => row(entry, lang)).join('')}</tbody></table>`;
  return `<div class="close-code-columns">${table(rows.slice(0, half))}${table(rows.slice(half))}</div>`;
}
