import { describe, expect, it } from 'vitest';
import { cellWidth, LineEditor } from '../../../src/widgets/terminal/lineEditor.ts';

function submitted(editor: LineEditor, data: string): string[] {
  return editor
    .input(data)
    .events.filter((e) => e.type === 'submit')
    .map((e) => (e.type === 'submit' ? e.line : ''));
}

describe('the terminal line editor', () => {
  it('typing and Enter submit the line', () => {
    const editor = new LineEditor('> ');
    expect(submitted(editor, 'hello\r')).toEqual(['hello']);
    expect(editor.line).toBe('');
  });

  it('backspace, arrows, home/end and delete edit in place', () => {
    const editor = new LineEditor('> ');
    editor.input('helo');
    editor.input('\x1b[D'); // left, before "o"
    editor.input('l');
    expect(editor.line).toBe('hello');
    editor.input('\x01X\x05!'); // home, X, end, !
    expect(editor.line).toBe('Xhello!');
    editor.input('\x7f\x7f');
    expect(editor.line).toBe('Xhell');
    editor.input('\x1b[H\x1b[3~');
    expect(editor.line).toBe('hell');
  });

  it('up and down walk the history, and the draft comes back', () => {
    const editor = new LineEditor('> ');
    editor.input('one\rtwo\r');
    editor.input('dra');
    editor.input('\x1b[A');
    expect(editor.line).toBe('two');
    editor.input('\x1b[A');
    expect(editor.line).toBe('one');
    editor.input('\x1b[A');
    expect(editor.line).toBe('one');
    editor.input('\x1b[B\x1b[B');
    expect(editor.line).toBe('dra');
  });

  it('a pasted block submits each line; CRLF counts once', () => {
    const editor = new LineEditor('> ');
    expect(submitted(editor, '/ping a\r\n/close 4000 bye\npartial')).toEqual(['/ping a', '/close 4000 bye']);
    expect(editor.line).toBe('partial');
  });

  it('Ctrl+C cancels the line, Ctrl+L asks to clear', () => {
    const editor = new LineEditor('> ');
    editor.input('abc');
    expect(editor.input('\x03').events).toEqual([{ type: 'cancel' }]);
    expect(editor.line).toBe('');
    expect(editor.input('\x0c').events).toEqual([{ type: 'clear' }]);
  });

  it('redraws with the cursor placed by cell width, CJK taking two cells', () => {
    const editor = new LineEditor('> ');
    editor.input('你好a\x1b[D\x1b[D');
    expect(editor.redraw()).toBe('\r\x1b[K> 你好a\x1b[3D');
    expect(cellWidth('你好a')).toBe(5);
  });

  it('ignores other escape sequences and control characters', () => {
    const editor = new LineEditor('> ');
    editor.input('a\x1b[1;5Cb\x07\tc');
    expect(editor.line).toBe('abc');
  });
});
