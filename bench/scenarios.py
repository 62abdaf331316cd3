"""The benchmark's scenarios, each on fresh copies of one generated district.

Every figure is a list of samples, one per run; the table shows medians.
Pushes run on real worker processes (two, as `make worker` starts them,
unless the scenario says otherwise) on a private queue namespace.
"""

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from tortoise.expressions import F

from auth.tokens import issue_token
from bench.databases import BenchDatabases, opened
from bench.figures import Figures, machine
from bench.floor import differences, end_state, run_floor
from bench.processes import Workers, new_namespace, running_server, running_workers
from bench.pushes import PushClient, TimedPush
from bench.reads import ReadProbe
from demo.spec import SIZE_PRESETS
from models import Calendar, Course, CourseCategory, Section, User
from push.options import PushOptions
from push.report import calendar_report, course_report

logger = logging.getLogger(__name__)

CHANGED_COURSE_SHARE = 0.1
IDLE_READS = 40
WORKER_PROCESSES = 2


class BenchCheckError(Exception):
    """A push did not do what the scenario expects: its time would mean nothing."""


@dataclass(frozen=True)
class District:
    calendar_id: int
    requester_id: int
    course_id: int
    courses: int
    sections: int


async def run_benchmark(size: str, runs: int, logs: Path) -> Figures:
    """Generate the district of ``size`` and measure every scenario ``runs`` times."""
    started = time.perf_counter()
    figures = Figures(size=size, runs=runs, machine=machine())
    databases = BenchDatabases()
    try:
        district = await _district(await databases.create_template(SIZE_PRESETS[size]))
        figures.courses, figures.sections = district.courses, district.sections
        bench = _Bench(databases, district, figures, logs)
        await bench.reports()
        await bench.pushes()
        await bench.floor()
        await bench.one_process()
        await bench.reads()
    finally:
        await databases.drop_all()
    figures.benchmark_seconds = time.perf_counter() - started
    return figures


async def _district(url: str) -> District:
    async with opened(url):
        calendar = await Calendar.first().values("id")
        requester = await User.get(username="district.admin").values("id")
        first_course = await Course.filter(calendar_id=calendar["id"]).order_by("id")
        return District(
            calendar_id=calendar["id"],
            requester_id=requester["id"],
            course_id=first_course[0].id,
            courses=len(first_course),
            sections=await Section.filter(course__calendar_id=calendar["id"]).count(),
        )


