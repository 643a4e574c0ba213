"""Real WebSocket traffic between Debian's python3-websockets client and server, for capture tests.

Usage: websocketsTraffic.py HOST PORT deflate|plain
       websocketsTraffic.py client URL deflate|plain   (the client alone, against another server)
The server echoes; the client sends text, binary, 16- and 64-bit lengths, a fragmented message with a ping
between its fragments, a ping, then closes. Run with /usr/bin/python3 (Debian's websockets).
"""
import asyncio
import sys

import websockets


async def echo(ws, path=None):
    async for message in ws:
        await ws.send(message)


async def client(uri, compression):
    async with websockets.connect(uri, compression=compression, max_size=None) as ws:
        # With permessage-deflate, "héllo 世界" is compressed against the "hello" before it (context takeover).
        for message in ["hello", "héllo 世界", b"\x00\x01\x02\xff", "x" * 300, bytes(range(256)) * 300]:
            await ws.send(message)
            await ws.recv()

        async def fragments():
            yield "first "
            await ws.ping(b"between")
            yield "second "
            yield "third"

        await ws.send(fragments())
        await ws.recv()
        pong = await ws.ping(b"ws101")
        await pong
        await ws.send("hello")
        await ws.recv()


async def main():
    if sys.argv[1] == "client":
        await client(sys.argv[2], "deflate" if sys.argv[3] == "deflate" else None)
        return
    host, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    compression = "deflate" if mode == "deflate" else None
    async with websockets.serve(echo, host, port, compression=compression, max_size=None):
        await client(f"ws://{'[' + host + ']' if ':' in host else host}:{port}/chat", compression)


asyncio.run(main())
