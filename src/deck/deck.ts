import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Zoom from 'reveal.js/plugin/zoom';
import 'reveal.js/reveal.css';
import './fonts/fonts.css';
import './theme.css';
import './fields.css';
import './widgets.css';
import './chrome.css';
import './lessons.css';
import './print.css';
import type { Language } from '../protocol/index.ts';
import { replayingOnly, staticSite } from '../session/serverChoice.ts';
import { writeSearchParam } from './address.ts';
import { CodeRunner } from './codeRunner.ts';
import { renderDiagrams } from './diagrams/index.ts';
import { installFieldColours } from './fieldColours.ts';
import { highlightCode } from './highlight.ts';
import { renderJoinLinks } from './joinLink.ts';
import { htmlLang, otherLanguage, pickLanguage } from './language.ts';
import type { Room } from './room/index.ts';
import { renderServerField } from './serverField.ts';
import { deckHtml } from './slideSource.ts';
import { t } from './strings.ts';
import { applyTheme, pickTheme, type Theme, Toolbar } from './toolbar.ts';
import { WidgetController } from './widgetController.ts';

type RevealApi = InstanceType<typeof Reveal>;

const languageChannelName = 'ws101.deck.language';

/**
 * The deck: content from `slides/<lang>/`, reveal.js for presenting, and three concerns of our own, each
 * in its own module: language (switch in place, keep the slide), live widgets (mount on the current slide
 * only) and runnable code (the seed's browser code, run on its slide).
 */
export class Deck {
  private lang: Language;
  private theme: Theme;
  private runners: CodeRunner[] = [];
  private readonly widgets: WidgetController;
  private readonly toolbar: Toolbar;
  private readonly slidesElement: HTMLElement;
  private reveal: RevealApi | null = null;
  /** The room this page follows or drives (not in print or the speaker view's previews). */
  room: Room | null = null;
  private readonly live: boolean;
  /** The address named a slide (`#/lab`) before reveal.js wrote its own: a link to that slide. */
  private readonly openedOnASlide = /^#\/./.test(window.location.hash);
  private readonly preview: boolean;
  /** The presenter's deck tells the speaker view's previews when the language changes. */
  private readonly languageChannel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(languageChannelName) : null;

  constructor(private readonly root: HTMLElement) {
    const search = window.location.search;
    this.lang = pickLanguage(search, navigator.languages);
    this.theme = pickTheme(search);
    // The speaker view's previews (`?receiver`) and print (`?print-pdf`) show the captured examples.
    const live = !/print-pdf|receiver/i.test(search);
    this.live = live;
    this.preview = /receiver/i.test(search);
    document.documentElement.classList.toggle('deck-preview', this.preview);
    document.documentElement.classList.toggle('deck-static', staticSite);
    document.documentElement.classList.toggle('deck-replaying', replayingOnly());
    this.widgets = new WidgetController(live);
    this.slidesElement = root.querySelector<HTMLElement>('.slides')!;
    this.toolbar = new Toolbar({
      switchLanguage: () => this.setLanguage(otherLanguage(this.lang)),
      toggleTheme: () => this.setTheme(this.theme === 'dark' ? 'light' : 'dark'),
    });
  }

