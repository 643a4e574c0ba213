import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deckCaseTable } from '../../src/conform/cases/index.ts';
import { conformEndpoints } from '../../src/conform/endpoints.ts';
import type { ConformRecording } from '../../src/widgets/conform/recording.ts';
import type { RecordingManifest } from '../../src/widgets/recorded/recordings.ts';
import { conformSuiteHash } from './conformSuiteHash.ts';
import { decoderHash } from './decoderHash.ts';
import { recordedPlaceholders } from './placeholders.ts';
import { conformRecordingFile } from './recordConform.ts';

export const recordingsDirectory = 'slides/recordings';

/**
 * What stops the static site from being built: a recorded widget with no recording, a file missing, or a
 * recording made before the decoder last changed (its stored hash differs). Empty when all is well.
 */
export function recordingProblems(root: string): string[] {
  const manifestPath = join(root, recordingsDirectory, 'recordings.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as RecordingManifest;
  const current = decoderHash(root);
  const problems: string[] = [];
  for (const placeholder of recordedPlaceholders(root)) {
    const recordings = manifest.recordings.filter((r) => r.key === placeholder.key);
    if (recordings.length === 0) problems.push(`${placeholder.key} (${placeholder.widget}): no recording`);
    for (const recording of recordings) {
      if (!existsSync(join(root, recordingsDirectory, recording.file)))
        problems.push(`${placeholder.key}: ${recording.file} is missing`);
      else if (recording.decoderHash !== current)
        problems.push(
          `${placeholder.key} (${recording.browser}): recorded with decoder ${recording.decoderHash}, the decoder is now ${current}`,
        );
    }
  }
  return [...problems, ...conformRecordingProblems(root)];
}

/**
 * The conformance slide's recorded run (conform.json): missing, made of another suite than today's (its
 * cases' steps and expectations, or the endpoints: `suite` is their hash now), or short of a case or an
 * endpoint the slide shows.
 */
export function conformRecordingProblems(root: string, suite = conformSuiteHash()): string[] {
  const path = join(root, recordingsDirectory, conformRecordingFile);
  if (!existsSync(path)) return [`conform: ${conformRecordingFile} is missing`];
  const recording = JSON.parse(readFileSync(path, 'utf8')) as ConformRecording;
  if (recording.suiteHash !== suite)
    return [`conform: recorded with suite ${recording.suiteHash}, the suite is now ${suite}`];
  return conformEndpoints.flatMap((endpoint) => {
    const run = recording.endpoints.find((r) => r.id === endpoint.id);
    if (!run) return [`conform: ${conformRecordingFile} has no run on ${endpoint.id}`];
    const recorded = new Set(run.cases.map((c) => c.id));
    const missing = deckCaseTable.filter((c) => !recorded.has(c.id)).map((c) => c.id);
    if (missing.length === 0) return [];
    const named = `${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`;
    return [
      `conform: the run on ${endpoint.id} lacks ${missing.length} of ${deckCaseTable.length} cases: ${named}`,
    ];
  });
}

/** A Vite plugin for the static build: fails it, saying what to do, when a recording is missing or stale. */
export function recordingsCheckPlugin(root: string) {
  return {
    name: 'ws101-recordings-check',
    buildStart() {
      const problems = recordingProblems(root);
      if (problems.length > 0)
        throw new Error(
          `The static site replays recorded sessions, and ${problems.length} are missing or older than the decoder or the conformance suite:\n  ${problems.join('\n  ')}\nRun \`npm run record\` (it drives the deck against the bundled server; RECORD_ONLY=conform records the conformance run alone) and commit slides/recordings/.`,
        );
    },
  };
}
