import type { Language } from '../protocol/index.ts';
import { t } from './strings.ts';

export type Theme = 'light' | 'dark';

/** `?theme=light|dark` wins, then the system's preference; the projector theme is high-contrast either way. */
export function pickTheme(search: string): Theme {
  const asked = new URLSearchParams(search).get('theme');
  if (asked === 'light' || asked === 'dark') return asked;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

type ToolbarActions = { switchLanguage(): void; toggleTheme(): void };

/** The visible language and theme switches, in a corner that no slide content uses. */
export class Toolbar {
  readonly element = document.createElement('nav');
  private readonly languageButton = document.createElement('button');
  private readonly themeButton = document.createElement('button');

  constructor(actions: ToolbarActions) {
    this.element.className = 'deck-toolbar';
    for (const [button, action, id] of [
      [this.languageButton, actions.switchLanguage, 'lang-toggle'],
      [this.themeButton, actions.toggleTheme, 'theme-toggle'],
    ] as const) {
      button.type = 'button';
      button.id = id;
      button.addEventListener('click', () => {
        action();
        button.blur(); // give the keyboard back to reveal.js
      });
      this.element.append(button);
    }
    document.body.append(this.element);
  }

  update(lang: Language, theme: Theme): void {
    this.element.setAttribute('aria-label', t(lang, 'toolbarLabel'));
    this.languageButton.textContent = t(lang, 'switchLanguage');
    this.languageButton.title = t(lang, 'switchLanguageTitle');
    this.languageButton.lang = lang === 'zh' ? 'en' : 'zh-CN';
    this.themeButton.textContent = theme === 'dark' ? t(lang, 'themeLight') : t(lang, 'themeDark');
    this.themeButton.title = t(lang, 'themeTitle');
  }
}