  async start(): Promise<RevealApi> {
    installFieldColours(document);
    applyTheme(this.theme);
    this.render();
    const reveal = new Reveal(this.root, {
      width: 1280,
      height: 720,
      margin: 0.04,
      center: false,
      hash: true,
      slideNumber: 'c/t',
      showSlideNumber: 'all',
      transition: 'slide',
      backgroundTransition: 'none',
      pdfSeparateFragments: false,
      pdfMaxPagesPerSlide: 1,
      // Below 435 px reveal.js turns into a scrolling page: no fragments, and scrolling itself moves the
      // deck. A page in the room must be exactly where the presenter is, so a live deck keeps slides on a
      // phone in portrait too (scaled to its width); print and previews keep reveal.js's default.
      ...(this.live ? { scrollActivationWidth: 0 } : {}),
      // Notes: S opens the speaker view. Zoom: Alt+click (Ctrl+click on Linux) zooms into small code.
      plugins: [Notes, Zoom],
    });
    this.reveal = reveal;
    await reveal.initialize();
    reveal.on('slidechanged', () => this.showCurrentSlide());
    reveal.on('overviewshown', () => this.widgets.unmountAll());
    reveal.on('overviewhidden', () => this.showCurrentSlide());
    this.showCurrentSlide();
    this.widgets.showPageWidgets(this.root, this.lang);
    // The static site follows no room until a visitor names a server.
    if (this.live && !replayingOnly()) {
      const { joinRoom } = await import('./room/index.ts');
      this.room = joinRoom(reveal, this.lang, { openedOnASlide: this.openedOnASlide });
    }
    if (this.preview && this.languageChannel) {
      // The speaker view's previews follow the presenter's language switch (they were opened with the old one).
      this.languageChannel.onmessage = (event: MessageEvent<{ lang?: unknown }>) => {
        const lang = event.data?.lang;
        if (lang === 'en' || lang === 'zh') this.setLanguage(lang);
      };
    }
    document.documentElement.classList.add('deck-ready');
    return reveal;
  }

  /** Switch language in place: same slide, same fragment, widgets mounted again in the new language. */
  setLanguage(lang: Language): void {
    const reveal = this.reveal;
    if (!reveal || lang === this.lang) return;
    const { h, v, f } = reveal.getIndices();
    this.widgets.unmountAll();
    this.lang = lang;
    this.render();
    reveal.sync();
    reveal.slide(h, v ?? 0, f ?? -1);
    writeSearchParam('lang', lang);
    // Same indices, so reveal.js sends no slidechanged; the speaker view needs one to show the new notes.
    reveal.dispatchEvent({
      type: 'slidechanged',
      data: { indexh: h, indexv: v, previousSlide: null, currentSlide: reveal.getCurrentSlide() },
    });
    this.showCurrentSlide();
    this.widgets.showPageWidgets(this.root, lang);
    this.room?.bar.setLanguage(lang);
    if (!this.preview) this.languageChannel?.postMessage({ lang });
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    applyTheme(theme);
    writeSearchParam('theme', theme);
    this.toolbar.update(this.lang, theme);
  }

  private render(): void {
    for (const runner of this.runners) runner.destroy();
    document.documentElement.lang = htmlLang(this.lang);
    document.title = t(this.lang, 'documentTitle');
    this.slidesElement.innerHTML = deckHtml(this.lang);
    renderDiagrams(this.slidesElement, this.lang);
    highlightCode(this.slidesElement);
    for (const placeholder of this.slidesElement.querySelectorAll<HTMLElement>('[data-widget]')) {
      placeholder.dataset.staticLabel = t(this.lang, 'staticExample');
    }
    renderJoinLinks(this.slidesElement, this.lang);
    if (staticSite) renderServerField(this.slidesElement, this.lang);
    this.runners = [...this.slidesElement.querySelectorAll<HTMLElement>('[data-runnable]')].map(
      (block) => new CodeRunner(block, this.lang),
    );
    this.toolbar.update(this.lang, this.theme);
  }

  private showCurrentSlide(): void {
    const current = this.reveal?.getCurrentSlide() ?? null;
    this.widgets.show(current, this.lang);
    for (const runner of this.runners) if (!runner.isOn(current)) runner.stop();
  }
}

export function startDeck(): Promise<RevealApi> {
  const root = document.querySelector<HTMLElement>('.reveal');
  if (!root) throw new Error('index.html has no .reveal element');
  const deck = new Deck(root);
  return deck.start().then((reveal) => {
    // For the e2e tests and the curious: the deck and reveal.js are reachable from DevTools.
    Object.assign(window, { ws101Deck: deck, ws101Reveal: reveal });
    return reveal;
  });
}
