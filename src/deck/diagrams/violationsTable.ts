import { type Language, type Rule, rules } from '../../protocol/index.ts';
import { type Behaviour, labExperiments, type MeasuredBrowser } from '../../shared/labExperiments.ts';
import { rfcVerdict } from '../../shared/labVerdict.ts';
import { t } from '../strings.ts';
import { escapeHtml } from './escape.ts';

/**
 * Every rule a frame can break, what RFC 6455 tells the receiver to do, and what each receiver was measured
 * doing: the frame lab's table, gathered on one slide. A browser cell reads "close frame it sent → code its
 * page saw"; a receiver breaking a MUST is marked ⚠.
 */
function cell(b: Behaviour | undefined, breaks: boolean, lang: Language): string {
  if (!b) return '<td class="muted">—</td>';
  let text: string;
  if (b.delivers) text = t(lang, 'vtDelivers');
  else {
    const wire =
      b.closeFrame === 'none'
        ? t(lang, 'vtNoClose')
        : b.closeFrame === null
          ? t(lang, 'vtEmptyClose')
          : `${b.closeFrame}`;
    const page =
      b.page && b.page !== 'open' ? ` → ${b.page.code}${b.page.clean ? ` ${t(lang, 'vtClean')}` : ''}` : '';
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
    `<table class="violations-table"><thead><tr><th>${t(lang, 'vtRule')}</th><th>${t(lang, 'vtRfc')}</th>` +
    `${browsers.map((b) => `<th>${b.name}</th>`).join('')}<th>${t(lang, 'vtWsServer')}</th></tr></thead>` +
    `<tbody>${rows.join('')}${rulesWithoutExperiment.map((rule) => unmeasuredRow(rule, lang)).join('')}</tbody></table>`
  );
}
