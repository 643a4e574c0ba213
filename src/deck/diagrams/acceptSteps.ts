import { acceptKeySteps, type Language } from '../../protocol/index.ts';
import { t } from '../strings.ts';
import { escapeHtml } from './escape.ts';

/** RFC 6455 §4.2.2: Sec-WebSocket-Accept = base64(SHA-1(key + GUID)), computed in the page, one fragment per step. */
export function renderAcceptSteps(key: string, lang: Language): string {
  const steps = acceptKeySteps(key);
  const sha1Spaced = steps.sha1Hex.replace(/(..)(?!$)/g, '$1 ');
  const step = (label: string, body: string) =>
    `<li class="fragment"><span class="accept-step-label">${escapeHtml(label)}</span><code>${body}</code></li>`;
  return (
    `<ol class="accept-steps">` +
    step(t(lang, 'acceptStepKey'), escapeHtml(steps.key)) +
    step(
      t(lang, 'acceptStepConcat'),
      `${escapeHtml(steps.key)}<mark class="accept-guid">${escapeHtml(steps.guid)}</mark>`,
    ) +
    step(t(lang, 'acceptStepSha1'), escapeHtml(sha1Spaced)) +
    step(t(lang, 'acceptStepBase64'), `<strong>${escapeHtml(steps.accept)}</strong>`) +
    `</ol>`
  );
}
