"""Done when: on Grand Bend, the report is the next push, grade impact included.

The Ed-Fi sample district with the example policy applied: the high school's
report must list exactly the changes its push then makes, show the grade
impact in the one section with scores, and be empty once the push is done.
"""

from pathlib import Path
from typing import Any

from importers.edfi import import_edfi
from importers.policy import import_policy_file
from models import Calendar, Role
from schema.relay import global_id
from tests.api import builders
from tests.api.conftest import Api
from tests.api.pushing import push_all_courses, until_ended

EXAMPLE_POLICY = Path(__file__).resolve().parents[2] / "examples/district-policy.toml"
HIGH_SCHOOL = "2021-2022 Grand Bend High School"
REPORT = """
query ($id: ID!) {
  awaitingPush(calendarId: $id) {
    totals { courses sections changes { kind count } }
    courses(first: 100) { totalCount edges { node {
      course { number }
      sections(first: 100) { edges { node {
        section { id }
        changes { kind category }
        gradeImpact {
          studentsGraded studentsChanged largestChange gradesGained gradesLost
        }
      } } }
    } } }
  }
}
"""
STUDENTS = """
query ($id: ID!) {
  sectionGradeImpact(sectionId: $id) {
    studentsGraded studentsChanged
    students(first: 100) { edges { node {
      changed grades { before after }
    } } }
  }
}
"""
RESULTS = """
query ($id: ID!, $after: String) {
  pushRequest(id: $id) {
    sectionResults(outcome: CHANGED, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { section { id } changes { kind category } } }
    }
  }
}
"""

Json = dict[str, Any]
Changes = dict[str, list[tuple[str, str | None]]]


def _listed(report: Json) -> tuple[Changes, list[Json]]:
    """Each listed section's changes, and the listed sections themselves."""
    sections = [
        section["node"]
        for course in report["courses"]["edges"]
        for section in course["node"]["sections"]["edges"]
    ]
    return {s["section"]["id"]: _changes(s) for s in sections}, sections


def _changes(node: Json) -> list[tuple[str, str | None]]:
    return [(change["kind"], change["category"]) for change in node["changes"]]


async def _pushed(api: Api, token: str, request_id: str) -> Changes:
    """The changes the push recorded in each changed section, page by page."""
    pushed: Changes = {}
    after = None
    while True:
        data = await api.data(RESULTS, token, {"id": request_id, "after": after})
        results = data["pushRequest"]["sectionResults"]
        for edge in results["edges"]:
            pushed[edge["node"]["section"]["id"]] = _changes(edge["node"])
        if not results["pageInfo"]["hasNextPage"]:
            return pushed
        after = results["pageInfo"]["endCursor"]


async def test_grand_bend_high_school_report_is_its_next_push_and_empty_after_it(
    api: Api, shared_data: Path
) -> None:
    # given Grand Bend with the example policy, and its district administrator
    await import_edfi(shared_data / "edfi-grand-bend")
    await import_policy_file(EXAMPLE_POLICY)
    calendar = await Calendar.get(name=HIGH_SCHOOL)
    calendar_id = global_id("Calendar", calendar.pk)
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    # when the administrator reads the high school's report
    report = (await api.data(REPORT, token, {"id": calendar_id}))["awaitingPush"]
    listed, sections = _listed(report)

    # then the one section with scores shows what the push does to its grades
    (scored,) = [s for s in sections if s["gradeImpact"]["studentsGraded"]]
    impact = scored["gradeImpact"]
    assert impact["studentsChanged"] == impact["studentsGraded"] > 0
    assert impact["gradesGained"] > 0
    assert ("CATEGORY_RENAMED", "Assignments") in _changes(scored)
    detail = await api.data(STUDENTS, token, {"id": scored["section"]["id"]})
    students = detail["sectionGradeImpact"]["students"]["edges"]
    assert len(students) == impact["studentsGraded"]
    for student in students:
        grades = student["node"]["grades"]
        assert all(grade["before"] is None for grade in grades)
        assert any(grade["after"] is not None for grade in grades)

    # when the calendar is pushed
    submitted = await push_all_courses(api, token, calendar_id)
    request_id = submitted["pushRequest"]["id"]
    ended = await until_ended(api, token, request_id)

    # then it changed exactly the listed sections, each as listed
    assert ended["status"] == "COMPLETED"
    assert ended["sectionsChanged"] == report["totals"]["sections"] == len(listed)
    assert await _pushed(api, token, request_id) == listed

    # and nothing is pending any more
    after = (await api.data(REPORT, token, {"id": calendar_id}))["awaitingPush"]
    assert after["totals"]["courses"] == after["courses"]["totalCount"] == 0
