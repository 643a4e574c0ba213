import '@xterm/xterm/css/xterm.css';
import { Terminal } from '@xterm/xterm';
import type { Language } from '../../protocol/index.ts';
import { type CommandReply, getSession, type LiveSession } from '../../session/index.ts';
import { paint } from '../../shared/paint.ts';
import { fragmentsToBrowser, LabActions, pingNow, writeToBrowser } from '../lab/actions.ts';
import { h } from '../shared/dom.ts';
import { isolateKeys } from '../shared/keyboard.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { t } from './strings.ts';
import '../shared/widgets.css';
import { startAutoDemo } from '../shared/autoDemo.ts';
import { parseTerminalLine, type TerminalCommand, terminalHelp } from './commands.ts';
import { startDemo } from './demo.ts';
import { frameLines } from './frameLine.ts';
import { LineEditor } from './lineEditor.ts';
import './terminal.css';

const colour = paint(true);
/** A presenter's clicker sends these: they always go to the deck, even with the terminal focused. */
const deckKeys: readonly string[] = ['PageDown', 'PageUp'];
const fontSize = 24;

/** xterm's cell is about 0.6 em wide and 1.2 em tall in a monospace font; refined by measuring. */
function measureCell(element: HTMLElement): { width: number; height: number } {
  const probe = h('span', { class: 'ws-terminal-probe', text: 'W'.repeat(20) });
  element.append(probe);
  const box = probe.getBoundingClientRect();
  probe.remove();
  return { width: box.width / 20 || fontSize * 0.6, height: Math.ceil(fontSize * 1.2) };
}

/**
 * A REPL in the deck (xterm.js, loaded only when a slide needs it). Every frame in and out of this page's
 * connections is printed from the session's store, which decodes the tap: what is shown crossed the wire.
 */
