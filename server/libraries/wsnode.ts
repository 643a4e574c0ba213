import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import websocket from 'websocket';
import { LibraryPeer } from './libraryPeer.ts';
import { boundWsNodeConnection, type WsNodeBounds } from './wsnodeBounds.ts';

type WsNodeConnection = websocket.connection;
type WsNodeRequest = websocket.request;

export type WsNodeRoute = 'wsnode-seed' | 'wsnode-echo';

/** What the one upgrade handler hands over with each request, and hears back. */
export type WsNodeHandoff = {
  /** The connection was accepted (its 101 is written): register it. Returns the seed's log line sink. */
  accepted(peer: LibraryPeer): (line: string) => void;
  refused(status: number, why: string): void;
};

const protocol = 'echo-protocol';
/**
 * Fragments per message, counted as ws counts them. ws allows 16,384 (an empty fragment costs it a
 * zero-length Buffer, parsed at once). Each of WebSocket-Node's is a frame object of ~220 bytes of heap
 * (measured: 3.4 MiB per connection at 16,383), parsed one per event-loop turn: at 1,024, a connection's
 * fragments hold at most ~0.2 MiB and reach the bound in 1,024 turns, while a 1 MiB message in fragments of
 * 1 KiB or more still passes.
 */
export const wsnodeMaxFragments = 1024;

/**
 * WebSocket-Node (npm `websocket`), the library of the seed's slides, behind /wsnode/seed and /wsnode/echo.
 *
 * Its server mounts itself on an http server's every upgrade; here each of its servers is mounted on an
 * emitter of its own, and our one upgrade handler emits only /wsnode/… requests on it. Its defaults stay
 * as the library ships them (pings every 20 s, outgoing messages over 16 KiB fragmented), because showing
 * what it puts on the wire is the point; only the receive limits follow ours, and ws's bounds it lacks
 * (fragments per message, bytes read ahead of its parser) are added to every connection (wsnodeBounds.ts).
 */
export class WsNodeEndpoints {
  private readonly mounts: Record<WsNodeRoute, EventEmitter> = {
    'wsnode-seed': new EventEmitter(),
    'wsnode-echo': new EventEmitter(),
  };
  private readonly servers: websocket.server[] = [];
  private readonly handoffs = new WeakMap<IncomingMessage, WsNodeHandoff>();
  private readonly bounds: WsNodeBounds;

  constructor(maxPayload: number, echoHighWater: number) {
    const config = { maxReceivedFrameSize: maxPayload, maxReceivedMessageSize: maxPayload };
    this.bounds = { maxFragments: wsnodeMaxFragments, readAheadBytes: 64 * 1024 };
    const seed = this.mount('wsnode-seed', config);
    const echo = this.mount('wsnode-echo', config);
    seed.on('request', (request) => this.runSeed(request));
    echo.on('request', (request) => {
      const handoff = this.handoffs.get(request.httpRequest);
      const connection = this.accept(request, handoff);
      if (!connection || !handoff) return;
      handoff.accepted(this.peer(connection));
      echoMessages(connection, echoHighWater);
    });
  }

  upgrade(
    route: WsNodeRoute,
    req: IncomingMessage,
    socket: Socket,
    head: Buffer,
    handoff: WsNodeHandoff,
  ): void {
    this.handoffs.set(req, handoff);
    // WebSocket-Node ignores bytes that came with the request (a client that did not wait for the 101);
    // handed back to the socket, they reach it as its first read. The socket is not flowing until it listens.
    if (head.length > 0) socket.unshift(head);
    this.mounts[route].emit('upgrade', req, socket, head);
  }

  /** Closes every connection of both servers with 1001 (WebSocket-Node's own close). */
  shutDown(): void {
    for (const server of this.servers) server.shutDown();
  }

  private mount(route: WsNodeRoute, config: Partial<websocket.IServerConfig>): websocket.server {
    const server = new websocket.server({
      // Not an http.Server: an emitter on which only this route's upgrades are emitted.
      httpServer: this.mounts[route] as unknown as Server,
      autoAcceptConnections: false,
      ...config,
    });
    this.servers.push(server);
    return server;
  }

  /**
   * The seed's code, as close to the slide as it can be (its log lines, its constant reply). Two changes,
   * both for the same reason: `request.accept('echo-protocol', …)` for a client that did not offer
   * echo-protocol writes a 500 and then throws, which would end the process. So a client without it is
   * refused first, as the seed means to, and accept() is guarded all the same.
   */
  private runSeed(request: WsNodeRequest): void {
    const handoff = this.handoffs.get(request.httpRequest);
    const connection = this.accept(request, handoff);
    if (!connection || !handoff) return;
    const log = handoff.accepted(this.peer(connection));
    log(`${new Date()} Connection accepted.`);
    connection.on('message', (_message) => {
      connection.send('some message');
    });
    connection.on('close', (_reasonCode, _description) => {
      log(`${new Date()} Peer ${connection.remoteAddress} disconnected.`);
    });
  }

  private accept(request: WsNodeRequest, handoff: WsNodeHandoff | undefined): WsNodeConnection | null {
    if (!handoff) {
      request.reject(500, 'not routed');
      return null;
    }
    if (!request.requestedProtocols.includes(protocol)) {
      request.reject(400, `offer the ${protocol} subprotocol`);
      handoff.refused(400, `no ${protocol} offered`);
      return null;
    }
    try {
      const connection = request.accept(protocol, request.origin);
      boundWsNodeConnection(connection, this.bounds);
      return connection;
    } catch (error) {
      handoff.refused(500, (error as Error).message);
      return null;
    }
  }

  /** Reports the library's connection to our guards, and passes their decisions back to it. */
  private peer(connection: WsNodeConnection): LibraryPeer {
    const peer = new LibraryPeer(connection.socket as Socket, {
      protocol: connection.protocol ?? '',
      isOpen: () => connection.connected,
      close: (code, reason) => connection.close(code, reason),
      ping: (payload) => connection.ping(payload),
    });
    connection.on('message', (message) => {
      if (message.type === 'utf8') peer.received(Buffer.from(message.utf8Data), false);
      else peer.received(message.binaryData, true);
    });
    connection.on('error', (error) => peer.emit('error', error));
    // After the application's own close listeners (the seed's "disconnected" line still reaches the page).
    connection.on('close', (code, description) => queueMicrotask(() => peer.closed(code, description ?? '')));
    return peer;
  }
}

/**
 * /wsnode/echo: every message back, text as text and binary as binary. A client that sends but never reads
 * would pile echoes up in our memory: past `highWater` buffered bytes, stop reading it until ours drains.
 */
function echoMessages(connection: WsNodeConnection, highWater: number): void {
  const socket = connection.socket as Socket;
  connection.on('message', (message) => {
    if (!connection.connected) return;
    if (message.type === 'utf8') connection.sendUTF(message.utf8Data);
    else connection.sendBytes(message.binaryData);
    if (socket.writableLength <= highWater || socket.isPaused()) return;
    connection.pause();
    socket.once('drain', () => connection.resume());
  });
}
