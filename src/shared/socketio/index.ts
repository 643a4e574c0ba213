// Engine.IO v4 and socket.io v5 packets, the layers socket.io puts on top of WebSocket frames (and in
// long-polling bodies). Not RFC 6455, so not in src/protocol; pure like it, so page, server and tests share it.
export * from './engineIo.ts';
export * from './socketIo.ts';
