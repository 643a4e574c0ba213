import { acceptKeySteps, base64Decode, type Language, websocketGuid } from '../../protocol/index.ts';
import { h } from '../shared/dom.ts';
import { t } from './strings.ts';

export const rfcExampleKey = 'dGhlIHNhbXBsZSBub25jZQ==';
/** RFC 6455 §1.3's answer to that key. */
export const rfcExampleAccept = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

export type AcceptCalculator = {
  readonly element: HTMLElement;
  /** The key and (optionally) the expected answer (the server's, or the RFC's), to check the result against. */
  setKey(key: string, expectedAccept?: string | null, source?: 'server' | 'rfc'): void;
};

/**
 * Sec-WebSocket-Accept step by step (RFC 6455 §4.2.2): key + GUID → SHA-1 → base64, computed in the page
 * by the protocol core's own SHA-1 (no crypto.subtle, so it works from a file and offline).
 */
export function createAcceptCalculator(
  lang: Language,
  options: { realKey?: () => { key: string; accept: string | null } | null } = {},
): AcceptCalculator {
  const input = h('input', {
    type: 'text',
    class: 'ws-input ws-accept-input',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-label': t(lang, 'tryKey'),
  });
  const keyNote = h('p', { class: 'ws-accept-note', 'aria-live': 'polite' });
  const steps = h('ol', { class: 'ws-accept-steps' });
  const check = h('p', { class: 'ws-accept-check', 'aria-live': 'polite' });
  const example = h('button', { type: 'button', class: 'ws-button', text: t(lang, 'rfcExample') });
  const useReal = h('button', { type: 'button', class: 'ws-button', text: t(lang, 'useRealKey') });
  const element = h(
    'div',
    { class: 'ws-accept' },
    h('label', { class: 'ws-accept-label' }, h('span', { text: t(lang, 'tryKey') }), input),
    h('div', { class: 'ws-accept-buttons' }, example, options.realKey ? useReal : null),
    keyNote,
    steps,
    check,
  );
  let serverAccept: string | null = null;
  let source: 'server' | 'rfc' = 'server';

  function draw(): void {
    const key = input.value;
    const result = acceptKeySteps(key);
    const decoded = base64Decode(key.trim());
    keyNote.textContent = decoded?.length === 16 ? '' : `⚠ ${t(lang, 'keyNot16')}`;
    steps.replaceChildren(
      h(
        'li',
        {},
        h('span', { class: 'ws-step-label', text: t(lang, 'stepKey') }),
        h('code', { text: key || '∅' }),
      ),
      h(
        'li',
        {},
        h('span', { class: 'ws-step-label', text: t(lang, 'stepConcat') }),
        h('code', {}, key, h('mark', { class: 'ws-guid', text: websocketGuid })),
      ),
      h(
        'li',
        {},
        h('span', { class: 'ws-step-label', text: t(lang, 'stepSha1') }),
        h('code', { class: 'ws-sha1', text: result.sha1Hex.replace(/(.{8})/g, '$1 ').trim() }),
        h(
          'details',
          { class: 'ws-padded' },
          h('summary', { text: t(lang, 'stepPadded') }),
          h('pre', { text: result.paddedBlocksHex.join('\n') }),
        ),
      ),
      h(
        'li',
        {},
        h('span', { class: 'ws-step-label', text: t(lang, 'stepBase64') }),
        h('code', { class: 'ws-accept-value', text: result.accept }),
      ),
    );
    if (serverAccept === null) {
      check.replaceChildren();
      return;
    }
    const ok = serverAccept === result.accept;
    check.className = `ws-accept-check ${ok ? 'ok' : 'bad'}`;
    check.replaceChildren(
      `${t(lang, source === 'rfc' ? 'rfcSays' : 'serverSent')}: `,
      h('code', { class: 'ws-server-accept', text: serverAccept }),
      ` ${ok ? '✓' : '✗'} ${t(lang, ok ? 'matches' : 'mismatch')}`,
    );
  }

  input.addEventListener('input', () => {
    serverAccept = null;
    draw();
  });
  example.addEventListener('click', () => {
    input.value = rfcExampleKey;
    serverAccept = rfcExampleAccept;
    source = 'rfc';
    draw();
  });
  useReal.addEventListener('click', () => {
    const real = options.realKey?.();
    if (real) {
      input.value = real.key;
      serverAccept = real.accept;
      source = 'server';
      draw();
    }
  });

  return {
    element,
    setKey(key: string, accept?: string | null, from: 'server' | 'rfc' = 'server') {
      input.value = key;
      serverAccept = accept ?? null;
      source = from;
      draw();
    },
  };
}
