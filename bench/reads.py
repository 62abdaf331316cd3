"""A typical read of the front end, timed over HTTP against a real server.

The query is what a course list page asks for: a page of courses with their
categories and the categories of their first sections.
"""

import asyncio
import time

import httpx

TYPICAL_READ = """
query CoursePage {
  calendars(first: 1) {
    edges {
      node {
        name
        courses(first: 20) {
          totalCount
          edges {
            node {
              number
              name
              categories { name weight }
              sections(first: 5) {
                edges { node { number categories { name weight } } }
              }
            }
          }
        }
      }
    }
  }
}
"""
PAUSE_SECONDS = 0.05


class ReadFailedError(Exception):
    """The read query did not answer with data: the latency would mean nothing."""


class ReadProbe:
    """Sends the typical read with a bearer token; keeps each latency in ms."""

    def __init__(self, graphql_url: str, token: str) -> None:
        self._client = httpx.AsyncClient(
            headers={"Authorization": f"Bearer {token}"}, timeout=60
        )
        self._url = graphql_url

    async def read_once(self) -> float:
        started = time.perf_counter()
        response = await self._client.post(self._url, json={"query": TYPICAL_READ})
        elapsed = (time.perf_counter() - started) * 1000
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise ReadFailedError(f"{response.status_code}: {body}")
        return elapsed

    async def sample(self, count: int) -> list[float]:
        """``count`` reads one after another, a short pause between them."""
        latencies = []
        for _ in range(count):
            latencies.append(await self.read_once())
            await asyncio.sleep(PAUSE_SECONDS)
        return latencies

    async def sample_until(self, done: asyncio.Event) -> list[float]:
        """Reads one after another until ``done`` is set."""
        latencies = []
        while not done.is_set():
            latencies.append(await self.read_once())
            await asyncio.sleep(PAUSE_SECONDS)
        return latencies

    async def close(self) -> None:
        await self._client.aclose()
