import { parseArgs } from 'node:util';

export type LogFormat = 'text' | 'json';

/** Everything the server can be told. `startServer` fills what is missing from `defaultOptions`. */
export type ServerOptions = {
  port: number;
  host: string;
  /** Folder of the built deck; only files under it are ever served. */
  staticRoot: string;
  /** Serve the deck through Vite's middleware (hot reload) instead of the built folder. */
  dev: boolean;
  /** Sees every connection on /inspect. Minted at start when not given. */
  presenterToken: string | undefined;
  /** Origins accepted besides the server's own (`*` accepts any). */
  allowOrigins: string[];
  /** Host names accepted besides IP literals, localhost and this machine's name (`.name` adds subdomains). */
  allowHosts: string[];
  /** PEM certificate and key files: the deck over https and every endpoint over wss, on the one port. */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  heartbeatMs: number;
  maxPayload: number;
  maxConnections: number;
  maxConnectionsPerIp: number;
  /** Messages per second a single connection may send before it is closed with 1008. */
  messagesPerSecond: number;
  /** Chat messages per 10 s per client; beyond it the message is refused with a notice. */
  chatMessagesPer10s: number;
  idleTimeoutMs: number;
  handshakeTimeoutMs: number;
  /** `quiet`: text, warnings only (a classroom's default, so the QR code is not scrolled away). */
  log: LogFormat | 'silent' | 'quiet';
  /** How long a session's lab connections outlive its last inspector (a reload comes back within it). */
  labGraceMs: number;
  /** Bytes an inspector socket may have buffered before records for it are dropped. */
  inspectorBufferLimit: number;
  /** `--classroom`: listen on every interface, print each LAN join URL and presenter URL, and a QR code. */
  classroom: boolean;
  /**
   * Bytes any connection may have waiting to be sent (at least twice maxPayload): the echo stops reading
   * past it, lab writes are refused past it, and a connection still past it at two heartbeats is closed.
   */
  sendQueueLimit: number;
  /** The largest message an inspector may send after hello (before it: 4 KiB). */
  inspectorMessageLimit: number;
  /** `--record DIR`: every connection's bytes written to DIR as a pcapng when it closes. */
  record?: string;
};

export const defaultOptions: ServerOptions = {
  port: 3000,
  host: '127.0.0.1',
  staticRoot: 'dist/deck',
  dev: false,
  presenterToken: undefined,
  allowOrigins: [],
  allowHosts: [],
  tlsCert: undefined,
  tlsKey: undefined,
  heartbeatMs: 15_000,
  maxPayload: 1024 * 1024,
  maxConnections: 2000,
  maxConnectionsPerIp: 64,
  messagesPerSecond: 1000,
  chatMessagesPer10s: 20,
  idleTimeoutMs: 30 * 60_000,
  handshakeTimeoutMs: 10_000,
  log: 'text',
  inspectorBufferLimit: 1024 * 1024,
  classroom: false,
  labGraceMs: 5_000,
  sendQueueLimit: 2 * 1024 * 1024,
  inspectorMessageLimit: 64 * 1024,
};

/** Shorter tokens are refused at start: the presenter sees every visitor's connection. */
export const minPresenterToken = 16;

export type ParsedArgs = { options: Partial<ServerOptions> } | { error: string } | { help: true };

