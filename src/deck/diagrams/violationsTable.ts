import { type Language, type Rule, rules } from '../../protocol/index.ts';
import { type Behaviour, labExperiments, type MeasuredBrowser } from '../../shared/labExperiments.ts';
import { rfcVerdict } from '../../shared/labVerdict.ts';
import { escapeHtml } from './escape.ts';

/**
 * Every rule a frame can break, what RFC 6455 tells the receiver to do, and what each receiver was measured
 * doing: the frame lab's table, gathered on one slide. A browser cell reads "close frame it sent → code its
 * page saw"; a receiver breaking a MUST is marked ⚠.
 */
const words = {
  rule: { en: 'Rule broken', zh: '违反的规则' },
  rfc: { en: 'RFC: fail, close', zh: 'RFC：断开，关闭码' },
  wsServer: { en: 'ws (server)', zh: 'ws（服务器）' },
  noClose: { en: 'none', zh: '无' },
  emptyClose: { en: 'empty', zh: '空' },
  clean: { en: 'clean', zh: '干净' },
  delivers: { en: 'delivers it', zh: '交付了消息' },
} as const;

function cell(b: Behaviour | undefined, breaks: boolean, lang: Language): string {
  if (!b) return '<td class="muted">—</td>';
  let text: string;
  if (b.delivers) text = words.delivers[lang];
  else {
    const wire =
      b.closeFrame === 'none'
        ? words.noClose[lang]
        : b.closeFrame === null
          ? words.emptyClose[lang]
          : `${b.closeFrame}`;
    const page =
      b.page && b.page !== 'open' ? ` → ${b.page.code}${b.page.clean ? ` ${words.clean[lang]}` : ''}` : '';
    text = wire + page;
  }
  return breaks ? `<td class="departs">⚠ ${escapeHtml(text)}</td>` : `<td>${escapeHtml(text)}</td>`;
}

/**
 * Rules of the core's table (src/protocol/violations.ts) that no lab experiment breaks yet: listed with
 * their section and close code, their receivers not measured (a dash, never a guess).
 */
const rulesWithoutExperiment: readonly Rule[] = ['non-minimal-length'];

function unmeasuredRow(rule: Rule, lang: Language): string {
  const { section, closeCode } = rules[rule];
  const text = rules[rule][lang];
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  const dash = '<td class="muted">—</td>';
  return (
    `<tr data-rule="${rule}"><td>${escapeHtml(sentence)}</td>` +
    `<td>§${section} · <strong>${closeCode}</strong></td>${dash}${dash}${dash}</tr>`
  );
}

export function renderViolationsTable(lang: Language): string {
  const browsers: { id: MeasuredBrowser; name: string }[] = [
    { id: 'chromium', name: 'Chromium' },
    { id: 'firefox', name: 'Firefox' },
  ];
  const rows = labExperiments
    .filter((experiment) => experiment.rfc.receiver.kind === 'fails')
    .map((experiment) => {
      const { rfc } = experiment;
      const code = rfc.receiver.kind === 'fails' ? rfc.receiver.code : 0;
      const browserCells = browsers.map(({ id }) => {
        const b = experiment.browsers?.[id];
        return cell(b, b !== undefined && rfcVerdict(rfc, b).kind === 'breaks', lang);
      });
      const server = experiment.server;
      return (
        `<tr data-experiment="${experiment.name}"><td>${escapeHtml(experiment.title[lang])}</td>` +
        `<td>§${rfc.section} · <strong>${code}</strong></td>${browserCells.join('')}` +
        `${server ? `<td>${server.closeFrame}</td>` : '<td class="muted">—</td>'}</tr>`
      );
    });
  return (
    `<table class="violations-table"><thead><tr><th>${words.rule[lang]}</th><th>${words.rfc[lang]}</th>` +
    `${browsers.map((b) => `<th>${b.name}</th>`).join('')}<th>${words.wsServer[lang]}</th></tr></thead>` +
    `<tbody>${rows.join('')}${rulesWithoutExperiment.map((rule) => unmeasuredRow(rule, lang)).join('')}</tbody></table>`
  );
}
