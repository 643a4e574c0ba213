import type { Language } from '../../protocol/index.ts';
import { t } from '../strings.ts';
import { renderAcceptSteps } from './acceptSteps.ts';
import { renderByteWalk } from './byteWalk.ts';
import { renderCachePoisoning } from './cachePoisoning.ts';
import { renderCloseCodeMap } from './closeCodeMap.ts';
import { frameBitsSegments, frameFormatSegments, renderFrameGrid } from './frameGrid.ts';
import { renderMaskingTable } from './maskingTable.ts';
import { renderCloseCodeTable, renderOpcodeTable } from './protocolTables.ts';
import { renderViolationsTable } from './violationsTable.ts';

/**
 * Static diagrams drawn from data: a slide writes `<div data-diagram="frame-format"></div>` (or
 * `frame-bits`, `masking`, `accept-steps` with their `data-*` inputs) and this fills it in, once per render,
 * so the diagrams also print.
 */
const renderers: Record<string, (el: HTMLElement, lang: Language) => string> = {
  'frame-format': (_el, lang) => renderFrameGrid(frameFormatSegments(lang), lang, t(lang, 'frameGridLabel')),
  'frame-bits': (el, lang) =>
    renderFrameGrid(
      frameBitsSegments(el.dataset.hex ?? '', Number(el.dataset.payloadBytes ?? 4), lang),
      lang,
      el.dataset.label ?? t(lang, 'frameGridLabel'),
    ),
  masking: (el, lang) => renderMaskingTable(el.dataset.hex ?? '', lang),
  'byte-walk': (el, lang) => renderByteWalk(el.dataset.hex ?? '', lang),
  'cache-poisoning': (_el, lang) => renderCachePoisoning(lang),
  'close-code-map': (_el, lang) => renderCloseCodeMap(lang),
  'accept-steps': (el, lang) => renderAcceptSteps(el.dataset.key ?? '', lang),
  opcodes: (_el, lang) => renderOpcodeTable(lang),
  'close-codes': (el, lang) => renderCloseCodeTable((el.dataset.codes ?? '').split(',').map(Number), lang),
  violations: (_el, lang) => renderViolationsTable(lang),
};

export function renderDiagrams(root: ParentNode, lang: Language): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-diagram]')) {
    const render = renderers[el.dataset.diagram ?? ''];
    if (!render) throw new Error(`unknown diagram "${el.dataset.diagram}"`);
    el.innerHTML = render(el, lang);
  }
}