export const usage = `ws101 server

  --port N              port (default 3000, or PORT)
  --host ADDR           address to listen on (default 127.0.0.1; 0.0.0.0 for a classroom)
  --classroom           listen on every interface; print the join and presenter URLs of each LAN
                        address and the join URL as a QR code
  --dev                 serve the deck through Vite with hot reload
  --static DIR          built deck folder (default dist/deck)
  --presenter-token T   token that sees every connection on /inspect, 16 characters or more
                        (default: random, printed)
  --allow-origin O      accept WebSocket upgrades from origin O too (repeatable; * for any)
  --allow-host NAME     accept requests for host NAME too (repeatable; .NAME adds its subdomains);
                        IP addresses, localhost and this machine's name are always accepted
  --tls-cert FILE       PEM certificate: serve https and wss on the same port (with --tls-key)
  --tls-key FILE        PEM private key of that certificate
  --heartbeat-ms N      ping interval (default 15000)
  --max-payload N       largest message in bytes (default 1048576)
  --max-connections N   total WebSocket connections (default 2000)
  --max-per-ip N        WebSocket connections per IP address (default 64)
  --rate N              messages per second per connection (default 1000)
  --idle-timeout-ms N   close a connection silent this long (default 1800000)
  --handshake-timeout-ms N  drop a client that has not finished its request (default 10000)
  --record DIR          write each WebSocket connection to DIR as a pcapng (Wireshark) when it closes
  --log text|json|quiet|silent
                        quiet: warnings only (the default with --classroom)
  --help`;

const integerFlags = {
  'heartbeat-ms': 'heartbeatMs',
  'max-payload': 'maxPayload',
  'max-connections': 'maxConnections',
  'max-per-ip': 'maxConnectionsPerIp',
  rate: 'messagesPerSecond',
  'idle-timeout-ms': 'idleTimeoutMs',
  'handshake-timeout-ms': 'handshakeTimeoutMs',
} as const;

/** Flags and environment to options. Bad input is returned as an error to print, never thrown. */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = {}): ParsedArgs {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        dev: { type: 'boolean' },
        classroom: { type: 'boolean' },
        static: { type: 'string' },
        'presenter-token': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'heartbeat-ms': { type: 'string' },
        'max-payload': { type: 'string' },
        'max-connections': { type: 'string' },
        'max-per-ip': { type: 'string' },
        rate: { type: 'string' },
        'idle-timeout-ms': { type: 'string' },
        'handshake-timeout-ms': { type: 'string' },
        log: { type: 'string' },
        record: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };

  const options: Partial<ServerOptions> = {};
  const port = (values.port as string | undefined) ?? env.PORT;
  if (port !== undefined) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535) return { error: `--port ${port} is not a port number` };
    options.port = n;
  }
  if (values.classroom) {
    options.classroom = true;
    options.host = '0.0.0.0';
  }
  if (typeof values.host === 'string') options.host = values.host;
  if (typeof values.record === 'string') options.record = values.record;
  if (values.dev) options.dev = true;
  if (typeof values.static === 'string') options.staticRoot = values.static;
  if (typeof values['presenter-token'] === 'string') {
    const token = values['presenter-token'];
    if (token.length < minPresenterToken) {
      return {
        error:
          `--presenter-token must be at least ${minPresenterToken} characters (it has ${token.length}): ` +
          'anyone who guesses it sees every connection in the room',
      };
    }
    options.presenterToken = token;
  }
  if (Array.isArray(values['allow-origin'])) options.allowOrigins = values['allow-origin'];
  if (Array.isArray(values['allow-host'])) options.allowHosts = values['allow-host'];
  const [cert, key] = [values['tls-cert'], values['tls-key']];
  if ((typeof cert === 'string') !== (typeof key === 'string')) {
    return { error: '--tls-cert and --tls-key go together: give the certificate and its key' };
  }
  if (typeof cert === 'string' && typeof key === 'string') {
    options.tlsCert = cert;
    options.tlsKey = key;
  }
  for (const [flag, key] of Object.entries(integerFlags)) {
    const raw = values[flag];
    if (typeof raw !== 'string') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) return { error: `--${flag} ${raw} is not a positive integer` };
    options[key] = n;
  }
  if (values.log !== undefined) {
    if (!['text', 'json', 'quiet', 'silent'].includes(String(values.log))) {
      return { error: `--log ${String(values.log)}: use text, json, quiet or silent` };
    }
    options.log = values.log as ServerOptions['log'];
  } else if (options.classroom) {
    options.log = 'quiet';
  }
  return { options };
}
