"""Running examples/watch_push.py as a user would, against a running server."""

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from models import Course
from tests.push.builders import District, add_course_category, add_section

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "watch_push.py"
# A guard against a hung client, not a measured limit.
WAIT_SECONDS = 120


@dataclass
class ClientRun:
    returncode: int
    output: str


async def run_example(graphql_url: str, token: str) -> ClientRun:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(EXAMPLE),
        "--url",
        graphql_url,
        "--token",
        token,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    async with asyncio.timeout(WAIT_SECONDS):
        output, _ = await process.communicate()
    assert process.returncode is not None
    return ClientRun(process.returncode, output.decode())


async def add_courses(district: District, courses: int, sections: int) -> None:
    for index in range(courses):
        course = await Course.create(
            source_id=f"course-{index + 10}",
            calendar=district.calendar,
            number=f"C{index:03}",
            name=f"Course {index}",
        )
        await add_course_category(course, "Homework", "40")
        for number in range(sections):
            await add_section(course, f"{number + 1:02}", [district.q1])
