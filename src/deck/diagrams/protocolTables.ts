import { allOpcodes, closeCodeInfo, type Language } from '../../protocol/index.ts';
import { t } from '../strings.ts';
import { escapeHtml } from './escape.ts';

const hex = (opcode: number) => `0x${opcode.toString(16).toUpperCase()}`;

/** RFC 6455 §5.2 and §11.8: the sixteen opcodes, reserved ranges folded into one row each. */
export function renderOpcodeTable(lang: Language): string {
  const rows: string[] = [];
  for (let i = 0; i < allOpcodes.length; i++) {
    const info = allOpcodes[i]!;
    let last = i;
    if (info.reserved)
      while (allOpcodes[last + 1]?.reserved && allOpcodes[last + 1]!.control === info.control) last++;
    const code = last > i ? `${hex(info.opcode)}–${hex(allOpcodes[last]!.opcode)}` : hex(info.opcode);
    const kind = info.control ? t(lang, 'controlFrame') : t(lang, 'dataFrame');
    rows.push(
      `<tr${info.reserved ? ' class="muted"' : ''}><td class="hex">${code}</td><td>${escapeHtml(info.reserved ? '—' : info.name)}</td>` +
        `<td>${escapeHtml(kind)}</td><td>${escapeHtml(info.meaning[lang])}</td></tr>`,
    );
    i = last;
  }
  return (
    `<table class="opcode-table"><thead><tr><th>opcode</th><th>${t(lang, 'name')}</th><th>${t(lang, 'kind')}</th>` +
    `<th>${t(lang, 'meaning')}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** RFC 6455 §7.4 and the IANA registry, from the protocol core's table: which codes exist, which may be sent. */
export function renderCloseCodeTable(codes: readonly number[], lang: Language): string {
  const rows = codes.map((code) => {
    const info = closeCodeInfo(code);
    const range = code === 3000 ? '3000–3999' : code === 4000 ? '4000–4999' : String(code);
    return `<tr${info.mayBeSent ? '' : ' class="muted"'}><td class="hex">${range}</td><td>${escapeHtml(info.meaning[lang])}</td></tr>`;
  });
  return `<table class="close-code-table"><tbody>${rows.join('')}</tbody></table>`;
}
