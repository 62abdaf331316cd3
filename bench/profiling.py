"""Where the time of a push goes: pyinstrument over an in-process push.

The courses are pushed one after another in this process, exactly as the
workers push them, so the profile shows the engine and the database driver
without the noise of the queue.
"""

from pathlib import Path

from pyinstrument import Profiler

from bench.databases import BenchDatabases, opened
from demo.spec import SIZE_PRESETS
from models import Calendar, User
from push.course_push import push_courses
from push.options import PushOptions
from push.report import calendar_report
from push.requests import begin_push, submit_push


async def profile_first_push(size: str, results: Path) -> Path:
    """Profile the report of a fresh district, its first push, then the same again.

    Writes a text and an HTML report of each; returns the first text report's path.
    """
    databases = BenchDatabases()
    try:
        template = await databases.create_template(SIZE_PRESETS[size])
        async with opened(template):
            report = await _profiled_report()
            first = await _profiled_push()
            again = await _profiled_push()
    finally:
        await databases.drop_all()

    _write(report, results / f"profile-{size}-report")
    _write(first, results / f"profile-{size}")
    _write(again, results / f"profile-{size}-again")
    return results / f"profile-{size}.txt"


def _write(profiler: Profiler, stem: Path) -> None:
    stem.with_suffix(".html").write_text(profiler.output_html())
    stem.with_suffix(".txt").write_text(
        profiler.output_text(unicode=True, show_all=False)
    )


async def _profiled_report() -> Profiler:
    calendar = await Calendar.get(name__isnull=False)
    profiler = Profiler(async_mode="enabled")
    with profiler:
        await calendar_report(calendar.id, PushOptions())
    return profiler


async def _profiled_push() -> Profiler:
    request = await submit_push(
        requested_by=await User.get(username="district.admin"),
        calendar=await Calendar.get(name__isnull=False),
        course=None,
        options=PushOptions(),
        acknowledge_in_session=True,
    )
    profiler = Profiler(async_mode="enabled")
    with profiler:
        for course_ids in await begin_push(request.id):
            await push_courses(request.id, course_ids)
    return profiler
