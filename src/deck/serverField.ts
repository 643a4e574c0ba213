import type { Language } from '../protocol/index.ts';
import { chosenServer, serverOrigin } from '../session/serverChoice.ts';
import { staticSiteText } from '../shared/strings/staticSite.ts';
import { h } from '../widgets/shared/dom.ts';

/**
 * The static site's title slide: a field where a visitor who runs a ws101 server names it; the deck then
 * reloads with `?server=` and goes live. Said once, under it: what this copy does without one.
 */
export function renderServerField(root: ParentNode, lang: Language): void {
  const title = root.querySelector<HTMLElement>('section#title');
  if (!title) return;
  const input = h('input', {
    class: 'ws-input ws-server-input',
    id: 'ws-server-address',
    type: 'url',
    placeholder: 'wss://…',
    value: chosenServer() ?? '',
    autocomplete: 'url',
    spellcheck: 'false',
  });
  const message = h('span', { class: 'ws-server-message', role: 'status' });
  const form = h(
    'form',
    { class: 'ws-server-field', 'data-server-field': '' },
    h('label', { for: input.id, text: staticSiteText(lang, 'serverField') }),
    input,
    h('button', { type: 'submit', class: 'ws-button', text: staticSiteText(lang, 'serverGo') }),
    message,
  );
  // reveal.js moves on arrow keys and space: typing an address must not turn the slide.
  form.addEventListener('keydown', (event) => event.stopPropagation());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const origin = serverOrigin(input.value);
    if (!origin) {
      message.textContent = staticSiteText(lang, 'serverInvalid');
      return;
    }
    const url = new URL(window.location.href);
    url.searchParams.set('server', origin);
    window.location.assign(url);
  });
  const note = h('p', {
    class: 'ws-static-note muted',
    'data-static-note': '',
    text: `${staticSiteText(lang, 'staticBadge')} · ${staticSiteText(lang, 'needsServer')}`,
  });
  title.querySelector('aside.notes')?.before(form, ...(chosenServer() ? [] : [note]));
}
