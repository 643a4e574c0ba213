import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConformRecording } from '../../../src/widgets/conform/recording.ts';
import type { RecordingManifest } from '../../../src/widgets/recorded/recordings.ts';
import { conformRecordingProblems, recordingProblems } from '../../../tools/recordings/checkRecordings.ts';
import { conformSuiteHash } from '../../../tools/recordings/conformSuiteHash.ts';
import { decoderHash } from '../../../tools/recordings/decoderHash.ts';
import { recordedPlaceholders } from '../../../tools/recordings/placeholders.ts';

const repository = process.cwd();
let root = '';

/** A copy of what the check reads: the decoder's sources, the slides and the recordings. */
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ws101-recordings-'));
  for (const directory of ['src/protocol', 'src/capture', 'slides/en', 'slides/recordings'])
    cpSync(join(repository, directory), join(root, directory), { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const manifestPath = () => join(root, 'slides/recordings/recordings.json');
const readManifest = () => JSON.parse(readFileSync(manifestPath(), 'utf8')) as RecordingManifest;

describe('the recordings committed with the deck', () => {
  it('cover every recorded widget of the slides, made with the decoder as it is now', () => {
    expect(recordingProblems(repository)).toEqual([]);
    const keys = recordedPlaceholders(repository).map((p) => p.key);
    expect([...new Set(readManifest().recordings.map((r) => r.key))]).toEqual(keys);
    // Where the wire differs by browser, Firefox recorded it too.
    const handshake = readManifest().recordings.filter((r) => r.key === 'handshake-live/0');
    expect(handshake.map((r) => r.browser.split(' ')[0])).toEqual(['Chromium', 'Firefox']);
    // The slides' widgets that replay a session: the handshake, the composers, the lab, the terminal…
    expect(keys).toContain('handshake-live/0');
    expect(keys).toContain('close-api/1');
    expect(keys).not.toContain('chat/0');
  });
});

describe('the static build refuses a recording that is missing or stale', () => {
  it('names a widget with no recording', () => {
    const manifest = readManifest();
    writeFileSync(
      manifestPath(),
      JSON.stringify({ ...manifest, recordings: manifest.recordings.filter((r) => r.key !== 'lab/0') }),
    );
    expect(recordingProblems(root)).toEqual(['lab/0 (lab): no recording']);
  });

  it('names a recording whose file is gone', () => {
    rmSync(join(root, 'slides/recordings/terminal-0.pcapng'));
    expect(recordingProblems(root)).toEqual(['terminal/0: terminal-0.pcapng is missing']);
  });

  it('names every recording once the decoder changes, and none when only its imports move', () => {
    const before = decoderHash(root);
    const file = join(root, 'src/protocol/frameHeader.ts');
    const source = readFileSync(file, 'utf8');
    // An import rewritten (the protocol-import codemod) does not change what is decoded.
    writeFileSync(file, source.replace(/from '\.\/opcodes\.ts'/, "from './index.ts'"));
    expect(decoderHash(root)).toBe(before);
    expect(recordingProblems(root)).toEqual([]);
    appendFileSync(file, '\nexport const decodingChanged = true;\n');
    const after = decoderHash(root);
    expect(after).not.toBe(before);
    const problems = recordingProblems(root);
    expect(problems).toHaveLength(readManifest().recordings.length);
    expect(problems[0]).toContain(`the decoder is now ${after}`);
  });
});

describe('the static build refuses a conformance recording that is missing, stale or short', () => {
  const conformPath = () => join(root, 'slides/recordings/conform.json');
  const readConform = () => JSON.parse(readFileSync(conformPath(), 'utf8')) as ConformRecording;

  it('takes the committed one: made of today’s suite, every case on every endpoint', () => {
    expect(conformRecordingProblems(repository)).toEqual([]);
    expect(readConform().suiteHash).toBe(conformSuiteHash());
  });

  it('names it when it is gone', () => {
    rmSync(conformPath());
    expect(recordingProblems(root)).toEqual(['conform: conform.json is missing']);
  });

  it('names it once the suite changes (its hash is no longer the stored one)', () => {
    const stored = readConform().suiteHash;
    expect(conformRecordingProblems(root, 'another-suite')).toEqual([
      `conform: recorded with suite ${stored}, the suite is now another-suite`,
    ]);
    writeFileSync(conformPath(), JSON.stringify({ ...readConform(), suiteHash: '0123456789abcdef' }));
    expect(recordingProblems(root)).toEqual([
      `conform: recorded with suite 0123456789abcdef, the suite is now ${conformSuiteHash()}`,
    ]);
  });

  it('names an endpoint with no run and a run short of cases', () => {
    const recording = readConform();
    const [ws, wsnode] = recording.endpoints;
    writeFileSync(
      conformPath(),
      JSON.stringify({
        ...recording,
        endpoints: [{ ...ws!, cases: ws!.cases.filter((c) => c.id !== '3.1') }],
      }),
    );
    expect(recordingProblems(root)).toEqual([
      `conform: the run on ws lacks 1 of ${ws!.cases.length} cases: 3.1`,
      `conform: conform.json has no run on ${wsnode!.id}`,
    ]);
  });
});
