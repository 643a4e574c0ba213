import { readFile } from 'node:fs/promises';
import { decodeCapture, decodeHar, inflateConnection } from '../capture/index.ts';
import type { Language } from '../protocol/index.ts';
import { paint } from '../shared/paint.ts';
import { captureJson, renderCapture } from './captureOutput.ts';
import { captureStrings } from './captureStrings.ts';
import { type CliIo, ExitCode, UsageError } from './io.ts';
import { NodeInflater } from './nodeInflater.ts';

export type CaptureCommandOptions = {
  readonly kind: 'pcap' | 'har';
  readonly file: string;
  readonly port: string | undefined;
  readonly json: boolean;
  readonly colour: boolean;
};

/**
 * `ws101 decode --pcap FILE` (or `--har FILE`): every WebSocket connection in a capture, every frame
 * decoded; from a HAR, frames re-encoded from the exported messages and marked as reconstructed.
 */
export async function captureCommand(
  options: CaptureCommandOptions,
  io: CliIo,
  lang: Language,
): Promise<number> {
  const { t } = captureStrings;
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw new UsageError(t(lang, 'badPort', { value: options.port! }));
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(options.file));
  } catch (error) {
    throw new UsageError(
      t(lang, 'unreadable', {
        file: options.file,
        reason: (error as NodeJS.ErrnoException).code ?? String(error),
      }),
    );
  }
  const decoded =
    options.kind === 'har'
      ? decodeHar(new TextDecoder().decode(bytes))
      : decodeCapture(bytes, port === undefined ? {} : { port });
  if (decoded.problems.some((problem) => problem.kind === 'not-a-capture')) {
    throw new UsageError(
      t(lang, 'unreadable', { file: options.file, reason: decoded.problems[0]!.message[lang] }),
    );
  }
  for (const connection of decoded.connections) {
    if (connection.kind === 'websocket') await inflateConnection(connection, () => new NodeInflater());
  }
  if (options.json) io.stdout(`${JSON.stringify(captureJson(decoded))}\n`);
  else io.stdout(renderCapture(decoded, paint(options.colour), lang));
  const violations = decoded.connections.some(
    (connection) =>
      connection.kind === 'websocket' &&
      connection.timeline.some((captured) => captured.frame.violations.length > 0),
  );
  return violations ? ExitCode.violations : ExitCode.ok;
}
