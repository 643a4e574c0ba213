import type { Language } from '../../protocol/index.ts';
import { getSession, type LiveSession, type WireConnection } from '../../session/index.ts';
import type { CommandInput } from '../../shared/inspector/commands.ts';
import { startAutoDemo } from '../shared/autoDemo.ts';
import { h, replace } from '../shared/dom.ts';
import { isolateKeys } from '../shared/keyboard.ts';
import { wireTail } from '../shared/wireTail.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { type ChatClient, type ChatLine, getChat } from './chatClient.ts';
import { type PlainKey, t } from './strings.ts';
import '../shared/widgets.css';
import './chat.css';

/** A presenter's clicker sends these: they go to the deck even while someone types in the chat. */
const deckKeys = ['PageDown', 'PageUp'];

/**
 * The seed's 实例：聊天程序, live: the whole room chats over /chat, and every chat frame is in the page's
 * inspector like any other (the socket is the page's own, see ChatClient). A message is only ever text:
 * it is put in the page with textContent, so markup in it is shown, never run.
 */
export function mountChat(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const lang = context.lang;
  const label = (key: PlainKey) => t(lang, key);
  const session = getSession();
  const chat = getChat(session, safeLocalStorage());

  const nickInput = h('input', {
    class: 'ws-input ws-chat-nick',
    'aria-label': label('chatNickname'),
    maxlength: 24,
    autocomplete: 'off',
    value: chat.wantedNick(lang),
  });
  const renameButton = h('button', { type: 'button', class: 'ws-button', text: label('chatRename') });
  const state = h('span', { class: 'ws-chat-state', role: 'status' });
  const log = h('ol', { class: 'ws-chat-log', 'aria-live': 'polite', 'aria-label': label('chatLog') });
  const messageInput = h('input', {
    class: 'ws-input ws-chat-text',
    'aria-label': label('chatMessage'),
    placeholder: label('chatPlaceholder'),
    autocomplete: 'off',
  });
  const sendButton = h('button', {
    type: 'submit',
    class: 'ws-button ws-button-primary',
    text: label('chatSend'),
  });
  const form = h('form', { class: 'ws-chat-form' }, messageInput, sendButton);
  // The presenter's page is known once the server welcomed it: drawn again when the session's status changes.
  const isPresenter = () => session.welcome?.role === 'presenter';
  const clearButton = h('button', {
    type: 'button',
    class: 'ws-button ws-chat-clear',
    text: label('chatClear'),
  });
  const presenterStatus = h('span', { class: 'ws-chat-presenter-status', role: 'status' });
  const presenterBar = h(
    'div',
    { class: 'ws-chat-presenter' },
    h('b', { text: label('chatPresenter') }),
    clearButton,
    presenterStatus,
  );
  const presenterCommand = (command: CommandInput<'chat.clear' | 'chat.mute'>) =>
    void session.command(command).then((reply) => {
      presenterStatus.textContent = reply.ok ? '' : reply.message;
    });
  clearButton.addEventListener('click', () => presenterCommand({ type: 'chat.clear' }));
  const root = h(
    'div',
    { class: 'ws-widget ws-chat', role: 'region', 'aria-label': label('chatLabel') },
    presenterBar,
    h(
      'div',
      { class: 'ws-chat-head' },
      h('label', { text: label('chatNickname') }),
      nickInput,
      renameButton,
      state,
    ),
    log,
    form,
  );
  host.append(root);
  // The chat socket's own exchange (history, join, every message), from the tap: the slide is about frames.
  // Untouched, that is the chat's demo; it says nothing in the room itself (thirty pages opening the slide
  // would post thirty demos). It stays when the viewer takes over: removing it would move the log under
  // the pointer between pointerdown and click.
  const tail = wireTail(session, lang, () => chatConnections(session), 2);
  log.after(h('div', { class: 'ws-chat-wire' }, h('h3', { text: label('chatDemoWire') }), tail.element));
  const demo = startAutoDemo(root, session, lang, () => {});

  const rename = () => {
    const wanted = nickInput.value.trim();
    if (wanted && wanted !== chat.nick) chat.rename(wanted);
  };
  renameButton.addEventListener('click', rename);
  nickInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') rename();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = messageInput.value;
    if (text.trim() === '') return;
    if (chat.say(text)) messageInput.value = '';
  });

  const draw = () => {
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    const presenter = isPresenter();
    presenterBar.hidden = !presenter;
    replace(log, ...chat.lines.map((line) => drawLine(line, chat, lang, presenter ? muteButton : null)));
    if (atBottom) log.scrollTop = log.scrollHeight;
    if (chat.nick && document.activeElement !== nickInput) nickInput.value = chat.nick;
    state.textContent =
      chat.state === 'open' ? (chat.muted ? label('chatMutedYou') : '') : label(`chatState.${chat.state}`);
    root.dataset.state = chat.state;
    sendButton.disabled = chat.state !== 'open';
  };
  // The presenter mutes (or unmutes) a member from any of its messages, by the id the server gave it;
  // the server checks the role.
  const muteButton = (line: { member: string; nick: string }) => {
    const muted = chat.mutedMembers.has(line.member);
    const button = h('button', {
      type: 'button',
      class: 'ws-button ws-chat-mute',
      'data-nick': line.nick,
      'data-member': line.member,
      text: label(muted ? 'chatUnmute' : 'chatMute'),
    });
    button.addEventListener('click', () =>
      presenterCommand({ type: 'chat.mute', member: line.member, muted: !muted }),
    );
    return button;
  };
  const stopChat = chat.listen(draw);
  const stopStatus = session.subscribe((change) => {
    if (change.status) draw();
  });
  draw();
  log.scrollTop = log.scrollHeight;
  void chat.connect(lang);
  const release = isolateKeys(root, undefined, deckKeys);
  return {
    destroy() {
      demo.destroy();
      tail.destroy();
      stopChat();
      stopStatus();
      release();
      root.remove();
    },
  };
}

