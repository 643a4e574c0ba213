import { parseHex } from '../protocol/index.ts';
import type { SuiteRun } from './net/runSuite.ts';
import { countByCategory, countCloseResults, countResults, formatCounts, throughput } from './summary.ts';
import { directionBytes, frameLines, type KeptBytes } from './transcript.ts';
import { autobahnNames, type CloseResult, closeResults, type Result, results } from './types.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const colours: Record<Result, string> = {
  pass: '#1b7f3b',
  'non-strict': '#a66300',
  informational: '#1f5f99',
  fail: '#b3261e',
  unimplemented: '#666',
};

const closeColours: Record<CloseResult, string> = {
  ok: '#1b7f3b',
  'wrong-code': '#a66300',
  unclean: '#b3261e',
  'failed-by-client': '#a66300',
  informational: '#1f5f99',
  failed: '#b3261e',
};

function bytesBlock(label: string, kept: KeptBytes, sender: 'client' | 'server'): string {
  const parsed = kept.hex ? parseHex(kept.hex) : { ok: true as const, bytes: new Uint8Array(0) };
  const frames = parsed.ok ? frameLines(parsed.bytes, sender) : [];
  const cut =
    kept.total > kept.hex.split(' ').filter(Boolean).length
      ? ` (first ${kept.hex.split(' ').length} of ${kept.total})`
      : '';
  return `<h4>${escapeHtml(label)}: ${kept.total} bytes${cut}</h4>
<pre class="frames">${escapeHtml(frames.join('\n') || '(none)')}</pre>
<pre class="hex">${escapeHtml(kept.hex || '(none)')}</pre>`;
}

const style = `
body{font:16px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.6rem}table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left}
.r{font-weight:600}details{border-top:1px solid #ddd;padding:.3rem 0}summary{cursor:pointer}
summary code{display:inline-block;min-width:5.5rem}pre{background:#f5f5f7;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:13px}
dl{display:grid;grid-template-columns:8rem 1fr;gap:.2rem .8rem}dt{font-weight:600}h4{margin:.6rem 0 .2rem}`;

/** A self-contained page (no script, no external file) a learner can open offline. */
export function htmlReport(run: SuiteRun): string {
  const items = run.runs.map((r) => ({ category: r.def.category, result: r.verdict.result }));
  const badge = (result: Result) =>
    `<span class="r" style="color:${colours[result]}" title="Autobahn: ${autobahnNames[result]}">${result}</span>`;
  const closeBadge = (close: CloseResult) =>
    `<span class="r" style="color:${closeColours[close]}" title="Autobahn: ${autobahnNames[close]}">close ${close}</span>`;
  const closeCounts = countCloseResults(run.runs.map((r) => r.verdict));
  const summaryRows = countByCategory(items)
    .map(
      ({ category, counts }) =>
        `<tr><td>${category.number}</td><td>${escapeHtml(category.title.en)}</td>${results.map((r) => `<td>${counts[r]}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const total = countResults(items);
  const cases = run.runs
    .map(({ def, verdict, observation }) => {
      const sent = directionBytes(observation.transcript, 'sent');
      const received = directionBytes(observation.transcript, 'received');
      return `<details id="case-${escapeHtml(def.id)}"${verdict.result === 'fail' || verdict.close === 'failed' ? ' open' : ''}>
<summary><code>${escapeHtml(def.id)}</code> ${badge(verdict.result)} ${closeBadge(verdict.close)} ${escapeHtml(def.title.en)}${def.reportTime ? ` <small>${throughput({ observation })}</small>` : ''}</summary>
<dl>
<dt>Group</dt><dd>${escapeHtml(def.group)}${def.autobahn ? ` (Autobahn case ${escapeHtml(def.id)})` : " (ws101's own case)"}</dd>
<dt>Expected</dt><dd>${escapeHtml(verdict.expected.en)} (RFC 6455 §${escapeHtml(def.section)})</dd>
<dt>Observed</dt><dd>${escapeHtml(verdict.observed.en)}</dd>
${verdict.why ? `<dt>Verdict</dt><dd>${escapeHtml(verdict.why.en)}</dd>` : ''}
${verdict.closeWhy ? `<dt>Close</dt><dd>${escapeHtml(verdict.closeWhy.en)}</dd>` : ''}
<dt>Why the rule</dt><dd>${escapeHtml(def.why)}</dd>
</dl>
${bytesBlock('Bytes sent (client → server)', sent, 'client')}
${bytesBlock('Bytes received (server → client)', received, 'server')}
</details>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>ws101 conform: ${escapeHtml(run.target.url)}</title><style>${style}</style></head>
<body>
<h1>ws101 conform: ${escapeHtml(run.target.url)}</h1>
<p>${run.runs.length} cases in ${(run.durationMs / 1000).toFixed(2)} s: ${escapeHtml(formatCounts(total))}.
Closing handshake: ${closeResults.map((r) => `${closeCounts[r]} ${r}`).join(', ')}.
Two columns as in Autobahn|Testsuite's report: the behaviour, and the closing handshake.
Cases numbered like Autobahn|Testsuite's run the same test; ws101.* cases are ws101's own.
Each case shows what was sent and what came back, decoded frame by frame, and why the rule exists.</p>
<table><thead><tr><th>#</th><th>Category</th>${results.map((r) => `<th>${badge(r)}</th>`).join('')}</tr></thead>
<tbody>${summaryRows}</tbody></table>
${cases}
</body></html>
`;
}
