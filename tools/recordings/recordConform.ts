import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { deckCaseTable } from '../../src/conform/cases/index.ts';
import { type ConformEndpoint, conformEndpoints } from '../../src/conform/endpoints.ts';
import type { ConformCaseJson } from '../../src/shared/inspector/protocol.ts';
import type { ConformRecording, RecordedEndpointRun } from '../../src/widgets/conform/recording.ts';
import { conformSuiteHash } from './conformSuiteHash.ts';

/** The recording's file beside the pcapngs: slides/recordings/conform.json. */
export const conformRecordingFile = 'conform.json';

/**
 * The recording as text: its facts one per line, each case on a line of its own (a re-recording's diff
 * reads case by case; about 0.8 MB for both endpoints).
 */
export function conformRecordingText(recording: ConformRecording): string {
  const { endpoints, ...facts } = recording;
  const runs = endpoints.map(({ cases, ...run }) => {
    const lines = cases.map((c) => `        ${JSON.stringify(c)}`).join(',\n');
    return `    ${JSON.stringify(run).slice(0, -1)},\n      "cases": [\n${lines}\n      ]\n    }`;
  });
  return `${JSON.stringify(facts, null, 2).slice(0, -2)},\n  "endpoints": [\n${runs.join(',\n')}\n  ]\n}\n`;
}

/** The longest wait for the next part of a run (as the slide's own: a slow case waits seconds for a close). */
const partTimeoutMs = 60_000;
/** The server runs one run per page at a time and so many a second: a refusal for that is asked again. */
const retryMs = 1000;

type Message = Record<string, unknown>;

/** The /inspect socket as the page uses it: commands with ids, their parts and their replies. */
class InspectChannel {
  private nextId = 1;
  private readonly waiting = new Map<number, { onPart: (m: Message) => void; done: (m: Message) => void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Message;
      const pending = typeof message.id === 'number' ? this.waiting.get(message.id) : undefined;
      if (!pending) return;
      if (message.type === 'conform.cases') pending.onPart(message);
      else {
        this.waiting.delete(message.id as number);
        pending.done(message);
      }
    });
  }

  static async open(port: number): Promise<InspectChannel> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/inspect`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const channel = new InspectChannel(ws);
    const welcome = await channel.command({ type: 'hello', v: 1 });
    if (welcome.type !== 'welcome') throw new Error(`/inspect refused hello: ${JSON.stringify(welcome)}`);
    return channel;
  }

  command(command: Message, onPart: (part: Message) => void = () => {}): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.waiting.delete(id);
          reject(new Error(`${String(command.type)}: nothing for ${partTimeoutMs / 1000} s`));
        }, partTimeoutMs);
      };
      arm();
      this.waiting.set(id, {
        onPart: (part) => {
          arm();
          onPart(part);
        },
        done: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
      });
      this.ws.send(JSON.stringify({ ...command, id }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

function versionOf(root: string, name: string): string {
  return (
    JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
  ).version;
}

/** One endpoint's run, every case of the deck's table; refused for now (`busy`, `rate-limited`), asked again. */
async function runOn(channel: InspectChannel, endpoint: ConformEndpoint): Promise<RecordedEndpointRun> {
  for (;;) {
    const cases: ConformCaseJson[] = [];
    const reply = await channel.command({ type: 'conform.run', endpoint: endpoint.id }, (part) => {
      if (Array.isArray(part.cases)) cases.push(...(part.cases as ConformCaseJson[]));
    });
    if (reply.type === 'error' && (reply.code === 'busy' || reply.code === 'rate-limited')) {
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      continue;
    }
    if (reply.type !== 'result' || reply.ok !== true)
      throw new Error(`conform.run on ${endpoint.id}: ${JSON.stringify(reply)}`);
    if (cases.length !== reply.total)
      throw new Error(`conform.run on ${endpoint.id}: ${cases.length} cases back of ${String(reply.total)}`);
    const order = deckCaseTable.map((c) => c.id);
    return {
      id: endpoint.id,
      label: endpoint.label,
      path: endpoint.path,
      durationMs: Number(reply.durationMs),
      // As the server sent them to the page (each case's bytes cut at 2048 a side, the totals whole), in
      // the table's order rather than the order they finished in: a re-recording diffs case by case.
      cases: cases.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)),
    };
  }
}

/**
 * One conformance run of the whole deck suite against each of the server's endpoints, in turn, through
 * the server's /inspect socket with `conform.run`: what the slide's Run button does with "All" picked.
 * `log` hears each endpoint's figures.
 */
export async function recordConform(
  root: string,
  port: number,
  log: (line: string) => void = console.log,
): Promise<ConformRecording> {
  const channel = await InspectChannel.open(port);
  const runs: RecordedEndpointRun[] = [];
  try {
    for (const endpoint of conformEndpoints) {
      const run = await runOn(channel, endpoint);
      runs.push(run);
      log(
        `conform ${run.label} ${run.path}: ${run.cases.length} cases in ${(run.durationMs / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    channel.close();
  }
  return {
    format: 1,
    recordedAt: new Date().toISOString(),
    node: process.version,
    versions: { ws: versionOf(root, 'ws'), 'WebSocket-Node': versionOf(root, 'websocket') },
    suiteHash: conformSuiteHash(),
    endpoints: runs,
  };
}
