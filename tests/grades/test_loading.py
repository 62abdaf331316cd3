"""Gradebooks and term dates read from the database, on both back ends."""

import datetime
from decimal import Decimal

from grades.gradebook import Gradebook, GradedAssignment
from grades.impact import course_impact
from grades.loading import load_gradebooks, load_term_dates
from grades.setup import TermDates
from models import (
    Assignment,
    CourseCalcOption,
    CourseCategory,
    GradingTask,
    Score,
    Section,
    SectionCalcOption,
    SectionCategory,
    SectionComposite,
    SectionCompositePart,
    Student,
    Term,
)
from models.base import name_key
from models.section import CategoryOrigin
from push.loading import load_course_setup, load_section_states
from push.options import PushOptions
from push.plan import plan_section
from tests.push.builders import District, add_composite, add_section, build_district


async def _student(name: str) -> Student:
    return await Student.create(source_id=name, first_name=name, last_name="Doe")


async def _category(
    section: Section, name: str, weight: str, course_category: CourseCategory
) -> SectionCategory:
    """A locked section copy of a course category, counting toward its tasks."""
    return await SectionCategory.create(
        section=section,
        name=name,
        name_key=name_key(name),
        weight=Decimal(weight),
        course_category=course_category,
        origin=CategoryOrigin.PUSHED,
        locked=True,
        task_ids=course_category.task_ids,
    )


async def _assignment(
    category: SectionCategory,
    possible: str,
    district: District,
    due: datetime.date | None = None,
    term: Term | None = None,
) -> Assignment:
    section = await category.section
    term = term or district.q1
    return await Assignment.create(
        source_id=f"{section.source_id}-{category.name}-{term.name}-{possible}",
        section=section,
        category=category,
        term=term,
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


async def test_a_semester_composite_read_from_the_database_takes_both_quarters(
    db: str,
) -> None:
    # Given a course whose S1 semester grade is quarter grade 80, exam 20, and a
    # section still at 50/50. Ann: Q1 169 / 200 = 84.5 %, Q2 77 / 100 = 77 %,
    # S1 exam 183 / 200 = 91.5 %. Each graded quarter takes half the quarter
    # grade's weight:
    #   before (25 x 84.5 + 25 x 77 + 50 x 91.5) / 100
    #        = (2112.5 + 1925 + 4575) / 100 = 86.125 -> 86
    #   after (40 x 84.5 + 40 x 77 + 20 x 91.5) / 100
    #        = (3380 + 3080 + 1830) / 100 = 82.9 -> 83
    district = await build_district()
    q1, q2 = district.q1, district.q2
    s1 = await _first_semester(district)
    section, homework, exam = await _semester_section(district, s1)
    ann = await _student("ann")
    for category, possible, term, points in (
        (homework, "200", q1, "169"),
        (homework, "100", q2, "77"),
        (exam, "200", s1, "183"),
    ):
        work = await _assignment(category, possible, district, term=term)
        await _score(work, ann, points)

    # When the term dates are loaded with the gradebooks and the impact worked out
    terms = await load_term_dates(district.course.id)
    course = await load_course_setup(district.course.id)
    sections = await load_section_states(district.course.id)
    plans = {s.section_id: plan_section(course, s, PushOptions()) for s in sections}
    gradebooks = await load_gradebooks(district.course.id)
    impact = course_impact(sections, plans, gradebooks, terms)[section.id]

    # Then S1 holds both quarters, and Ann's semester grade goes from 86 to 83
    assert terms == {
        q1.id: TermDates(q1.start_date, q1.end_date),
        q2.id: TermDates(q2.start_date, q2.end_date),
        s1.id: TermDates(q1.start_date, q2.end_date),
    }
    assert [
        (g.term_id, g.before, g.after)
        for student in impact.students
        for g in student.grades
        if g.task_id == district.semester.id
    ] == [(s1.id, Decimal("86"), Decimal("83"))]
    assert impact.largest_change == Decimal("3")


async def _first_semester(district: District) -> Term:
    """S1, from the first day of Q1 to the last day of Q2."""
    return await Term.create(
        source_id="cal-1-S1",
        calendar=district.calendar,
        name="S1",
        sequence=3,
        start_date=district.q1.start_date,
        end_date=district.q2.end_date,
    )


async def _semester_section(
    district: District, s1: Term
) -> tuple[Section, SectionCategory, SectionCategory]:
    """A section meeting in Q1, Q2 and S1, with its homework and exam categories.

    Homework counts toward the quarter grade and the exam toward the semester
    exam, in course and section alike; only the S1 composite weights differ.
    """
    exam_task = await GradingTask.create(
        calendar=district.calendar, name="Semester Exam"
    )
    quarter, semester = district.quarter, district.semester
    section = await add_section(district.course, "01", [district.q1, district.q2, s1])
    homework = await _counting_category(section, "Homework", quarter)
    exam = await _counting_category(section, "Exam", exam_task)

    for term, task in ((district.q1, quarter), (district.q2, quarter), (s1, exam_task)):
        await CourseCalcOption.create(
            course=district.course, term=term, grading_task=task
        )
        await SectionCalcOption.create(section=section, term=term, grading_task=task)

    course_parts = {quarter: "80", exam_task: "20"}
    await add_composite(district.course, s1, semester, course_parts)
    section_parts = {quarter: "50", exam_task: "50"}
    await _section_composite(section, s1, semester, section_parts)
    return section, homework, exam


async def _counting_category(
    section: Section, name: str, task: GradingTask
) -> SectionCategory:
    """A course category counting toward one task, and the section's copy."""
    course = await section.course
    original = await CourseCategory.create(
        course=course, name=name, name_key=name_key(name), weight=1, task_ids=[task.id]
    )
    return await _category(section, name, "1", original)


async def _section_composite(
    section: Section, term: Term, task: GradingTask, parts: dict[GradingTask, str]
) -> None:
    """A locked section composite, as an earlier push would have left it."""
    composite = await SectionComposite.create(
        section=section, term=term, grading_task=task
    )
    for component, weight in parts.items():
        await SectionCompositePart.create(
            composite=composite, component_task=component, weight=Decimal(weight)
        )