export function mountTerminal(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const lang = context.lang;
  const session = getSession();
  const screen = h('div', { class: 'ws-terminal-screen' });
  const root = h(
    'div',
    { class: 'ws-widget ws-terminal', role: 'region', 'aria-label': t(lang, 'terminalLabel') },
    screen,
  );
  host.append(root);
  const term = new Terminal({
    fontSize,
    fontFamily: '"JetBrains Mono", "ws101 CJK", "ws101 Symbols", ui-monospace, "DejaVu Sans Mono", monospace',
    cursorBlink: true,
    convertEol: false,
    scrollback: 2000,
    theme: {
      background: '#101418',
      foreground: '#F2F2F2',
      cursor: '#F0E442',
      selectionBackground: '#3A5A80',
    },
  });
  term.open(screen);
  const editor = new LineEditor('ws101> ');
  const lab = new LabActions(session);
  let lastSeq = session.store.latest()?.seq ?? 0;

  /** Prints lines above the prompt, keeping what the user is typing. */
  const print = (...lines: string[]) => {
    term.write(`\r\x1b[K${lines.join('\r\n')}\r\n${editor.redraw()}`);
  };

  for (const line of t(lang, 'terminalWelcome').split('\n')) print(colour.bold(line));
  if (session.status.phase === 'offline') print(colour.dim(t(lang, 'terminalOffline')));

  const stopFrames = session.subscribe((change) => {
    if (!change.frames) return;
    const fresh = session.store.list().filter((stored) => stored.seq > lastSeq);
    if (fresh.length === 0) return;
    lastSeq = fresh.at(-1)!.seq;
    print(...fresh.flatMap((stored) => frameLines(stored.frame, stored.direction, colour)));
  });
  const stopBrowser = session.onBrowserEvent((event) => {
    if (event.type === 'close') {
      print(
        colour.dim(
          `${t(lang, 'browserSaw')}: close ${event.code} ${JSON.stringify(event.reason)} wasClean=${event.wasClean}`,
        ),
      );
    } else if (event.type === 'error') {
      print(colour.error(`${t(lang, 'browserSaw')}: error`));
    }
  });

  const run = (command: TerminalCommand) => execute(command, session, lab, lang, print, () => term.clear());
  const handleInput = (data: string) => {
    const { output, events } = editor.input(data);
    if (output) term.write(output);
    for (const event of events) {
      if (event.type === 'clear') {
        term.clear();
        term.write(editor.redraw());
      } else if (event.type === 'submit' && event.line.trim() !== '') {
        const parsed = parseTerminalLine(event.line);
        if (parsed.ok) void run(parsed.command);
        else print(colour.error(parsed.error[lang]));
      }
    }
  };
  // Until someone types or clicks in, the terminal shows a short session of real commands.
  print(colour.dim(t(lang, 'terminalDemo')));
  const demo = startAutoDemo(root, session, lang, (control) => {
    if (control.stopped) return;
    return new Promise<void>((resolve) => {
      const typing = startDemo({
        offline: session.status.phase === 'offline',
        type: handleInput,
        done: () => {
          print(colour.dim(t(lang, 'terminalDemoDone')));
          resolve();
        },
      });
      control.onStop(() => {
        if (!typing.running) return;
        typing.stop();
        term.write(editor.discardLine());
        resolve();
      });
    });
  });
  term.onData((data) => {
    demo.stop();
    handleInput(data);
  });
  term.attachCustomKeyEventHandler((event) => {
    // Copy with Ctrl+C when text is selected (otherwise Ctrl+C cancels the line, as in a shell).
    if (event.type === 'keydown' && event.ctrlKey && event.key === 'c' && term.hasSelection()) {
      void navigator.clipboard?.writeText(term.getSelection());
      return false;
    }
    // xterm would take these keys (and stop them): Esc leaves the terminal, a clicker's keys drive the deck.
    if (!event.ctrlKey && !event.altKey && !event.metaKey && deckKeys.includes(event.key)) return false;
    return event.key !== 'Escape';
  });

  const fitToHost = () => {
    const cell = measureCell(screen);
    const box = screen.getBoundingClientRect();
    const cols = Math.max(20, Math.floor(box.width / cell.width) - 1);
    const rows = Math.max(5, Math.floor(box.height / cell.height));
    if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
  };
  const resizeObserver = new ResizeObserver(fitToHost);
  resizeObserver.observe(screen);
  fitToHost();
  const release = isolateKeys(root, undefined, deckKeys);
  root.addEventListener('click', () => term.focus());

  return {
    destroy() {
      demo.destroy();
      release();
      resizeObserver.disconnect();
      stopFrames();
      stopBrowser();
      term.dispose();
      root.remove();
    },
  };
}

async function execute(
  command: TerminalCommand,
  session: LiveSession,
  lab: LabActions,
  lang: Language,
  print: (...lines: string[]) => void,
  clear: () => void,
): Promise<void> {
  const failed = (message: string) => print(colour.error(`${t(lang, 'failed')}: ${message}`));
  const report = (reply: CommandReply) => {
    if (!reply.ok) failed(reply.message);
  };
  switch (command.kind) {
    case 'help':
      print(
        ...terminalHelp.map((entry) => `  ${colour.bold(entry.usage.padEnd(24))} ${t(lang, entry.what)}`),
      );
      return;
    case 'clear':
      clear();
      return;
    case 'text':
      if (!session.send(command.text)) failed('no server');
      return;
    case 'binary':
      if (!session.send(command.bytes)) failed('no server');
      return;
    case 'close':
      session.closeEcho(command.code, command.reason);
      return;
    case 'deflate':
      print(colour.dim(t(lang, command.on ? 'deflateOn' : 'deflateOff')));
      session.reopenEcho({ deflate: command.on });
      return;
    case 'ping':
      report(await pingNow(session, command.payload));
      return;
    case 'frag':
      report(await fragmentsToBrowser(session, command.text, command.parts));
      return;
    case 'raw':
      report(await writeToBrowser(session, command.bytes));
      return;
    case 'send-raw': {
      const { reply, connection } = await lab.write(command.bytes);
      if (!reply.ok) failed(reply.message);
      else
        print(colour.dim(`${t(lang, 'sentVia')} ${t(lang, 'connectionNumber', { id: connection ?? '?' })}`));
      return;
    }
  }
}
