import { escapeHtml } from './diagrams/escape.ts';

/**
 * A small highlighter for the two languages the slides show (JavaScript and HTTP heads): enough colour to
 * read code from the back of a room, without bundling a megabyte of highlight.js.
 */
const javascriptToken =
  /(\/\/[^\n]*)|('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)|\b(var|let|const|function|new|return|if|else|require|import|from|class|this|true|false|null|undefined)\b|\b(\d+(?:\.\d+)?)\b/g;

function highlightJavascript(code: string): string {
  let html = '';
  let last = 0;
  for (const match of code.matchAll(javascriptToken)) {
    const index = match.index ?? 0;
    html += escapeHtml(code.slice(last, index));
    const kind = match[1] ? 'comment' : match[2] ? 'string' : match[3] ? 'keyword' : 'number';
    html += `<span class="token-${kind}">${escapeHtml(match[0])}</span>`;
    last = index + match[0].length;
  }
  return html + escapeHtml(code.slice(last));
}

function highlightHttp(code: string): string {
  return code
    .split('\n')
    .map((line, i) => {
      if (line.startsWith('#')) return `<span class="token-comment">${escapeHtml(line)}</span>`;
      if (i === 0 && /^(GET|POST|HTTP\/)/.test(line))
        return `<span class="token-keyword">${escapeHtml(line)}</span>`;
      const colon = line.indexOf(':');
      if (colon < 0) return escapeHtml(line);
      return `<span class="token-property">${escapeHtml(line.slice(0, colon))}</span>:${escapeHtml(line.slice(colon + 1))}`;
    })
    .join('\n');
}

export function highlightCode(root: ParentNode): void {
  for (const code of root.querySelectorAll<HTMLElement>('pre > code')) {
    // Slide files may start a block on the line after `<code>`; that newline is layout, not code.
    const text = (code.textContent ?? '').replace(/^\n/, '').trimEnd();
    code.textContent = text;
    if (code.classList.contains('language-javascript')) code.innerHTML = highlightJavascript(text);
    else if (code.classList.contains('language-http')) code.innerHTML = highlightHttp(text);
  }
}
