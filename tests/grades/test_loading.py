"""Gradebooks read from the database keep points exact, on both back ends."""

import datetime
from decimal import Decimal

from grades.gradebook import Gradebook, GradedAssignment
from grades.impact import course_impact
from grades.loading import load_gradebooks
from models import (
    Assignment,
    CourseCalcOption,
    CourseCategory,
    Score,
    Section,
    SectionCalcOption,
    SectionCategory,
    Student,
)
from models.base import name_key
from models.section import CategoryOrigin
from push.loading import load_course_setup, load_section_states
from push.options import PushOptions
from push.plan import plan_section
from tests.push.builders import District, add_section, build_district


async def _student(name: str) -> Student:
    return await Student.create(source_id=name, first_name=name, last_name="Doe")


async def _category(
    section: Section, name: str, weight: str, course_category: CourseCategory
) -> SectionCategory:
    """A locked section copy of a course category."""
    return await SectionCategory.create(
        section=section,
        name=name,
        name_key=name_key(name),
        weight=Decimal(weight),
        course_category=course_category,
        origin=CategoryOrigin.PUSHED,
        locked=True,
    )


async def _assignment(
    category: SectionCategory,
    possible: str,
    district: District,
    due: datetime.date | None = None,
) -> Assignment:
    section = await category.section
    return await Assignment.create(
        source_id=f"{section.source_id}-{category.name}-{possible}",
        section=section,
        category=category,
        term=district.q1,
        name=f"{category.name} out of {possible}",
        points_possible=Decimal(possible),
        due_date=due,
    )


async def _score(assignment: Assignment, student: Student, points: str | None) -> None:
    await Score.create(
        assignment=assignment,
        student=student,
        points=None if points is None else Decimal(points),
    )


async def test_gradebooks_hold_exact_points_and_unscored_rows(db: str) -> None:
    # Given a section with two scored students and a section with none
    district = await build_district()
    homework = await CourseCategory.create(
        course=district.course, name="Homework", name_key="homework", weight=1
    )
    section = await add_section(district.course, "01", [district.q1])
    empty = await add_section(district.course, "02", [district.q1])
    copy = await _category(section, "Homework", "1", homework)
    due = datetime.date(2099, 9, 15)
    quiz = await _assignment(copy, "200", district, due)
    test = await _assignment(copy, "500.5", district)
    ann, ben = await _student("ann"), await _student("ben")
    await _score(quiz, ann, "169.01")
    await _score(test, ann, "422.45")
    await _score(quiz, ben, None)

    # When the course's gradebooks are loaded
    gradebooks = await load_gradebooks(district.course.id)

    # Then points are exact decimals and an unscored row stays empty
    assert gradebooks[empty.id] == Gradebook()
    book = gradebooks[section.id]
    assert book.assignments == (
        GradedAssignment(quiz.id, copy.id, Decimal("200"), district.q1.id, due),
        GradedAssignment(test.id, copy.id, Decimal("500.5"), district.q1.id, None),
    )
    assert book.scores == {
        ann.id: {quiz.id: Decimal("169.01"), test.id: Decimal("422.45")},
        ben.id: {quiz.id: None},
    }
    assert all(type(points) is Decimal for points in book.scores[ann.id].values())


async def test_impact_of_a_planned_weight_change_read_from_the_database(
    db: str,
) -> None:
    # Given a course at 40/60 and a section whose copies still weigh 50/50.
    # Ann: homework 84.45 / 100, tests 84.4 / 100.
    #   before (50 x 84.45 + 50 x 84.4) / 100 = 84.425 -> 84.43 (two decimals)
    #   after (40 x 84.45 + 60 x 84.4) / 100 = (3378 + 5064) / 100 = 84.42
    # Ben: homework 100 / 100, tests 50 / 100.
    #   before 75.00, after 40 + 30 = 70.00
    district = await build_district()
    section = await add_section(district.course, "01", [district.q1])
    weights = {"Homework": ("40", "50"), "Tests": ("60", "50")}
    assignments = {}
    for name, (course_weight, section_weight) in weights.items():
        original = await CourseCategory.create(
            course=district.course,
            name=name,
            name_key=name_key(name),
            weight=Decimal(course_weight),
        )
        copy = await _category(section, name, section_weight, original)
        assignments[name] = await _assignment(copy, "100", district)
    q1, quarter = district.q1, district.quarter
    await CourseCalcOption.create(
        course=district.course, term=q1, grading_task=quarter, rounding_decimals=2
    )
    await SectionCalcOption.create(
        section=section, term=q1, grading_task=quarter, rounding_decimals=2
    )
    ann, ben = await _student("ann"), await _student("ben")
    for student, homework, tests in ((ann, "84.45", "84.4"), (ben, "100", "50")):
        await _score(assignments["Homework"], student, homework)
        await _score(assignments["Tests"], student, tests)

    # When the push is planned and its impact worked out
    course = await load_course_setup(district.course.id)
    sections = await load_section_states(district.course.id)
    plans = {s.section_id: plan_section(course, s, PushOptions()) for s in sections}
    gradebooks = await load_gradebooks(district.course.id)
    impact = course_impact(sections, plans, gradebooks)[section.id]

    # Then both students change, Ben the most
    assert impact.students_changed == 2
    assert impact.largest_change == Decimal("5.00")
    assert [
        (s.student_id, g.before, g.after) for s in impact.students for g in s.grades
    ] == [
        (ann.id, Decimal("84.43"), Decimal("84.42")),
        (ben.id, Decimal("75.00"), Decimal("70.00")),
    ]
