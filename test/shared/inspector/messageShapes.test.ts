import { describe, expect, it } from 'vitest';
import { messageShapes, parseServerMessage } from '../../../src/shared/inspector/messageShapes.ts';
import { Refusal } from '../../../src/shared/inspector/shapes.ts';
import { messageExamples, mistyped, recordExamples, without } from './examples.ts';

const receive = (message: object) => parseServerMessage(JSON.stringify({ v: 1, ...message }));
const types = Object.keys(messageShapes) as (keyof typeof messageShapes)[];

/** The refusal's words, or a failure that shows what was read instead. */
function refusal(read: unknown): Refusal {
  expect(read).toBeInstanceOf(Refusal);
  return read as Refusal;
}

describe('server → page: every message the page reads whole has a reader and an example', () => {
  it('the readers and the examples cover the same types', () => {
    expect(types.sort()).toEqual(Object.keys(messageExamples).sort());
  });
});

describe.each(types)('the %s message', (type) => {
  const example = messageExamples[type] as Record<string, unknown>;
  const optional = new Set(['id', 'lanOrigins']);

  it('is read field for field, `v` and unknown fields left out', () => {
    expect(receive({ ...example, stray: 1 })).toEqual(example);
  });

  it.each(Object.keys(example).filter((f) => f !== 'type'))('without "%s"', (field) => {
    const read = receive(without(example, field));
    if (optional.has(field)) expect(read).toEqual(without(example, field));
    else expect(refusal(read).message).toMatch(new RegExp(`^"${field}" is missing`));
  });

  it.each(Object.keys(example).filter((f) => f !== 'type'))('with "%s" of the wrong type', (field) => {
    expect(refusal(receive({ ...example, [field]: mistyped(example[field], field) })).message).toContain(
      `"${field}"`,
    );
  });
});

describe.each(recordExamples.map((record) => [record.kind, record] as const))(
  'a %s record',
  (_kind, record) => {
    const fields = Object.keys(record).filter((f) => f !== 'kind');
    const optional = new Set(['remotePort', 'localPort', 'owner']);

    it('is read field for field', () => {
      expect(receive({ type: 'records', records: [record] })).toEqual({ type: 'records', records: [record] });
    });

    it.each(fields)('without "%s"', (field) => {
      const read = receive({ type: 'records', records: [recordExamples[1], without(record, field)] });
      if (optional.has(field))
        return expect(read).toEqual({
          type: 'records',
          records: [recordExamples[1], without(record, field)],
        });
      expect(refusal(read).message).toMatch(new RegExp(`^"records\\[1\\]\\.${field}" is missing`));
    });

    it.each(fields)('with "%s" of the wrong type', (field) => {
      const value = (record as Record<string, unknown>)[field];
      const read = receive({ type: 'records', records: [{ ...record, [field]: mistyped(value) }] });
      expect(refusal(read).message).toContain(`"records[0].${field}"`);
    });
  },
);

describe('what the page does not read', () => {
  it.each([
    ['not JSON', '{', 'bad-json'],
    ['an array', '[{"v":1}]', 'bad-json'],
    ['another version', JSON.stringify({ v: 2, type: 'tally' }), 'bad-version'],
    ['no version', JSON.stringify({ type: 'error', code: 'x', message: 'y' }), 'bad-version'],
    ['an unknown type', JSON.stringify({ v: 1, type: 'dance' }), 'unknown-type'],
    [
      'a record of an unknown kind',
      JSON.stringify({ v: 1, type: 'records', records: [{ kind: 'sing' }] }),
      'bad-command',
    ],
    ['a result that is not ok', JSON.stringify({ v: 1, type: 'result', ok: false }), 'bad-command'],
    [
      'a result with an object for an id',
      JSON.stringify({ v: 1, type: 'result', ok: true, id: {} }),
      'bad-command',
    ],
  ])('%s', (_what, text, code) => {
    expect(refusal(parseServerMessage(text)).code).toBe(code);
  });
});

describe('replies: read by id first, their fields by the command they answer', () => {
  it('a result keeps its fields unread, without v, type, id or ok', () => {
    expect(receive({ type: 'result', id: 'c4', ok: true, ticket: 't', bytes: 'anything' })).toEqual({
      type: 'result',
      id: 'c4',
      fields: { ticket: 't', bytes: 'anything' },
    });
  });

  it('so does a connections reply', () => {
    expect(receive({ type: 'connections', id: 3, connections: [] })).toEqual({
      type: 'connections',
      id: 3,
      fields: { connections: [] },
    });
  });
});
