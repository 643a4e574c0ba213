import { describe, expect, it } from 'vitest';
import { commandShapes, parseCommand, parseReply } from '../../../src/shared/inspector/commandShapes.ts';
import type { CommandType } from '../../../src/shared/inspector/commands.ts';
import {
  commandExamples,
  mistyped,
  replyExamples,
  requiredCommandFields,
  requiredReplyFields,
  without,
} from './examples.ts';

const types = Object.keys(commandShapes) as CommandType[];
const send = (command: object) => parseCommand(JSON.stringify(command));
const fieldsOf = (type: CommandType) => Object.keys(commandExamples[type]).filter((f) => f !== 'type');

describe('page → server: every command type of the map has a reader, and every example its type', () => {
  it('the readers and the examples cover the same types', () => {
    expect(types.sort()).toEqual(Object.keys(commandExamples).sort());
  });
});

describe.each(types)('the %s command', (type) => {
  const example = commandExamples[type];

  it('is read field for field, unknown fields left out', () => {
    expect(send({ ...example, stray: 'x' })).toEqual({ command: example });
  });

  it.each(fieldsOf(type))('without "%s": refused only when the field is required, naming it', (field) => {
    const parsed = send(without(example, field));
    if (!requiredCommandFields[type].includes(field)) {
      expect(parsed).toEqual({ command: without(example, field) });
      return;
    }
    if (field === 'v') {
      expect(parsed).toMatchObject({ error: { code: 'bad-version' } });
      return;
    }
    expect(parsed).toMatchObject({
      error: {
        code: 'bad-command',
        message: expect.stringMatching(new RegExp(`^${type}: "${field}" is missing: it is `)),
      },
    });
  });

  it.each(fieldsOf(type))('with "%s" of the wrong type: refused, naming the field', (field) => {
    const parsed = send({ ...example, [field]: mistyped(example[field as keyof typeof example], field) });
    expect(parsed).toMatchObject({ error: { code: field === 'v' ? 'bad-version' : 'bad-command' } });
    if (field !== 'v')
      expect(parsed).toMatchObject({ error: { message: expect.stringContaining(`"${field}"`) } });
    // The refusal is answered with the command's id, so the page knows which command it was.
    if (field !== 'id') expect(parsed).toMatchObject({ id: example.id });
  });
});

describe('what no reader gets to see', () => {
  it.each([
    ['{not json', 'bad-json'],
    ['[1,2]', 'bad-json'],
    ['"hello"', 'bad-json'],
    [JSON.stringify({ type: 'dance', id: 4 }), 'unknown-type'],
    [JSON.stringify({ id: 4 }), 'unknown-type'],
    [JSON.stringify({ type: 'toString' }), 'unknown-type'],
  ])('%s → %s', (text, code) => {
    expect(parseCommand(text)).toMatchObject({ error: { code } });
  });

  it('a hello of another version is bad-version, before anything else is looked at', () => {
    expect(send({ type: 'hello', v: 2, id: 'h', session: 42 })).toEqual({
      error: { code: 'bad-version', message: 'hello: this server speaks version 1' },
      id: 'h',
    });
  });

  it.each([
    [
      { type: 'ticket', socket: 'inspect' },
      '"socket" is one of echo, chat, room, wsnode-echo, wsnode-seed, socket.io',
    ],
    [{ type: 'exercise.tally', exercise: '' }, '"exercise" is a short name (1 to 64 characters)'],
    [{ type: 'exercise.tally', exercise: 'x'.repeat(65) }, '"exercise" is a short name (1 to 64 characters)'],
    [
      { type: 'exercise.answer', exercise: 'e', 'answer.text': 'x'.repeat(201) },
      '"answer.text" is a short string',
    ],
    [{ type: 'chat.mute', member: 'm'.repeat(17) }, '"member" is a chat member\'s id'],
    [{ type: 'lab.close', connection: 1.5 }, '"connection" is an integer'],
    [{ type: 'watch', connection: '3' }, '"connection" is an integer'],
  ])('%j: refused, %s', (command, message) => {
    expect(send(command)).toMatchObject({
      error: { code: 'bad-command', message: expect.stringContaining(message) },
    });
  });
});

describe.each(types)('the reply to %s, as the page reads it', (type) => {
  const example = replyExamples[type] as Record<string, unknown>;

  it('is read field for field', () => {
    expect(parseReply(type, { ...example, stray: 1 })).toEqual({ ok: true, ...example });
  });

  it.each(requiredReplyFields[type])('without "%s": bad-reply, naming it', (field) => {
    expect(parseReply(type, without(example, field))).toEqual({
      ok: false,
      code: 'bad-reply',
      message: expect.stringContaining(`"${field}" is missing`),
    });
  });

  it.each(Object.keys(example))('with "%s" of the wrong type: bad-reply, naming it', (field) => {
    expect(parseReply(type, { ...example, [field]: mistyped(example[field], field) })).toEqual({
      ok: false,
      code: 'bad-reply',
      message: expect.stringContaining(`"${field}"`),
    });
  });
});

describe('a reply is checked inside, too', () => {
  it.each([
    ['list', { connections: [{ connection: 1 }] }, '"connections[0].endpoint" is missing'],
    [
      'visitors',
      { visitors: [{ label: 'x', connections: 1, endpoints: [], sharing: true, own: 0, ids: [] }] },
      '"visitors[0].own" is true or false',
    ],
    ['exercise.answer', { verdicts: { fin: 'yes' } }, '"verdicts.fin" is true or false'],
    [
      'exercise.tally',
      { tally: { exercise: 'e', answered: 1, right: { text: 0.5 } } },
      '"tally.right.text" is an integer',
    ],
  ] as const)('%s %j: %s', (type, fields, message) => {
    expect(parseReply(type, fields)).toMatchObject({
      ok: false,
      code: 'bad-reply',
      message: expect.stringContaining(message),
    });
  });
});
