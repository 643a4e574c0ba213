/** What the demonstration types, line by line: real commands, so every frame it shows really crossed the wire. */
const onlineScript = ['hello', '/ping ws101', '/binary 01 02 fe ff'] as const;
const offlineScript = ['/help'] as const;

export type DemoTiming = {
  readonly startAfterMs: number;
  readonly perCharacterMs: number;
  readonly beforeEnterMs: number;
  readonly betweenLinesMs: number;
};

// The shared demo lifecycle (src/widgets/shared/autoDemo.ts) already waits before starting; the first
// command's frames then show within about a second and a half of the slide appearing.
const defaultTiming: DemoTiming = {
  startAfterMs: 0,
  perCharacterMs: 70,
  beforeEnterMs: 250,
  betweenLinesMs: 1600,
};

/**
 * An untouched terminal is not an empty black box: it types a short session by itself, through the same
 * input path as a person (so the commands really run and their frames really cross the wire), and stops
 * for good the moment someone types or clicks into it. `type` receives what a keyboard would send; `done`
 * runs once the whole script has been typed.
 */
export function startDemo(
  options: { offline: boolean; type: (data: string) => void; done: () => void },
  timing: DemoTiming = defaultTiming,
): { stop(): void; readonly running: boolean } {
  const script: readonly string[] = options.offline ? offlineScript : onlineScript;
  let timer = 0;
  let running = true;
  const later = (ms: number, next: () => void) => {
    timer = window.setTimeout(() => {
      if (running) next();
    }, ms);
  };
  const typeLine = (line: number, char: number) => {
    const text = script[line];
    if (text === undefined) {
      running = false;
      options.done();
    } else if (char < text.length) {
      options.type(text[char]!);
      later(timing.perCharacterMs, () => typeLine(line, char + 1));
    } else {
      later(timing.beforeEnterMs, () => {
        options.type('\r');
        later(timing.betweenLinesMs, () => typeLine(line + 1, 0));
      });
    }
  };
  later(timing.startAfterMs, () => typeLine(0, 0));
  return {
    stop() {
      running = false;
      clearTimeout(timer);
    },
    get running() {
      return running;
    },
  };
}
