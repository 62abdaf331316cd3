"""A loopback TCP proxy that the test can cut, to make a service unreachable.

Cutting closes every open connection and refuses new ones until restored, as
a network failure or a database restart would look to the processes behind it.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tests.production.processes import free_port

_CHUNK = 64 * 1024


class TcpProxy:
    def __init__(self, target_port: int) -> None:
        self.port = free_port()
        self._target_port = target_port
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()

    async def open(self) -> None:
        self._server = await asyncio.start_server(
            self._connect, "127.0.0.1", self.port, reuse_address=True
        )

    async def cut(self) -> None:
        """Stop listening and drop every connection passing through."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        await self.drop_connections()

    async def drop_connections(self) -> None:
        """Break the open connections, as a server ending its backends would."""
        for pipe in list(self._pipes):
            pipe.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def _connect(
        self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter
    ) -> None:
        try:
            target = await asyncio.open_connection("127.0.0.1", self._target_port)
        except OSError:
            client_writer.close()
            return
        target_reader, target_writer = target
        ends = (client_writer, target_writer)
        for reader, writer in (
            (client_reader, target_writer),
            (target_reader, client_writer),
        ):
            pipe = asyncio.create_task(_pipe(reader, writer, ends))
            self._pipes.add(pipe)
            pipe.add_done_callback(self._pipes.discard)


async def _pipe(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    ends: tuple[asyncio.StreamWriter, ...],
) -> None:
    """Copy one direction; its end aborts both sides, as a broken network does."""
    try:
        while data := await reader.read(_CHUNK):
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        for end in ends:
            end.transport.abort()


@asynccontextmanager
async def proxy_to(target_port: int) -> AsyncIterator[TcpProxy]:
    proxy = TcpProxy(target_port)
    await proxy.open()
    try:
        yield proxy
    finally:
        await proxy.cut()
