/**
 * The server → page half of the inspector protocol (server/inspect/*.ts, docs/inspector-protocol.md), as
 * the page receives it: JSON, bytes in base64. Parsing never throws; what is not understood is null.
 */
export const inspectorProtocolVersion = 1;

/** One read (bytes the server read: client → server) or write (server → client) of a TCP socket. */
export type TapRecordJson = {
  readonly kind: 'read' | 'write';
  readonly connection: number;
  /** Server clock, milliseconds since the epoch with fractions. */
  readonly t: number;
  readonly data: string;
};

export type ConnectionSummaryJson = {
  readonly connection: number;
  readonly endpoint: 'echo' | 'chat' | 'inspect';
  readonly path: string;
  readonly lab: boolean;
  readonly deflate: boolean;
  readonly subprotocol: string;
  readonly extensions: string;
  readonly remote: string;
  readonly openedAt: number;
  readonly owner?: string;
};

export type EventRecordJson =
  | ({ readonly kind: 'open'; readonly t: number } & Omit<ConnectionSummaryJson, 'openedAt'>)
  | {
      readonly kind: 'pong';
      readonly connection: number;
      readonly t: number;
      readonly rttMs: number | null;
      readonly payload: string;
    }
  | {
      readonly kind: 'error';
      readonly connection: number;
      readonly t: number;
      readonly closeCode: number;
      readonly errorCode: string;
      readonly message: string;
    }
  | {
      readonly kind: 'notice';
      readonly connection: number;
      readonly t: number;
      readonly name: string;
      readonly message: string;
    }
  | {
      readonly kind: 'close';
      readonly connection: number;
      readonly t: number;
      readonly code: number;
      readonly reason: string;
    }
  | { readonly kind: 'dropped'; readonly t: number; readonly count: number };

export type InspectorRecordJson = TapRecordJson | EventRecordJson;

export type LabPresetJson = {
  readonly name: string;
  readonly valid: boolean;
  readonly expectedClose: unknown;
  readonly rfc: string;
};

export type WelcomeMessage = {
  readonly type: 'welcome';
  readonly id?: string | number;
  readonly protocol: number;
  /** The secret that resumes this session; kept in sessionStorage, never shown. */
  readonly session: string;
  /** Goes in the URL of this page's own sockets (`/echo?join=…`). */
  readonly join: string;
  readonly resumed: boolean;
  readonly role: 'visitor' | 'presenter';
  readonly serverTime: number;
  readonly maxPayload: number;
  readonly heartbeatMs: number;
  readonly presets: readonly LabPresetJson[];
  readonly connections: readonly ConnectionSummaryJson[];
};

export type RecordsMessage = { readonly type: 'records'; readonly records: readonly InspectorRecordJson[] };
export type ResultMessage = {
  readonly type: 'result';
  readonly id?: string | number;
  readonly ok: true;
} & Record<string, unknown>;
export type ErrorMessage = {
  readonly type: 'error';
  readonly id?: string | number;
  readonly code: string;
  readonly message: string;
};
export type ConnectionsMessage = {
  readonly type: 'connections';
  readonly id?: string | number;
  readonly connections: readonly ConnectionSummaryJson[];
};

export type ServerMessage =
  | WelcomeMessage
  | RecordsMessage
  | ResultMessage
  | ErrorMessage
  | ConnectionsMessage;

const knownTypes = new Set(['welcome', 'records', 'result', 'error', 'connections']);

export function parseServerMessage(text: string): ServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const message = value as { v?: unknown; type?: unknown; records?: unknown };
  if (message.v !== inspectorProtocolVersion || typeof message.type !== 'string') return null;
  if (!knownTypes.has(message.type)) return null;
  if (message.type === 'records' && !Array.isArray(message.records)) return null;
  return value as ServerMessage;
}

export function isTapRecord(record: InspectorRecordJson): record is TapRecordJson {
  return record.kind === 'read' || record.kind === 'write';
}

/** base64 → bytes without a detour through a string per byte where the platform has the fast path. */
export function base64ToBytes(data: string): Uint8Array {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (fromBase64) return fromBase64(data);
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
