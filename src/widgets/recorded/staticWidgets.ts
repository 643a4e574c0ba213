import manifestJson from '../../../slides/recordings/recordings.json';
import type { WidgetContext, WidgetMount, WidgetName } from '../registry.ts';
import { placeholderKey, type RecordedSession, type RecordingManifest, staticRoles } from './recordings.ts';

const manifest = manifestJson as RecordingManifest;
const recordingUrls = import.meta.glob<string>('../../../slides/recordings/*.pcapng', {
  query: '?url',
  import: 'default',
  eager: true,
});

/** The recordings that replay this placeholder (Chromium's first; Firefox's where its wire differs), with their URLs. */
export function recordingsFor(placeholder: HTMLElement): RecordedSession[] {
  const key = placeholderKey(placeholder);
  return manifest.recordings.flatMap((recording) => {
    const url = recordingUrls[`../../../slides/recordings/${recording.file}`];
    return recording.key === key && url ? [{ recording, url }] : [];
  });
}

/**
 * The mount the static site uses for a placeholder instead of the live one, or null to mount the live
 * widget as it is (a pure one). A recorded widget with no recording keeps its captured example (the
 * static build refuses to build without one: tools/recordings/checkRecordings.ts).
 */
export function staticMount(name: WidgetName, placeholder: HTMLElement): WidgetMount | null {
  const role = staticRoles[name] ?? 'pure';
  if (role === 'pure') return null;
  if (role === 'room' || role === 'conform') {
    return async (host, context) => (await import('./index.ts')).mountNeedsServer(host, context.lang, role);
  }
  const found = recordingsFor(placeholder);
  if (found.length === 0)
    return () => Promise.reject(new Error(`no recording for ${placeholderKey(placeholder)}`));
  return async (host: HTMLElement, context: WidgetContext) => {
    const { mountRecordedSession } = await import('./index.ts');
    const recorded = mountRecordedSession(host, context.lang, found);
    if (name !== 'lab') return recorded;
    // The lab's bit editor needs no server: it stays, under the replay of the lab's demo.
    const { mountLab } = await import('../lab/index.ts');
    const editor = document.createElement('div');
    editor.className = 'ws-recorded-editor';
    host.append(editor);
    const lab = mountLab(editor, { ...context, options: { ...context.options, widgetTab: 'editor' } });
    return {
      destroy() {
        lab.destroy();
        editor.remove();
        recorded.destroy();
      },
    };
  };
}