/** This page's chat socket as the tap knows it (the newest, after a reconnect). */
function chatConnections(session: LiveSession): WireConnection[] {
  const mine = [...session.connections.values()].filter((c) => c.info?.pageSocket === 'chat');
  return mine.slice(-1);
}

function drawLine(
  line: ChatLine,
  chat: ChatClient,
  lang: Language,
  muteButton: ((line: { member: string; nick: string }) => HTMLElement) | null,
): HTMLElement {
  const time = h('time', { class: 'ws-chat-time', text: clock(line.time) });
  if (line.kind === 'message') {
    const mine = line.member === chat.member;
    const presenter = line.role === 'presenter';
    return h(
      'li',
      {
        class: `ws-chat-line${mine ? ' ws-chat-mine' : ''}${presenter ? ' ws-chat-from-presenter' : ''}`,
      },
      muteButton && !mine && !presenter ? muteButton(line) : null,
      time,
      // The badge comes from the server's `role`, never from the nickname: no visitor can draw it.
      presenter ? h('span', { class: 'ws-chat-badge', text: t(lang, 'chatBadgePresenter') }) : null,
      h('b', { class: 'ws-chat-who', text: line.nick }),
      // The one place a visitor's words reach the page: as text, never as markup.
      h('span', { class: 'ws-chat-said', text: line.text }),
    );
  }
  return h(
    'li',
    { class: `ws-chat-line ws-chat-notice ws-chat-notice-${line.notice}` },
    time,
    h('span', { text: noticeText(line, lang) }),
  );
}

function noticeText(line: Extract<ChatLine, { kind: 'notice' }>, lang: Language): string {
  const values = { nick: line.nick ?? '', old: line.old ?? '', online: line.online ?? 0 };
  if (line.notice !== 'error') return t(lang, `chatNotice.${line.notice}`, values);
  const known = ['binary', 'rate', 'budget', 'nick', 'taken', 'reserved', 'length', 'control', 'muted'];
  if (line.code && known.includes(line.code)) {
    return t(lang, `chatError.${line.code as 'binary'}`);
  }
  return t(lang, 'chatError.other', { message: line.message ?? '' });
}

function clock(time: number): string {
  const date = new Date(time);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

function safeLocalStorage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
