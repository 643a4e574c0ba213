// Echo servers for ws101's conformance panel: ws and WebSocket-Node, each with its library's defaults.
// `node nodeEcho.mjs <ws|websocket-node>` listens on 127.0.0.1 on a free port and prints "listening <port>".
// A process of its own, like the Python servers: the test's clients must not share its event loop.
import { createServer } from 'node:http';
import websocket from 'websocket';
import { WebSocketServer } from 'ws';

const http = createServer();
if (process.argv[2] === 'ws') {
  // ws's server leaves permessage-deflate off unless asked; asked here, with ws's own defaults otherwise.
  const wss = new WebSocketServer({ server: http, perMessageDeflate: true });
  wss.on('connection', (socket) => {
    // ws reports the violation it closed for as an error event; the close itself is ws's business.
    socket.on('error', () => {});
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
} else {
  // WebSocket-Node has no permessage-deflate: 12.x/13.x are UNIMPLEMENTED for it.
  const server = new websocket.server({ httpServer: http, autoAcceptConnections: false });
  server.on('request', (request) => {
    const connection = request.accept(null, request.origin);
    connection.on('error', () => {});
    connection.on('message', (message) => {
      if (message.type === 'utf8') connection.sendUTF(message.utf8Data);
      else connection.sendBytes(message.binaryData);
    });
  });
}
http.listen(0, '127.0.0.1', () => console.log(`listening ${http.address().port}`));
