import '../deck/fonts/fonts.css';
import './illustrated.css';
import type { Language } from '../protocol/index.ts';
import { t } from './strings.ts';

/**
 * What script adds to a page that is whole without it: open or close every record at once, copy a record's
 * bytes as hex, and every record open when printing. Everything else is in the markup.
 */
function start(): void {
  const lang: Language = document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
  const records = [...document.querySelectorAll<HTMLDetailsElement>('details.record')];
  const toolbar = document.querySelector('[data-toolbar]');
  const button = (label: string, onClick: (button: HTMLButtonElement) => void) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.addEventListener('click', () => onClick(element));
    return element;
  };
  toolbar?.append(
    button(t(lang, 'openAll'), () => {
      for (const record of records) record.open = true;
    }),
    button(t(lang, 'closeAll'), () => {
      for (const record of records) record.open = false;
    }),
  );
  for (const record of records) {
    const bytes = record.querySelector('.record-hex');
    const body = record.querySelector('.record-body');
    if (!bytes || !body || record.classList.contains('computation')) continue;
    body.prepend(
      button(t(lang, 'copyHex'), (element) => {
        const text = (bytes.textContent ?? '').replace(/\s+/g, ' ').trim();
        void navigator.clipboard?.writeText(text).then(() => {
          element.textContent = t(lang, 'copied');
          setTimeout(() => (element.textContent = t(lang, 'copyHex')), 1500);
        });
      }),
    );
  }
  // Printing shows every byte's meaning: open what is closed, and close it again afterwards.
  let closedBeforePrint: HTMLDetailsElement[] = [];
  window.addEventListener('beforeprint', () => {
    closedBeforePrint = records.filter((record) => !record.open);
    for (const record of closedBeforePrint) record.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const record of closedBeforePrint) record.open = false;
    closedBeforePrint = [];
  });
}

start();
