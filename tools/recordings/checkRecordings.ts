import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordingManifest } from '../../src/widgets/recorded/recordings.ts';
import { decoderHash } from './decoderHash.ts';
import { recordedPlaceholders } from './placeholders.ts';

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
  return problems;
}

/** A Vite plugin for the static build: fails it, saying what to do, when a recording is missing or stale. */
export function recordingsCheckPlugin(root: string) {
  return {
    name: 'ws101-recordings-check',
    buildStart() {
      const problems = recordingProblems(root);
      if (problems.length > 0)
        throw new Error(
          `The static site replays recorded sessions, and ${problems.length} are missing or older than the decoder:\n  ${problems.join('\n  ')}\nRun \`npm run record\` (it drives the deck against the bundled server) and commit slides/recordings/.`,
        );
    },
  };
}
