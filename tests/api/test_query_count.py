"""A calendar page costs the same number of SQL queries for 10 or 100 courses."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from models import Calendar, CategoryOrigin, GradingTask, Role, SectionCategory
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api

CALENDAR_PAGE = """
query ($id: ID!) {
  calendar(id: $id) {
    name
    school { name }
    terms { name }
    gradingTasks { name }
    courses(first: 100) {
      totalCount
      edges {
        node {
          number
          categories { name weight gradingTasks { name } }
          calcOptions { calcType term { name } gradingTask { name } }
          composites { term { name } components { weight gradingTask { name } } }
          sections(first: 10) {
            totalCount
            edges {
              node {
                number
                teachers { username }
                terms { name }
                categories { name origin locked courseCategory { name } }
              }
            }
          }
        }
      }
    }
  }
}
"""


class _QueryCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _counting_queries() -> Iterator[_QueryCounter]:
    """Count the statements Tortoise sends, through its debug query log."""
    logger = logging.getLogger("tortoise.db_client")
    counter, level = _QueryCounter(), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)


async def _calendar_with(courses: int) -> Calendar:
    """Courses with a category each, and two sections with a pushed copy each."""
    calendar = await builders.calendar(await builders.school())
    task = await GradingTask.get(calendar=calendar)
    teacher, _ = await builders.user(Role.TEACHER)
    for index in range(courses):
        course = await builders.course(calendar, f"C{index:03d}")
        category = await builders.course_category(course, "Tests", "40", [task.pk])
        for number in ("1", "2"):
            section = await builders.section(course, number, [teacher])
            await SectionCategory.create(
                section=section,
                course_category=category,
                name="Tests",
                name_key="tests",
                origin=CategoryOrigin.PUSHED,
                locked=True,
            )
    return calendar


async def _queries_for_page(api: Api, token: str, calendar: Calendar) -> int:
    variables = {"id": global_id("Calendar", calendar.pk)}
    with _counting_queries() as counter:
        data = await api.data(CALENDAR_PAGE, token, variables)
    assert data["calendar"]["courses"]["edges"]
    return counter.count


async def test_a_calendar_page_costs_a_constant_number_of_queries(api: Api) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)
    small, large = await _calendar_with(10), await _calendar_with(100)

    queries_for_small = await _queries_for_page(api, token, small)
    queries_for_large = await _queries_for_page(api, token, large)

    assert queries_for_large == queries_for_small
    assert queries_for_small <= 20, queries_for_small
