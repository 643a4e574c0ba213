/**
 * The sessions `npm run record` made of each live widget (slides/recordings/): the bundled server's tap,
 * saved by its recorder as pcapng while the widget's own demo ran in a real browser. The static site
 * replays them; `recordings.json` says when and with what each was made, and the hash of the decoder
 * that must read it (tools/recordings/decoderHash.ts; the static build refuses a stale one).
 */
export type Recording = {
  /** `slide/index`: the slide's id and the placeholder's place among the slide's widgets. */
  readonly key: string;
  readonly slide: string;
  readonly widget: string;
  readonly file: string;
  readonly browser: string;
  readonly recordedAt: string;
  readonly ws: string;
  readonly decoderHash: string;
  readonly connections: number;
  readonly frames: number;
};

/** A recording and where this build keeps its file. */
export type RecordedSession = { readonly recording: Recording; readonly url: string };

export type RecordingManifest = { readonly format: 1; readonly recordings: readonly Recording[] };

export function recordingKey(slide: string, index: number): string {
  return `${slide}/${index}`;
}

/** Which recording replays a placeholder: the slide's id and its place among the slide's widgets. */
export function placeholderKey(placeholder: HTMLElement): string | null {
  const slide = placeholder.closest('section[id]');
  if (!slide) return null;
  const index = [...slide.querySelectorAll('[data-widget]')].indexOf(placeholder);
  return recordingKey(slide.id, index);
}

/**
 * What each widget is in the static site, where no server answers:
 * - `pure`: runs as it does live (the paste-hex inspector, the accept-key calculator, the exercise checked
 *   in the page, a slide's shipped capture);
 * - `recorded`: replays the session `npm run record` made of it (the lab keeps its bit editor beside it);
 * - `conform`: the conformance slide shows the run `npm run record` made (slides/recordings/conform.json);
 * - `room`: hidden, with one line saying it needs a server.
 */
export type StaticRole = 'pure' | 'recorded' | 'room' | 'conform';

export const staticRoles: Record<string, StaticRole> = {
  'accept-key': 'pure',
  exercise: 'pure',
  'frame-inspector': 'pure',
  handshake: 'recorded',
  composer: 'recorded',
  'event-panel': 'recorded',
  lab: 'recorded',
  terminal: 'recorded',
  'library-compare': 'recorded',
  'seed-server': 'recorded',
  'room-frame': 'room',
  chat: 'room',
  conform: 'conform',
};
