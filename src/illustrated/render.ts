import { type Language, toHex } from '../protocol/index.ts';
import { fieldStyles } from '../shared/fieldColours.ts';
import type { IllustratedRecord, IllustratedSession, StoryKey } from './annotate.ts';
import type { BitPart, ByteField, FieldGroup } from './byteFields.ts';
import { t } from './strings.ts';

/** Where the session was recorded, for the line under the title. */
export type RecordingFacts = { readonly recordedAt: string; readonly ws: string; readonly node: string };

/** Relative addresses from the page to the deck and the download: the site may live in any subfolder. */
export type PagePlace = {
  readonly toRoot: string;
  readonly toIllustrated: string;
  readonly otherLanguage: string;
};

export const downloadName = 'ws101-illustrated-session.pcapng';

/** The deck's slide (its id) that tells each step of the story. */
const deckLinks: Readonly<Record<StoryKey, string>> = {
  'tcp-open': 'stack',
  handshake: 'handshake-request',
  text: 'masking',
  fragmented: 'fragmentation',
  deflate: 'extensions',
  ping: 'ping-pong',
  close: 'close-handshake',
  'tcp-close': 'close-handshake',
};

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

const hex = (bytes: Uint8Array) => toHex(bytes, ' ');

/**
 * A field's bytes as hex in its colour. A frame's first byte is split at its nibble, as its bits are:
 * FIN and the RSV bits above, the opcode below, so "81" reads as its two colours.
 */
function colouredHex(field: ByteField, bytes: Uint8Array, className: string): string {
  const own = bytes.subarray(field.offset, field.offset + field.length);
  const high = field.bits?.[0];
  const low = field.bits?.at(-1);
  if (high && low && field.bits!.length === 5 && low.name === 'opcode') {
    const [upper = '', lower = ''] = hex(own);
    return `<span class="${className} nibble-high" data-kind="${high.kind}">${upper}</span><span class="${className} nibble-low" data-kind="${low.kind}">${lower}</span>`;
  }
  return `<span class="${className}" data-kind="${field.kind}">${hex(own)}</span>`;
}

function bitsTable(parts: readonly BitPart[], lang: Language): string {
  const rows = parts
    .map(
      (part) =>
        `<tr data-kind="${part.kind}"><th scope="row"><code class="bit-value" data-kind="${part.kind}">${esc(part.bits)}</code></th><td class="bit-name">${esc(part.name)}</td><td>${esc(part.meaning[lang])}</td></tr>`,
    )
    .join('');
  return `<table class="bits"><tbody>${rows}</tbody></table>`;
}

function fieldItem(field: ByteField, bytes: Uint8Array, lang: Language): string {
  const bits = field.bits ? bitsTable(field.bits, lang) : '';
  return (
    `<li class="field" data-offset="${field.offset}" data-length="${field.length}" data-kind="${field.kind}">` +
    `<code class="field-hex">${colouredHex(field, bytes, 'field-bytes')}</code>` +
    `<div class="field-text"><span class="field-label">${esc(field.label[lang])}</span> ` +
    `<code class="field-value">${esc(field.value)}</code>` +
    `<p class="field-meaning">${esc(field.meaning[lang])}</p>${bits}</div></li>`
  );
}

function groupBlock(group: FieldGroup, bytes: Uint8Array, lang: Language): string {
  const items = group.fields.map((field) => fieldItem(field, bytes, lang)).join('');
  return `<div class="group"><h3>${esc(group.title[lang])}</h3><ol class="fields">${items}</ol></div>`;
}

/** The record's bytes as one grid, each field's run in its colour: every byte, visible with the record closed. */
function summaryHex(record: IllustratedRecord): string {
  const fields = record.groups.flatMap((group) => group.fields).sort((a, b) => a.offset - b.offset);
  return fields.map((field) => colouredHex(field, record.bytes, 'run')).join(' ');
}

function sinceStart(micros: number): string {
  return (micros / 1000).toFixed(3);
}

/** An HTTP head's lines as text beside its hex, the way it reads in a terminal (ISO-8859-1, one byte a character). */
function headText(record: IllustratedRecord): string {
  if (!record.groups.some((group) => group.fields.some((field) => field.kind === 'http-start'))) return '';
  const text = String.fromCharCode(...record.bytes).trimEnd();
  return `<span class="record-text">${text.split('\r\n').map(esc).join('<br>')}</span>`;
}

function recordBlock(record: IllustratedRecord, lang: Language): string {
  const direction = t(lang, record.sender === 'client' ? 'clientToServer' : 'serverToClient');
  const note = record.synthesized ? t(lang, 'synthesized') : t(lang, 'carriedIn', { n: record.packet });
  const meta = [
    t(lang, 'packet', { n: record.packet }),
    t(lang, 'bytes', { n: record.bytes.length }),
    t(lang, 'time', { ms: sinceStart(record.sinceStartMicros) }),
  ];
  return (
    `<details class="record" id="${record.id}" data-sender="${record.sender}" data-synthesized="${record.synthesized}">` +
    `<summary><span class="record-head"><span class="record-direction">${direction}</span>` +
    `<span class="record-title">${esc(record.title[lang])}</span>` +
    `<span class="record-meta">${meta.map(esc).join(' · ')}</span>${headText(record)}</span>` +
    `<code class="record-hex">${summaryHex(record)}</code></summary>` +
    `<div class="record-body"><p class="record-note">${esc(note)}</p>` +
    `${record.groups.map((group) => groupBlock(group, record.bytes, lang)).join('')}</div></details>`
  );
}

