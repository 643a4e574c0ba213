import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpointTable, idleSweepWatches, noEndpointHere } from '../../../server/endpoints/table.ts';
import { ticketSocketPaths, ticketSockets } from '../../../src/shared/inspector/protocol.ts';

const docs = readFileSync(resolve(import.meta.dirname, '../../../docs/inspector-protocol.md'), 'utf8');

/** The section of the docs that lists the endpoints besides /inspect. */
function otherEndpointsSection(): string {
  const start = docs.indexOf('## The other endpoints, for reference');
  expect(start).toBeGreaterThan(-1);
  const end = docs.indexOf('\n## ', start + 1);
  return docs.slice(start, end === -1 ? undefined : end);
}

describe('one row per WebSocket path', () => {
  it('names each path and each endpoint once', () => {
    const paths = endpointTable.map((row) => row.path);
    const names = endpointTable.map((row) => row.name);
    expect(new Set(paths).size).toBe(paths.length);
    expect(new Set(names).size).toBe(names.length);
  });

  it('opens with a ticket exactly the path that ticket is asked for (the page reads ticketSocketPaths)', () => {
    const ticketed = endpointTable.filter((row) => row.ticket !== null);
    expect(ticketed.map((row) => row.ticket!.socket).sort()).toEqual([...ticketSockets].sort());
    for (const row of ticketed) expect(ticketSocketPaths[row.ticket!.socket]).toBe(row.path);
  });

  it('tells a client on an unknown path every path it may try', () => {
    for (const row of endpointTable) expect(noEndpointHere).toContain(row.path);
  });
});

describe('docs/inspector-protocol.md lists the table', () => {
  it('describes every path of the table, and no other (/inspect is the document itself)', () => {
    const documented = [...otherEndpointsSection().matchAll(/`(\/[^`\s]*)` —/g)].map((match) => match[1]);
    const paths = endpointTable.map((row) => row.path).filter((path) => path !== '/inspect');
    expect([...documented].sort()).toEqual([...paths].sort());
    expect(docs.split('\n')[0]).toContain('`/inspect`');
  });

  it('names, as not closed when idle, exactly the paths the idle sweep does not watch', () => {
    const sentence = otherEndpointsSection().match(/idle timeout" after [^(]*\(([^)]*)\)/);
    expect(sentence).not.toBeNull();
    const exempt = [...sentence![1]!.matchAll(/`(\/[^`\s]*)`/g)].map((match) => match[1]);
    const unwatched = endpointTable.filter((row) => !idleSweepWatches(row.name)).map((row) => row.path);
    expect(exempt.sort()).toEqual(unwatched.sort());
  });
});
