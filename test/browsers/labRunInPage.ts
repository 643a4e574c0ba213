import type { Observation } from '../../src/shared/labVerdict.ts';

/**
 * Runs in the page (plain JavaScript, as a string, so no build step touches it): clicks through the lab's
 * experiments like a student would and returns each run as the lab itself read it (`data-run`).
 */
export const labRunInPage = (names: readonly string[]): string => `(async () => {
  const names = ${JSON.stringify(names)};
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const waitFor = async (test, ms) => {
    const end = Date.now() + ms;
    while (Date.now() < end) { const value = test(); if (value) return value; await sleep(40); }
    return null;
  };
  const live = () => window.ws101Session && window.ws101Session.status.phase === 'live' &&
    window.ws101Session.echoState === 'open' && window.ws101Session.echoConnection !== null;
  if (!(await waitFor(live, 20000))) return JSON.stringify({ error: 'the page never went live' });
  const lab = await waitFor(() => document.querySelector('.ws-lab'), 10000);
  if (!lab) return JSON.stringify({ error: 'no lab on the page' });
  const session = window.ws101Session;
  const head = (id) => {
    const request = session.connection(id)?.handshake.client.head;
    return request ? [request.startLine, ...request.headers.map((h) => h.raw)] : [];
  };
  const request = head(session.echoConnection);
  const runs = [];
  const reopenMs = [];
  for (const name of names) {
    await waitFor(live, 5000);
    lab.querySelector('[data-experiment="' + name + '"]').click();
    await sleep(30);
    lab.querySelector('[data-direction="to-browser"]').click();
    await sleep(30);
    const before = session.echoConnection;
    lab.querySelector('.ws-lab-run').click();
    const outcome = await waitFor(() => lab.querySelector('.ws-lab-outcome[data-run]'), 15000);
    runs.push(outcome ? JSON.parse(outcome.dataset.run) : { experiment: name, seen: null, error: 'timed out' });
    const started = performance.now();
    if (await waitFor(() => live() && session.echoConnection !== before, 3000)) reopenMs.push(performance.now() - started);
  }
  return JSON.stringify({ userAgent: navigator.userAgent, request, runs, reopenMs });
})()`;

/** What the page returns: its user agent, its echo socket's request head, and each run as the lab read it. */
export type PageReport = {
  error?: string;
  userAgent: string;
  request: string[];
  runs: {
    experiment: string;
    seen: Observation | null;
    error?: string;
    matches: boolean;
    rfc: string | null;
  }[];
  reopenMs: number[];
};
