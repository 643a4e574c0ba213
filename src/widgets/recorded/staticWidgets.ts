import conformRecordingUrl from '../../../slides/recordings/conform.json?url';
import manifestJson from '../../../slides/recordings/recordings.json';
import { staticSiteText } from '../../shared/strings/staticSite.ts';
import type { ConformRecording } from '../conform/recording.ts';
import type { WidgetContext, WidgetInstance, WidgetMount, WidgetName } from '../widget.ts';
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
  if (role === 'room') {
    return async (host, context) => (await import('./index.ts')).mountNeedsServer(host, context.lang);
  }
  if (role === 'conform') return mountConformRecording;
  const found = recordingsFor(placeholder);
  if (found.length === 0)
    return () => Promise.reject(new Error(`no recording for ${placeholderKey(placeholder)}`));
  return async (host: HTMLElement, context: WidgetContext) => {
    const { mountRecordedSession } = await import('./index.ts');
    // The handshake slide is about the upgrade request and the 101: they come first, as recorded.
    const heads = name === 'handshake' ? document.createElement('div') : null;
    const recorded = mountRecordedSession(host, context.lang, found, heads);
    const replay = host.querySelector<HTMLElement>('.ws-recorded-body')!;
    if (heads)
      return withSwitch(host.querySelector<HTMLElement>('.ws-recorded')!, recorded, [
        [staticSiteText(context.lang, 'headsTab'), heads],
        [staticSiteText(context.lang, 'framesTab'), replay],
      ]);
    if (name !== 'lab') return recorded;
    // The lab's bit editor needs no server: it stays, one button away from the replay of the lab's demo.
    const { mountLab } = await import('../lab/index.ts');
    const editor = document.createElement('div');
    editor.className = 'ws-recorded-editor';
    const lab = mountLab(editor, { ...context, options: { ...context.options, widgetTab: 'editor' } });
    const switched = withSwitch(host, recorded, [
      [staticSiteText(context.lang, 'recordedTab'), host.querySelector<HTMLElement>('.ws-recorded')!],
      [staticSiteText(context.lang, 'editorTab'), editor],
    ]);
    return {
      destroy() {
        lab.destroy();
        switched.destroy();
      },
    };
  };
}

/**
 * The conformance slide's recorded run: fetched as the pcapngs are (a file of the site, 0.8 MB, loaded
 * only when the slide is first shown, then kept for every later mount: a return to the slide, a language
 * switch), drawn by the slide's own view.
 */
async function mountConformRecording(host: HTMLElement, context: WidgetContext): Promise<WidgetInstance> {
  const [{ mountRecordedConform }, recording] = await Promise.all([
    import('../conform/recorded.ts'),
    conformRecording(),
  ]);
  return mountRecordedConform(host, context, recording);
}

let conformRecordingLoad: Promise<ConformRecording> | null = null;

function conformRecording(): Promise<ConformRecording> {
  if (!conformRecordingLoad) {
    conformRecordingLoad = fetch(conformRecordingUrl).then(async (response) => {
      if (!response.ok)
        throw new Error(`the conformance recording: ${response.status} ${response.statusText}`);
      return (await response.json()) as ConformRecording;
    });
    // A failed load is not kept: the next mount asks again.
    conformRecordingLoad.catch(() => {
      conformRecordingLoad = null;
    });
  }
  return conformRecordingLoad;
}

/** Two views of one widget, one shown at a time, chosen by a row of buttons above them. */
function withSwitch(
  host: HTMLElement,
  inner: WidgetInstance,
  views: readonly (readonly [label: string, view: HTMLElement])[],
): WidgetInstance {
  const switcher = document.createElement('div');
  switcher.className = 'ws-recorded-switch';
  const buttons = views.map(([label, view]) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ws-button';
    button.textContent = label;
    button.addEventListener('click', () => {
      for (const [, other] of views) other.hidden = other !== view;
      for (const each of buttons) each.setAttribute('aria-pressed', String(each === button));
    });
    return button;
  });
  switcher.append(...buttons);
  host.prepend(switcher);
  for (const [, view] of views) if (!view.isConnected) host.append(view);
  buttons[0]!.click();
  return {
    destroy() {
      for (const [, view] of views) view.remove();
      switcher.remove();
      inner.destroy();
    },
  };
}
