// ws's own Receiver and Sender, the reference our decoder is checked against. @types/ws does not
// describe them, so the little we use is typed here.
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';

const require = createRequire(import.meta.url);

export type WsReceiver = Writable & {
  /** Called directly so that ws's errors arrive synchronously, in order with its events. */
  _write(chunk: Buffer, encoding: string, callback: (error?: Error) => void): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): WsReceiver;
  on(event: 'ping' | 'pong', listener: (data: Buffer) => void): WsReceiver;
  on(event: 'conclude', listener: (code: number, reason: Buffer) => void): WsReceiver;
  on(event: 'error', listener: (error: Error & { code: string; [key: symbol]: number }) => void): WsReceiver;
};

type ReceiverOptions = {
  isServer: boolean;
  maxPayload?: number;
  allowSynchronousEvents?: boolean;
  extensions?: object;
};

// Reached through the package's main export: its "exports" map does not expose lib/ paths.
const ws = require('ws') as { Receiver: unknown; Sender: unknown };

export const Receiver = ws.Receiver as new (options: ReceiverOptions) => WsReceiver;

type SenderStatic = {
  frame(
    data: Buffer,
    options: {
      fin: boolean;
      opcode: number;
      mask: boolean;
      rsv1: boolean;
      readOnly: boolean;
      maskBuffer?: Buffer;
      generateMask?: (mask: Buffer) => void;
    },
  ): Buffer[];
};

export const Sender = ws.Sender as SenderStatic;

/** The close code ws attaches to a protocol error. */
export function statusCodeOf(error: object): number | undefined {
  const symbol = Object.getOwnPropertySymbols(error).find((s) => s.description === 'status-code');
  return symbol ? (error as Record<symbol, number>)[symbol] : undefined;
}
