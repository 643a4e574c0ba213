import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/**
 * Headers on every HTTP response of the deck:
 * - Content-Security-Policy: scripts only from our own files (the built deck has no inline script;
 *   the code slides evaluate their own text, hence 'unsafe-eval'),
 *   sockets only to our own origin (ws: and wss: spelled out: CSP 'self' does not cover them everywhere),
 *   no plugins, no <base>, no forms, framed only by ourselves (the speaker view frames the deck).
 *   Styles allow inline: reveal.js and the widgets set style attributes, and a style cannot run code.
 * - X-Content-Type-Options: nosniff, so a file is never run as something it is not.
 * - Referrer-Policy: no-referrer, so a `?presenter=TOKEN` address never leaks through Referer.
 * - X-Frame-Options for browsers without frame-ancestors.
 *
 * reveal.js's speaker view is the one inline script: its plugin writes a page with a `<script>` into an
 * about:blank popup, which inherits our policy. That script is allowed by its hash, read from the built
 * deck at start, so nothing else inline can run.
 */
export function securityHeaders(
  staticRoot: string,
  dev: boolean,
): (req: IncomingMessage, res: ServerResponse) => void {
  const scriptHashes = dev ? [] : inlineScriptHashes(staticRoot);
  const fixed = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'SAMEORIGIN',
    'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
  };
  return (req, res) => {
    for (const [name, value] of Object.entries(fixed)) res.setHeader(name, value);
    // Vite's dev server injects inline scripts of its own (hot reload): no policy in --dev.
    if (dev) return;
    // The Host header was checked against the allow-list before this runs.
    const host = req.headers.host ?? '';
    const policy = [
      "default-src 'self'",
      // 'unsafe-eval': the seed's code slides run their own text (src/deck/codeRunner.ts, new Function).
      // It lets running script evaluate strings; it lets no injected markup or inline script run.
      `script-src 'self' 'unsafe-eval'${scriptHashes.map((hash) => ` '${hash}'`).join('')}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      `connect-src 'self' ws://${host} wss://${host}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'self'",
    ];
    res.setHeader('Content-Security-Policy', policy.join('; '));
  };
}

/**
 * The sha256 of each `<script>…</script>` written from inside the deck's JavaScript (the speaker view's
 * page, kept in the bundle as one string). Found by the text around it and unescaped as the string
 * literal it sits in, which is what the popup's parser will hash.
 */
export function inlineScriptHashes(staticRoot: string): string[] {
  const assets = join(staticRoot, 'assets');
  if (!existsSync(assets)) return [];
  const hashes = new Set<string>();
  for (const name of readdirSync(assets)) {
    if (!name.endsWith('.js')) continue;
    const source = readFileSync(join(assets, name), 'utf8');
    let from = 0;
    for (;;) {
      const open = source.indexOf('<script>', from);
      if (open < 0) break;
      const start = open + '<script>'.length;
      const close = [source.indexOf('<\\/script>', start), source.indexOf('</script>', start)]
        .filter((i) => i >= 0)
        .sort((a, b) => a - b)[0];
      if (close === undefined) break;
      const body = unescapeLiteral(source.slice(start, close));
      hashes.add(`sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`);
      from = close;
    }
  }
  return [...hashes];
}

/** A JavaScript string literal's raw text to its value: `\n`, `\t`, `\"`, `\\`, `\/`, `\``, `\$`, `\uXXXX`. */
function unescapeLiteral(raw: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };
  return raw.replace(
    /\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g,
    (_, sequence: string) => {
      if (sequence.startsWith('u{')) return String.fromCodePoint(Number.parseInt(sequence.slice(2, -1), 16));
      if (sequence.length > 1) return String.fromCharCode(Number.parseInt(sequence.slice(1), 16));
      if (sequence === '\n') return '';
      return simple[sequence] ?? sequence;
    },
  );
}
