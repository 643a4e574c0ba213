import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordingKey, staticRoles } from '../../src/widgets/recorded/recordings.ts';

export type Placeholder = { key: string; slide: string; index: number; widget: string };

/**
 * The live widgets the static site replays, read from the slides' own markup (slides/en: both languages
 * have the same slides): each placeholder keyed as the page keys it, by its slide's id and its place
 * among that slide's widgets (src/widgets/recorded/recordings.ts).
 */
export function recordedPlaceholders(root: string): Placeholder[] {
  const directory = join(root, 'slides/en');
  const found: Placeholder[] = [];
  for (const name of readdirSync(directory)
    .filter((file) => file.endsWith('.html'))
    .sort()) {
    const html = readFileSync(join(directory, name), 'utf8');
    const open: (string | null)[] = [];
    const counts = new Map<string, number>();
    for (const match of html.matchAll(/<section\b([^>]*)>|<\/section>|data-widget="([a-z-]+)"/g)) {
      if (match[0] === '</section>') open.pop();
      else if (match[0].startsWith('<section')) open.push(/\bid="([^"]+)"/.exec(match[1] ?? '')?.[1] ?? null);
      else {
        const slide = open.findLast((id) => id !== null);
        const widget = match[2]!;
        if (!slide) continue;
        const index = counts.get(slide) ?? 0;
        counts.set(slide, index + 1);
        if (staticRoles[widget] === 'recorded')
          found.push({ key: recordingKey(slide, index), slide, index, widget });
      }
    }
  }
  return found;
}