class _Bench:
    def __init__(
        self,
        databases: BenchDatabases,
        district: District,
        figures: Figures,
        logs: Path,
    ) -> None:
        self.databases = databases
        self.district = district
        self.figures = figures
        self.logs = logs
        self.pushed_state: dict[str, list[tuple[object, ...]]] = {}

    async def reports(self) -> None:
        """The Course Awaiting Push Report before any push: everything pending."""
        url = await self.databases.fresh_copy()
        async with opened(url):
            for _ in range(self.figures.runs):
                self.figures.calendar_report.append(await _time_calendar_report(self))
                self.figures.course_report.append(await _time_course_report(self))
        await self.databases.drop(url)

    async def pushes(self) -> None:
        """First push, the same again, then after a tenth of the courses changed."""
        for run in range(self.figures.runs):
            async with self._workers(WORKER_PROCESSES) as (url, workers, client):
                first = await self._push(client)
                self._expect(first, changed=self.district.sections)
                self.figures.first_push.append(first.seconds)
                if run == 0:
                    self.pushed_state = await end_state(url)

                unchanged = await self._push(client)
                self._expect(unchanged, changed=0)
                self.figures.unchanged_push.append(unchanged.seconds)

                courses, sections = await _change_one_weight(CHANGED_COURSE_SHARE)
                self.figures.changed_courses = courses
                changed = await self._push(client)
                self._expect(changed, changed=sections)
                self.figures.changed_push.append(changed.seconds)
                self.figures.worker_peak_mb.append(workers.peak_memory_mb())

    async def floor(self) -> None:
        """The SQL floor on fresh copies; its end state checked against a push."""
        for run in range(self.figures.runs):
            url = await self.databases.fresh_copy()
            self.figures.floor.append(await run_floor(url, self.district.calendar_id))
            if run == 0:
                found = differences(self.pushed_state, await end_state(url))
                self.figures.floor_differences = found
                self.figures.floor_matches_push = not found
            await self.databases.drop(url)

    async def one_process(self) -> None:
        """The first push again with a single worker process, for throughput."""
        for _ in range(self.figures.runs):
            async with self._workers(1) as (_url, workers, client):
                first = await self._push(client)
                self._expect(first, changed=self.district.sections)
                self.figures.first_push_one_process.append(first.seconds)
                self.figures.worker_peak_mb.append(workers.peak_memory_mb())

    async def reads(self) -> None:
        """The typical read query, idle, while the first push runs, and after it."""
        async with self._workers(WORKER_PROCESSES) as (url, _workers, client):
            requester = await User.get(id=self.district.requester_id)
            token = await issue_token(requester, "benchmark")
            log = self.logs / "server.log"
            with running_server(url, client.namespace, log) as graphql_url:
                probe = ReadProbe(graphql_url, token)
                try:
                    await probe.sample(5)
                    self.figures.read_idle_ms = await probe.sample(IDLE_READS)
                    self.figures.read_during_push_ms = await self._read_during_push(
                        probe, client
                    )
                    self.figures.read_after_push_ms = await probe.sample(IDLE_READS)
                finally:
                    await probe.close()

    async def _read_during_push(
        self, probe: ReadProbe, client: PushClient
    ) -> list[float]:
        done = asyncio.Event()

        async def push() -> TimedPush:
            try:
                return await self._push(client)
            finally:
                done.set()

        pushing = asyncio.create_task(push())
        latencies = await probe.sample_until(done)
        self._expect(await pushing, changed=self.district.sections)
        return latencies

    @asynccontextmanager
    async def _workers(
        self, processes: int
    ) -> AsyncIterator[tuple[str, Workers, PushClient]]:
        """A fresh copy, worker processes ready on it, and this process opened on it."""
        url = await self.databases.fresh_copy()
        namespace = new_namespace()
        log = self.logs / "workers.log"
        with running_workers(url, namespace, processes, log) as workers:
            await workers.wait_ready()
            client = PushClient(namespace)
            try:
                async with opened(url):
                    yield url, workers, client
            finally:
                await client.close()
        await self.databases.drop(url)

    async def _push(self, client: PushClient) -> TimedPush:
        calendar = await Calendar.get(id=self.district.calendar_id)
        requester = await User.get(id=self.district.requester_id)
        push = await client.push_calendar(calendar, requester)
        logger.info(
            "push request %s: %.2f s, %s", push.request_id, push.seconds, push.counts
        )
        return push

    def _expect(self, push: TimedPush, *, changed: int) -> None:
        counts = push.counts
        if push.status != "completed" or counts["sections_changed"] != changed:
            raise BenchCheckError(
                f"push request {push.request_id} ended {push.status} with {counts};"
                f" expected {changed} sections changed"
            )


async def _time_calendar_report(bench: _Bench) -> float:
    started = time.perf_counter()
    _, totals = await calendar_report(bench.district.calendar_id, PushOptions())
    seconds = time.perf_counter() - started
    if totals.courses != bench.district.courses:
        raise BenchCheckError(f"report lists {totals.courses} courses, not all")
    return seconds


async def _time_course_report(bench: _Bench) -> float:
    started = time.perf_counter()
    report = await course_report(bench.district.course_id, PushOptions())
    seconds = time.perf_counter() - started
    if report is None:
        raise BenchCheckError(f"course {bench.district.course_id} has nothing pending")
    return seconds


async def _change_one_weight(share: float) -> tuple[int, int]:
    """Raise the weight of the first category of every tenth course.

    Returns how many courses changed and how many sections they have: a push
    changes every one of those sections.
    """
    rows = await Course.all().order_by("id").values("id")
    step = round(1 / share)
    chosen = [row["id"] for row in rows[::step]]
    for course_id in chosen:
        first = (
            await CourseCategory.filter(course_id=course_id)
            .order_by("sequence")
            .first()
        )
        assert first is not None
        await CourseCategory.filter(id=first.id).update(weight=F("weight") + 1)
    return len(chosen), await Section.filter(course_id__in=chosen).count()
