import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { NodeInflater } from '../cli/nodeInflater.ts';
import type { Language } from '../protocol/index.ts';
import { fieldColourCss } from '../shared/fieldColours.ts';
import { type IllustratedSession, illustrateSession } from './annotate.ts';
import { downloadName, type PagePlace, type RecordingFacts, renderIllustrated } from './render.ts';

const placeholder = '<!-- illustrated:session -->';

/** Each page's language and its relative way to the deck, the download and its other language. */
const pages: Record<Language, PagePlace> = {
  en: { toRoot: '../', toIllustrated: '', otherLanguage: 'zh/' },
  zh: { toRoot: '../../', toIllustrated: '../', otherLanguage: '../' },
};

/** The recording, read and decoded once per build (and again when it changes in dev). */
export function loadRecording(root: string): { pcapng: Uint8Array; facts: RecordingFacts } {
  const pcapng = new Uint8Array(readFileSync(join(root, 'illustrated/session.pcapng')));
  const facts = JSON.parse(readFileSync(join(root, 'illustrated/session.json'), 'utf8')) as RecordingFacts;
  return { pcapng, facts };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** Each slide's title (its first heading) by the slide's id, from the deck's own content in one language. */
export function slideTitles(root: string, lang: Language): Record<string, string> {
  const titles: Record<string, string> = {};
  const folder = join(root, 'slides', lang);
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.html'))) {
    const html = readFileSync(join(folder, name), 'utf8');
    for (const match of html.matchAll(/<section id="([^"]+)"[^>]*>\s*<h[12][^>]*>([\s\S]*?)<\/h[12]>/g)) {
      titles[match[1]!] = match[2]!
        .replace(/<[^>]+>/g, '')
        .replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => entities[entity]!)
        .trim();
    }
  }
  return titles;
}

export function illustrateRecording(pcapng: Uint8Array): Promise<IllustratedSession> {
  return illustrateSession(pcapng, () => new NodeInflater());
}

/**
 * "The Illustrated WebSocket Connection": at build time, the recorded session (illustrated/session.pcapng)
 * is decoded by ws101's own decoders and written into illustrated/index.html and illustrated/zh/index.html
 * as markup, and the same file is shipped beside them as the page's download.
 */
export function illustratedPlugin(root: string): Plugin {
  const language = (path: string): Language | null =>
    /\/illustrated\/zh\/index\.html$/.test(path)
      ? 'zh'
      : /\/illustrated\/index\.html$/.test(path)
        ? 'en'
        : null;
  return {
    name: 'ws101-illustrated',
    transformIndexHtml: {
      order: 'pre',
      async handler(html, context) {
        const lang = language(context.filename.replaceAll('\\', '/'));
        if (!lang) return html;
        const { pcapng, facts } = loadRecording(root);
        const session = await illustrateRecording(pcapng);
        return {
          html: html.replace(
            placeholder,
            renderIllustrated(session, lang, facts, pages[lang], slideTitles(root, lang)),
          ),
          tags: [{ tag: 'style', children: fieldColourCss(), injectTo: 'head' }],
        };
      },
    },
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: `illustrated/${downloadName}`,
        source: loadRecording(root).pcapng,
      });
    },
    configureServer(server) {
      server.middlewares.use(`/illustrated/${downloadName}`, (_req, res) => {
        res.setHeader('content-type', 'application/vnd.tcpdump.pcap');
        res.end(loadRecording(root).pcapng);
      });
    },
  };
}