function acceptBlock(session: IllustratedSession, lang: Language): string {
  const { accept } = session;
  const step = (label: string, value: string) =>
    `<li><p class="step-label">${esc(label)}</p><code class="step-value">${esc(value)}</code></li>`;
  const verdict = t(lang, accept.accept === session.serverAccept ? 'accept.matches' : 'accept.differs');
  return (
    `<details class="record computation" id="accept-key"><summary><span class="record-head">` +
    `<span class="record-direction">${esc(t(lang, 'server'))}</span><span class="record-title">${esc(t(lang, 'acceptTitle'))}</span></span>` +
    `<code class="record-hex">${esc(accept.key)} → ${esc(accept.accept)}</code></summary>` +
    `<div class="record-body"><ol class="steps">` +
    step(t(lang, 'accept.key'), accept.key) +
    step(t(lang, 'accept.guid'), accept.guid) +
    step(t(lang, 'accept.concatenated'), accept.concatenated) +
    `<li><p class="step-label">${esc(t(lang, 'accept.padded'))}</p>${accept.paddedBlocksHex
      .map((block) => `<code class="step-value step-block">${esc(block)}</code>`)
      .join('')}</li>` +
    step(t(lang, 'accept.sha1'), accept.sha1Hex.replace(/(..)(?=.)/g, '$1 ')) +
    step(t(lang, 'accept.accept'), accept.accept) +
    `</ol><p class="verdict">${esc(verdict)}</p></div></details>`
  );
}

const legendKinds = [
  'ethernet',
  'ip',
  'tcp',
  'http-start',
  'http-name',
  'http-value',
  'http-syntax',
] as const;

function legend(lang: Language): string {
  const items = [
    ...legendKinds.map((kind) => [kind, t(lang, `kind.${kind}`)] as const),
    ...Object.values(fieldStyles).map((style) => [style.kind, style.label[lang]] as const),
  ]
    .map(([kind, label]) => `<li><span class="swatch" data-kind="${kind}"></span>${esc(label)}</li>`)
    .join('');
  return `<div class="legend"><h2 class="legend-title">${esc(t(lang, 'legend'))}</h2><ul>${items}</ul></div>`;
}

/**
 * The page's whole content for one language, as HTML: every record's bytes and every field's annotation are
 * in the markup, so the page reads and prints with no script at all.
 */
export function renderIllustrated(
  session: IllustratedSession,
  lang: Language,
  facts: RecordingFacts,
  place: PagePlace,
  /** The deck's slide titles by id, for the links into the deck. */
  slideTitles: Readonly<Record<string, string>>,
): string {
  const deck = (slide: string) => `${place.toRoot}?lang=${lang}#/${slide}`;
  const stories: StoryKey[] = [];
  for (const record of session.records) if (stories.at(-1) !== record.story) stories.push(record.story);
  const sections = stories
    .map((story) => {
      const records = session.records
        .filter((record) => record.story === story)
        .map(
          (record) =>
            recordBlock(record, lang) + (record.id === session.acceptAfter ? acceptBlock(session, lang) : ''),
        )
        .join('');
      return (
        `<section class="story" id="${story}" aria-labelledby="${story}-title">` +
        `<h2 id="${story}-title">${esc(t(lang, `section.${story}.title`))}</h2>` +
        `<p class="story-text">${esc(t(lang, `section.${story}.story`))}</p>` +
        `<p class="deck-link">${esc(t(lang, 'inDeck'))} <a href="${deck(deckLinks[story])}">${esc(slideTitles[deckLinks[story]] ?? `#/${deckLinks[story]}`)}</a></p>` +
        `${records}</section>`
      );
    })
    .join('');
  const date = facts.recordedAt.slice(0, 10);
  return (
    `<header class="page-head"><nav class="page-nav" aria-label="${esc(t(lang, 'pageTitle'))}">` +
    `<a href="${place.toRoot}?lang=${lang}">${esc(t(lang, 'toDeck'))}</a>` +
    `<a href="${place.otherLanguage}" hreflang="${lang === 'en' ? 'zh' : 'en'}" lang="${lang === 'en' ? 'zh-CN' : 'en'}">${esc(t(lang, 'otherLanguage'))}</a></nav>` +
    `<h1>${esc(t(lang, 'pageTitle'))}</h1><p class="subtitle">${esc(t(lang, 'subtitle'))}</p>` +
    `<p class="intro">${esc(t(lang, 'intro'))}</p>` +
    `<p class="facts">${esc(t(lang, 'recordedOn', { date, ws: facts.ws, node: facts.node }))} ${esc(t(lang, 'fixedBytes'))}</p>` +
    `<p class="actions"><a class="download" href="${place.toIllustrated}${downloadName}" download>${esc(t(lang, 'download'))}</a>` +
    `<span class="toolbar" data-toolbar></span></p>` +
    `${legend(lang)}</header>` +
    `<main class="session">${sections}</main>` +
    `<footer class="page-foot"><p>${esc(t(lang, 'footer'))}</p></footer>`
  );
}
