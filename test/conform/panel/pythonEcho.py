"""Echo servers for ws101's conformance panel: Debian's websockets, aiohttp, tornado and wsproto.

Run with Debian's /usr/bin/python3: `pythonEcho.py <library>`. Listens on 127.0.0.1 on a free port,
prints "listening <port>" once ready, echoes every message as its library hands it over, and leaves
every protocol decision (what to refuse, which close code) to the library's defaults.
"""

import asyncio
import socket
import sys
import threading


def ready(port):
    print(f"listening {port}", flush=True)


async def serve_websockets():
    import websockets

    async def echo(ws, _path=None):
        async for message in ws:
            await ws.send(message)

    # max_size: the panel's cases stay under 1 MiB, as websockets' own default allows. permessage-deflate
    # is on by default (compression="deflate").
    server = await websockets.serve(echo, "127.0.0.1", 0)
    ready(server.sockets[0].getsockname()[1])
    await asyncio.Future()


async def serve_aiohttp():
    from aiohttp import WSMsgType, web

    async def handler(request):
        # compress=True (aiohttp's default, said here): permessage-deflate when the client offers it.
        ws = web.WebSocketResponse(compress=True)
        await ws.prepare(request)
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                await ws.send_str(msg.data)
            elif msg.type == WSMsgType.BINARY:
                await ws.send_bytes(msg.data)
        return ws

    app = web.Application()
    app.router.add_get("/", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    ready(site._server.sockets[0].getsockname()[1])
    await asyncio.Future()


async def serve_tornado():
    import tornado.web
    import tornado.websocket

    class Echo(tornado.websocket.WebSocketHandler):
        def get_compression_options(self):
            # tornado's way to turn permessage-deflate on (None, its default, leaves it off).
            return {}

        def on_message(self, message):
            self.write_message(message, binary=isinstance(message, bytes))

    app = tornado.web.Application([(r"/", Echo)])
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    server = tornado.httpserver.HTTPServer(app)
    server.add_sockets(sockets)
    ready(sockets[0].getsockname()[1])
    await asyncio.Future()


def serve_wsproto():
    from wsproto import ConnectionType, WSConnection
    from wsproto.extensions import PerMessageDeflate
    from wsproto.events import (
        AcceptConnection,
        BytesMessage,
        CloseConnection,
        Ping,
        Request,
        TextMessage,
    )
    from wsproto.utilities import LocalProtocolError

    def handle(sock):
        ws = WSConnection(ConnectionType.SERVER)
        parts = {"text": [], "bytes": []}
        try:
            while True:
                data = sock.recv(65536)
                ws.receive_data(data or None)
                closing = not data
                for event in ws.events():
                    if isinstance(event, Request):
                        # wsproto negotiates permessage-deflate when the server lists it.
                        sock.sendall(ws.send(AcceptConnection(extensions=[PerMessageDeflate()])))
                    elif isinstance(event, (TextMessage, BytesMessage)):
                        kind = "text" if isinstance(event, TextMessage) else "bytes"
                        parts[kind].append(event.data)
                        if event.message_finished:
                            whole = ("" if kind == "text" else b"").join(parts[kind])
                            parts[kind] = []
                            sock.sendall(ws.send(type(event)(data=whole)))
                    elif isinstance(event, Ping):
                        sock.sendall(ws.send(event.response()))
                    elif isinstance(event, CloseConnection):
                        try:
                            sock.sendall(ws.send(event.response()))
                        except LocalProtocolError:
                            pass
                        closing = True
                if closing:
                    break
        except (OSError, LocalProtocolError):
            pass
        finally:
            # Close gracefully: shut our side, then read what the client still sends until it closes too.
            # Closing with unread bytes makes the kernel answer with RST, which can destroy the echo and
            # close frame before the client reads them (a server bug the library's users avoid this way).
            try:
                sock.shutdown(socket.SHUT_WR)
                sock.settimeout(2)
                while sock.recv(65536):
                    pass
            except OSError:
                pass
            sock.close()

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    ready(listener.getsockname()[1])
    while True:
        conn, _ = listener.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    library = sys.argv[1]
    if library == "wsproto":
        serve_wsproto()
    else:
        import tornado.httpserver  # noqa: F401  (tornado's submodules, imported before the loop runs)
        import tornado.netutil  # noqa: F401

        asyncio.run({"websockets": serve_websockets, "aiohttp": serve_aiohttp, "tornado": serve_tornado}[library]())
