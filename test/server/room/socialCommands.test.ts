import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../../server/server.ts';
import { startTestServer, TestInspector, waitFor } from '../helpers.ts';

const presenterToken = 'room-social-test-presenter-token';
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ presenterToken });
});
afterAll(() => server.close());

/** An answer to the deck's exercise (src/shared/exerciseCatalogue.ts): only the answers travel. */
const exercise = (answers: Record<string, string>, id = 'decode-it-yourself') => ({
  type: 'exercise.answer',
  exercise: id,
  ...Object.fromEntries(Object.entries(answers).map(([question, answer]) => [`answer.${question}`, answer])),
});

type ChatMessage = Record<string, unknown> & { type: string };

async function member(
  inspector: TestInspector,
  nick: string,
): Promise<{ ws: WebSocket; inbox: ChatMessage[]; id: string }> {
  const inbox: ChatMessage[] = [];
  // Listening before the open: the history can arrive in the same read as the 101.
  const ws = new WebSocket(await inspector.chatUrl(`&nick=${encodeURIComponent(nick)}`));
  ws.on('message', (data) => inbox.push(JSON.parse(data.toString())));
  const history = await waitFor(() => inbox.find((m) => m.type === 'history'), 'history');
  return { ws, inbox, id: String(history.member) };
}

describe('class exercises on /inspect: checked and tallied by the server, told to the presenter only', () => {
  it('answers with verdicts, counts each session once, and pushes the tally to the presenter', async () => {
    const presenter = await TestInspector.open(server, { presenterToken });
    const ana = await TestInspector.open(server);
    const bo = await TestInspector.open(server);

    const first = await ana.request(exercise({ fin: '1', length: '126', text: 'Hi!' }));
    expect(first).toMatchObject({ type: 'result', verdicts: { fin: true, length: false, text: true } });
    await waitFor(() => presenter.replies.find((m) => m.type === 'tally'), 'tally push');
    await bo.request(exercise({ fin: '0', length: '128', text: 'Hi!' }));
    await ana.request(exercise({ fin: '1', length: '128', text: 'Hi!' }));
    const tally = await presenter.request({ type: 'exercise.tally', exercise: 'decode-it-yourself' });
    expect(tally.tally).toEqual({
      exercise: 'decode-it-yourself',
      answered: 2,
      right: { fin: 1, opcode: 0, masked: 0, length: 2, key: 0, text: 2 },
    });
    // Visitors see no tally, and nobody else's answers ever.
    expect(ana.replies.some((m) => m.type === 'tally')).toBe(false);
    expect(await ana.request({ type: 'exercise.tally', exercise: 'decode-it-yourself' })).toMatchObject({
      type: 'error',
      code: 'not-presenter',
    });
    // An exercise the deck does not have cannot be made up, nor another frame slipped in.
    expect(await bo.request(exercise({ fin: '1' }, 'squatted'))).toMatchObject({ code: 'unknown-exercise' });
    expect(await bo.request({ ...exercise({ length: '2' }), frame: '82 02 00 00' })).toMatchObject({
      verdicts: { length: false },
    });
    for (const inspector of [presenter, ana, bo]) inspector.close();
  });
});

describe('the presenter’s chat controls: clear and mute, checked on the server', () => {
  it('refuses them to a visitor; a clear empties everyone’s chat and the history', async () => {
    const presenter = await TestInspector.open(server, { presenterToken });
    const visitor = await TestInspector.open(server);
    const ana = await member(visitor, 'ana');
    ana.ws.send('before the clear');
    await waitFor(() => ana.inbox.find((m) => m.text === 'before the clear'), 'message');
    expect(await visitor.request({ type: 'chat.clear' })).toMatchObject({ code: 'not-presenter' });
    expect(await presenter.request({ type: 'chat.clear' })).toMatchObject({ type: 'result', ok: true });
    await waitFor(() => ana.inbox.find((m) => m.type === 'cleared'), 'cleared');
    const late = await member(visitor, 'late');
    const history = await waitFor(() => late.inbox.find((m) => m.type === 'history'), 'history');
    expect(history.messages).toEqual([]);
    ana.ws.close();
    late.ws.close();
    presenter.close();
    visitor.close();
  });

  it('mutes a member by its id: its messages are refused (also after a rename or a new socket), others are told', async () => {
    const presenter = await TestInspector.open(server, { presenterToken });
    const loudPage = await TestInspector.open(server);
    const otherPage = await TestInspector.open(server);
    const loud = await member(loudPage, 'loud');
    const other = await member(otherPage, 'other');
    expect(await loudPage.request({ type: 'chat.mute', member: other.id, muted: true })).toMatchObject({
      code: 'not-presenter',
    });
    expect(await presenter.request({ type: 'chat.mute', member: 'm999999', muted: true })).toMatchObject({
      code: 'not-found',
    });
    await presenter.request({ type: 'chat.mute', member: loud.id, muted: true });
    await waitFor(() => other.inbox.find((m) => m.type === 'muted' && m.nick === 'loud' && m.muted), 'muted');
    loud.ws.send(JSON.stringify({ type: 'nick', nick: 'quiet' }));
    loud.ws.send('can you hear me');
    await waitFor(() => loud.inbox.find((m) => m.type === 'error' && m.code === 'muted'), 'refusal');
    loud.ws.close();
    const again = await member(loudPage, 'loud-again');
    again.ws.send('and now?');
    await waitFor(() => again.inbox.find((m) => m.type === 'error' && m.code === 'muted'), 'still muted');
    expect(other.inbox.some((m) => m.type === 'message')).toBe(false);
    await presenter.request({ type: 'chat.mute', member: again.id, muted: false });
    again.ws.send('thanks');
    await waitFor(() => other.inbox.find((m) => m.text === 'thanks'), 'unmuted message');
    for (const ws of [again.ws, other.ws]) ws.close();
    for (const inspector of [presenter, loudPage, otherPage]) inspector.close();
  });
});
