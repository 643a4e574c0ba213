/**
 * The terminal's line editing, with no terminal attached: it takes what xterm reports as typed (keys,
 * escape sequences, pasted text) and says what to draw and which lines were entered. Pure, so it is
 * tested without a browser.
 */
export type EditorEvent =
  | { readonly type: 'submit'; readonly line: string }
  | { readonly type: 'clear' }
  | { readonly type: 'cancel' };

export type EditorOutput = { output: string; events: EditorEvent[] };

/** Terminal cells a string takes: CJK and other wide characters take two (a small wcwidth). */
export function cellWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

const sequences: Record<string, 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'delete'> = {
  '\x1b[A': 'up',
  '\x1b[B': 'down',
  '\x1b[C': 'right',
  '\x1b[D': 'left',
  '\x1b[H': 'home',
  '\x1b[F': 'end',
  '\x1bOH': 'home',
  '\x1bOF': 'end',
  '\x1b[3~': 'delete',
};

export class LineEditor {
  private chars: string[] = [];
  private cursor = 0;
  private readonly history: string[] = [];
  private historyIndex: number | null = null;
  private draft: string[] = [];

  constructor(
    readonly prompt: string,
    private readonly maxHistory = 200,
  ) {}

  get line(): string {
    return this.chars.join('');
  }

  /** Drops the line being typed (the demonstration, interrupted); returns what redraws the empty prompt. */
  discardLine(): string {
    this.reset();
    return this.redraw();
  }

  /** Draws the prompt and the line, leaving the cursor where it belongs. */
  redraw(): string {
    const after = cellWidth(this.chars.slice(this.cursor).join(''));
    return `\r\x1b[K${this.prompt}${this.line}${after > 0 ? `\x1b[${after}D` : ''}`;
  }

  input(data: string): EditorOutput {
    const events: EditorEvent[] = [];
    let output = '';
    let changed = false;
    for (let i = 0; i < data.length; ) {
      const sequence = Object.keys(sequences).find((s) => data.startsWith(s, i));
      if (sequence) {
        changed = this.move(sequences[sequence]!) || changed;
        i += sequence.length;
        continue;
      }
      const char = String.fromCodePoint(data.codePointAt(i)!);
      i += char.length;
      if (char === '\r' || char === '\n') {
        if (char === '\n' && data[i - 2] === '\r') continue; // CRLF from a paste is one Enter
        output += `${changed ? this.redraw() : ''}\r\n`;
        changed = false;
        events.push({ type: 'submit', line: this.submit() });
      } else if (char === '\x7f' || char === '\b') {
        if (this.cursor > 0) {
          this.chars.splice(--this.cursor, 1);
          changed = true;
        }
      } else if (char === '\x03') {
        output += '^C\r\n';
        this.reset();
        events.push({ type: 'cancel' });
        changed = true;
      } else if (char === '\x0c') {
        events.push({ type: 'clear' });
        changed = true;
      } else if (char === '\x01') {
        changed = this.move('home') || changed;
      } else if (char === '\x05') {
        changed = this.move('end') || changed;
      } else if (char === '\x1b') {
        // A lone Esc, or a sequence we do not edit with: skip the rest of it.
        const rest = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])?/.exec(data.slice(i - 1));
        i += (rest?.[0].length ?? 1) - 1;
      } else if (char >= ' ') {
        this.chars.splice(this.cursor++, 0, char);
        changed = true;
      }
    }
    if (changed) output += this.redraw();
    return { output, events };
  }

  private submit(): string {
    const line = this.line;
    if (line.trim() !== '' && this.history.at(-1) !== line) {
      this.history.push(line);
      if (this.history.length > this.maxHistory) this.history.shift();
    }
    this.reset();
    return line;
  }

  private reset(): void {
    this.chars = [];
    this.cursor = 0;
    this.historyIndex = null;
  }

  private move(where: (typeof sequences)[string]): boolean {
    switch (where) {
      case 'left':
        if (this.cursor === 0) return false;
        this.cursor--;
        return true;
      case 'right':
        if (this.cursor === this.chars.length) return false;
        this.cursor++;
        return true;
      case 'home':
        this.cursor = 0;
        return true;
      case 'end':
        this.cursor = this.chars.length;
        return true;
      case 'delete':
        if (this.cursor === this.chars.length) return false;
        this.chars.splice(this.cursor, 1);
        return true;
      case 'up':
      case 'down':
        return this.browseHistory(where === 'up' ? -1 : 1);
    }
  }

  private browseHistory(step: -1 | 1): boolean {
    if (this.history.length === 0) return false;
    if (this.historyIndex === null) {
      if (step === 1) return false;
      this.draft = this.chars;
      this.historyIndex = this.history.length;
    }
    const next = this.historyIndex + step;
    if (next < 0) return false;
    if (next >= this.history.length) {
      this.historyIndex = null;
      this.chars = this.draft;
    } else {
      this.historyIndex = next;
      this.chars = [...this.history[next]!];
    }
    this.cursor = this.chars.length;
    return true;
  }
}
