import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/**
 * Debian's stock Firefox, driven over WebDriver BiDi (its own remote protocol, a WebSocket at
 * `--remote-debugging-port`): no patched browser, nothing downloaded. Playwright drives only its own
 * Firefox build, so this is the small client the lab's measurement needs: open a page, evaluate a script.
 */
export const firefoxExecutable =
  process.env.FIREFOX_PATH ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => existsSync(path));

/** No internet here: keep Firefox's background services quiet (and fast to start). */
const prefs: Record<string, string | number | boolean> = {
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.update.enabled': false,
  'remote.prefs.recommended': true,
};

export type FirefoxSession = {
  readonly version: string;
  /** Evaluates `expression` in the page (a promise is awaited) and returns its value, which must be a string. */
  evaluate(expression: string): Promise<string>;
  navigate(url: string): Promise<void>;
  /** A PNG of the page as Firefox draws it, at the viewport size given. */
  screenshot(width: number, height: number): Promise<Buffer>;
  /** Ends the session, stops Firefox and removes its profile; safe to call twice. */
  close(): Promise<void>;
};

export async function launchFirefox(timeoutMs = 30_000): Promise<FirefoxSession> {
  if (!firefoxExecutable) throw new Error('no Firefox found (set FIREFOX_PATH)');
  const profile = mkdtempSync(join(tmpdir(), 'ws101-firefox-'));
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries(prefs)
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
      .join('\n'),
  );
  const child = spawn(
    firefoxExecutable,
    ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0', 'about:blank'],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: false },
  );
  let closed = false;
  const stop = async () => {
    if (closed) return;
    closed = true;
    await killAndWait(child);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const address = await bidiAddress(child, timeoutMs);
    const socket = new WebSocket(`${address}/session`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const bidi = new BidiClient(socket, timeoutMs);
    const started = (await bidi.send('session.new', { capabilities: {} })) as {
      capabilities: { browserVersion: string };
    };
    const tree = (await bidi.send('browsingContext.getTree', {})) as { contexts: { context: string }[] };
    const context = tree.contexts[0]!.context;
    return {
      version: started.capabilities.browserVersion,
      async navigate(url) {
        await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
      },
      async screenshot(width, height) {
        await bidi.send('browsingContext.setViewport', { context, viewport: { width, height } });
        const shot = (await bidi.send('browsingContext.captureScreenshot', { context })) as { data: string };
        return Buffer.from(shot.data, 'base64');
      },
      async evaluate(expression) {
        const reply = (await bidi.send('script.evaluate', {
          expression,
          target: { context },
          awaitPromise: true,
          resultOwnership: 'none',
        })) as {
          type: string;
          result?: { type: string; value?: unknown };
          exceptionDetails?: { text: string };
        };
        if (reply.type !== 'success') throw new Error(`in Firefox: ${reply.exceptionDetails?.text}`);
        if (reply.result?.type !== 'string') throw new Error(`expected a string, got ${reply.result?.type}`);
        return reply.result.value as string;
      },
      async close() {
        await bidi.send('session.end', {}).catch(() => undefined);
        socket.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Firefox prints "WebDriver BiDi listening on ws://127.0.0.1:PORT" once its remote agent is up. */
function bidiAddress(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`Firefox did not start in ${timeoutMs} ms:\n${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.stdout?.off('data', onData);
      // Keep draining Firefox's chatter so its pipes never fill.
      child.stderr?.resume();
      child.stdout?.resume();
      resolve(match[1]!);
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Firefox exited (${code}) before its remote agent was up:\n${seen}`));
    });
  });
}

function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Commands with ids, each answered once; every one bounded in time. */
class BidiClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor(
    private readonly socket: WebSocket,
    private readonly timeoutMs: number,
  ) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        type: string;
        result?: unknown;
        error?: string;
        message?: string;
      };
      if (message.id === undefined) return;
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.type === 'error') waiter?.reject(new Error(`${message.error}: ${message.message}`));
      else waiter?.resolve(message.result);
    });
    socket.on('close', () => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error('Firefox closed the session'));
      this.waiting.clear();
    });
  }

  send(method: string, params: object, timeoutMs = this.timeoutMs): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}
