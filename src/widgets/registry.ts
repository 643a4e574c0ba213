import type { WidgetMount, WidgetName } from './widget.ts';

/**
 * Lazy loaders, so a widget's code (and heavy parts such as xterm) loads only when a slide needs it.
 * Register a widget with one line, e.g.
 *   'frame-inspector': () => import('./frame-inspector/index.ts').then((module) => module.mountFrameInspector),
 * A name with no loader keeps its static example. A widget that is one view of a deck feature lives in that
 * feature's folder, beside what it shows: `room-frame` is in src/deck/room/, the page's side of the room.
 */
export const widgets: Partial<Record<WidgetName, () => Promise<WidgetMount>>> = {
  'frame-inspector': () => import('./frame-inspector/index.ts').then((module) => module.mountFrameInspector),
  'event-panel': () => import('./event-panel/index.ts').then((module) => module.mountEventPanel),
  handshake: () => import('./handshake/index.ts').then((module) => module.mountHandshake),
  'accept-key': () => import('./accept-key/index.ts').then((module) => module.mountAcceptKey),
  composer: () => import('./composer/index.ts').then((module) => module.mountComposer),
  lab: () => import('./lab/index.ts').then((module) => module.mountLab),
  terminal: () => import('./terminal/index.ts').then((module) => module.mountTerminal),
  'library-compare': () => import('./library-compare/index.ts').then((module) => module.mountLibraryCompare),
  'seed-server': () => import('./library-compare/seedServer.ts').then((module) => module.mountSeedServer),
  'room-frame': () => import('../deck/room/roomFrame.ts').then((module) => module.mountRoomFrame),
  chat: () => import('./chat/index.ts').then((module) => module.mountChat),
  exercise: () => import('./exercise/index.ts').then((module) => module.mountExercise),
  conform: () => import('./conform/index.ts').then((module) => module.mountConform),
};

/**
 * Page widgets live beside the slides on every slide (the event panel): each is mounted once at start into
 * its own `<div class="page-widget" data-page-widget="NAME">` appended to `<body>`, and mounted again when
 * the language changes; never in print or in the speaker view's previews. They never take room from the
 * slides: they float over them (closed by default) or sit in the chrome band under them
 * (src/deck/chrome.css), and blackout (B) hides them with the slides.
 */
export const pageWidgets: Record<string, () => Promise<WidgetMount>> = {
  'event-panel': () => import('./event-panel/sidePanel.ts').then((module) => module.mountSidePanel),
};
