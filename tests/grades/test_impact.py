"""What a planned push does to students' grades, worked out by hand.

Three students, Ann, Ben and Cal, in one section that meets in Q1; each test
plans a real push of a course setup that differs from the section's in one way.
"""

from decimal import Decimal

from grades.impact import (
    GradeChange,
    SectionImpact,
    course_impact,
    section_impact,
    setup_after,
)
from grades.setup import TRUNCATE
from push.options import PushOptions
from push.plan import plan_section
from push.setup import (
    CalcSpec,
    CategorySpec,
    CompositeSpec,
    CourseSetup,
    LockedValue,
    SectionCategoryState,
    SectionState,
    TermTask,
)
from tests.grades.builders import (
    ANN,
    BEN,
    CAL,
    EXAM,
    HOMEWORK,
    Q1,
    Q2,
    QUARTER_GRADE,
    SEMESTER_EXAM,
    SEMESTER_GRADE,
    TESTS,
    Book,
    calc,
    category,
    composite,
)

SECTION = 7
COURSE_CATEGORY = {HOMEWORK: 201, TESTS: 203, EXAM: 205}
QUARTER = (Q1, QUARTER_GRADE)

BeforeAfter = tuple[Decimal | None, Decimal | None]


def _course(
    categories: dict[int, CategorySpec],
    calc_options: dict[TermTask, CalcSpec],
    composites: dict[TermTask, CompositeSpec] | None = None,
) -> CourseSetup:
    """The course setup; categories are keyed by the section copy they match."""
    return CourseSetup(
        course_id=1,
        label="ALG-1 Algebra I",
        advisory=False,
        categories={COURSE_CATEGORY[key]: spec for key, spec in categories.items()},
        calc_options=calc_options,
        composites=composites or {},
    )


def _section(
    categories: dict[int, CategorySpec],
    calc_options: dict[TermTask, CalcSpec],
    composites: dict[TermTask, CompositeSpec] | None = None,
) -> SectionState:
    """A section holding locked, pushed copies of the course's categories."""
    return SectionState(
        section_id=SECTION,
        label="ALG-1 Algebra I, section 01",
        advisory=False,
        term_ids=frozenset({Q1}),
        teacher_ids=(),
        categories=tuple(
            SectionCategoryState(
                id=key,
                spec=spec,
                course_category_id=COURSE_CATEGORY[key],
                pushed=True,
                locked=True,
                assignment_count=1,
            )
            for key, spec in categories.items()
        ),
        calc_options={
            key: LockedValue(index, value, locked=True)
            for index, (key, value) in enumerate(calc_options.items())
        },
        composites={
            key: LockedValue(index, value, locked=True)
            for index, (key, value) in enumerate((composites or {}).items())
        },
    )


def _impact(course: CourseSetup, section: SectionState, book: Book) -> SectionImpact:
    plan = plan_section(course, section, PushOptions())
    return section_impact(section, plan, book.gradebook)


def _before_and_after(impact: SectionImpact, key: TermTask) -> dict[int, BeforeAfter]:
    """Each student's grade for one term and task, before and after the push."""
    return {
        student.student_id: next(
            (g.before, g.after) for g in student.grades if (g.term_id, g.task_id) == key
        )
        for student in impact.students
    }


def _homework_and_tests() -> Book:
    """Ann 10/10 and 25/50, Ben 8/10 and 40/50, Cal 9/10 and 35/50."""
    return (
        Book()
        .score(HOMEWORK, "10", "10")
        .scored(1, BEN, "8")
        .scored(1, CAL, "9")
        .score(TESTS, "25", "50")
        .scored(2, BEN, "40")
        .scored(2, CAL, "35")
    )


def test_a_new_category_weight_changes_the_grades_it_moves() -> None:
    # Homework 50 -> 40 and tests 50 -> 60.
    # Ann 100 % and 50 %: (50 x 100 + 50 x 50) / 100 = 75 -> 40 + 30 = 70.
    # Ben 80 % and 80 %: 80 under any weights.
    # Cal 90 % and 70 %: 45 + 35 = 80 -> 36 + 42 = 78.
    # Two students change, the largest change is Ann's 5.
    course = _course(
        {HOMEWORK: category("40"), TESTS: category("60")}, {QUARTER: calc()}
    )
    section = _section(
        {HOMEWORK: category("50"), TESTS: category("50")}, {QUARTER: calc()}
    )

    impact = _impact(course, section, _homework_and_tests())

    assert impact.section_id == SECTION
    assert impact.students_changed == 2
    assert impact.largest_change == Decimal("5")
    assert _before_and_after(impact, QUARTER) == {
        ANN: (Decimal("75"), Decimal("70")),
        BEN: (Decimal("80"), Decimal("80")),
        CAL: (Decimal("80"), Decimal("78")),
    }


def test_new_calc_options_change_grades_by_their_exact_amount() -> None:
    # Weighted to whole numbers -> total points truncated to one decimal.
    # Ann: 75 -> (10 + 25) / 60 = 58.33... -> 58.3, a change of 16.7.
    # Ben: 80 -> 48 / 60 = 80.0, the same grade.
    # Cal: 80 -> 44 / 60 = 73.33... -> 73.3, a change of 6.7.
    categories = {HOMEWORK: category("50"), TESTS: category("50")}
    total_points = calc(weighted=False, decimals=1, mode=TRUNCATE)
    course = _course(categories, {QUARTER: total_points})
    section = _section(categories, {QUARTER: calc()})

    impact = _impact(course, section, _homework_and_tests())

    assert impact.students_changed == 2
    assert impact.largest_change == Decimal("16.7")
    assert _before_and_after(impact, QUARTER) == {
        ANN: (Decimal("75"), Decimal("58.3")),
        BEN: (Decimal("80"), Decimal("80.0")),
        CAL: (Decimal("80"), Decimal("73.3")),
    }


def test_new_composite_weights_change_only_the_composite_grade() -> None:
    # Semester 50/50 -> 80/20 over quarter (homework) and exam.
    # Ann 84.5 and 84.4: 84.45 -> 84 before; (6760 + 1688) / 100 = 84.48
    # -> 84 after: no change.
    # Ben 180/200 = 90 and 300/500 = 60: 75 -> (7200 + 1200) / 100 = 84.
    # Cal 170/200 = 85, no exam: 85 on the quarter alone, before and after.
    categories = {
        HOMEWORK: category(task_ids=(QUARTER_GRADE,)),
        EXAM: category(task_ids=(SEMESTER_EXAM,)),
    }
    calc_options = {QUARTER: calc(), (Q1, SEMESTER_EXAM): calc()}
    semester = (Q1, SEMESTER_GRADE)
    course = _course(
        categories,
        calc_options,
        {semester: composite((QUARTER_GRADE, "80"), (SEMESTER_EXAM, "20"))},
    )
    section = _section(
        categories,
        calc_options,
        {semester: composite((QUARTER_GRADE, "50"), (SEMESTER_EXAM, "50"))},
    )
    book = (
        Book()
        .score(HOMEWORK, "169", "200")
        .scored(1, BEN, "180")
        .scored(1, CAL, "170")
        .score(EXAM, "422", "500")
        .scored(2, BEN, "300")
    )

    impact = _impact(course, section, book)

    assert impact.students_changed == 1
    assert impact.largest_change == Decimal("9")
    assert _before_and_after(impact, semester) == {
        ANN: (Decimal("84"), Decimal("84")),
        BEN: (Decimal("75"), Decimal("84")),
        CAL: (Decimal("85"), Decimal("85")),
    }
    assert _before_and_after(impact, QUARTER) == {
        ANN: (Decimal("85"), Decimal("85")),
        BEN: (Decimal("90"), Decimal("90")),
        CAL: (Decimal("85"), Decimal("85")),
    }


def test_a_new_empty_category_leaves_every_grade_as_it_was() -> None:
    # The course adds tests at 60, but no section work is in it yet:
    # Ann's homework 100 % stays 100, and so on.
    course = _course(
        {HOMEWORK: category("40"), TESTS: category("60")}, {QUARTER: calc()}
    )
    section = _section({HOMEWORK: category("40")}, {QUARTER: calc()})
    book = Book().score(HOMEWORK, "10", "10").scored(1, BEN, "8")

    plan = plan_section(course, section, PushOptions())
    impact = section_impact(section, plan, book.gradebook)

    assert len(plan.creates) == 1
    assert impact.students_changed == 0
    assert impact.largest_change == Decimal("0")
    assert _before_and_after(impact, QUARTER) == {
        ANN: (Decimal("100"), Decimal("100")),
        BEN: (Decimal("80"), Decimal("80")),
    }
    assert setup_after(section, plan).categories[-1].weight == Decimal("60")


def test_a_grade_the_push_takes_away_counts_as_changed() -> None:
    # The course has no Q1 option: the push removes the section's, and Ann's
    # 100 becomes no grade. Changed, but there is no amount to compare.
    categories = {HOMEWORK: category("40")}
    course = _course(categories, {})
    section = _section(categories, {QUARTER: calc()})

    impact = _impact(course, section, Book().score(HOMEWORK, "10", "10"))

    assert impact.students_changed == 1
    assert impact.largest_change == Decimal("0")
    assert impact.students[0].grades == (
        GradeChange(Q1, QUARTER_GRADE, Decimal("100"), None),
    )


def test_terms_the_section_does_not_meet_in_are_left_out() -> None:
    categories = {HOMEWORK: category("40")}
    course = _course(categories, {QUARTER: calc(), (Q2, QUARTER_GRADE): calc()})
    section = _section(categories, {QUARTER: calc(decimals=1)})

    impact = _impact(course, section, Book().score(HOMEWORK, "2", "3"))

    assert [(g.term_id, g.before, g.after) for g in impact.students[0].grades] == [
        (Q1, Decimal("66.7"), Decimal("67"))
    ]


def test_course_impact_covers_planned_sections_even_without_scores() -> None:
    categories = {HOMEWORK: category("40")}
    course = _course(categories, {QUARTER: calc()})
    section = _section(categories, {QUARTER: calc(decimals=1)})
    plans = {SECTION: plan_section(course, section, PushOptions())}

    with_scores = course_impact(
        [section], plans, {SECTION: Book().score(HOMEWORK, "2", "3").gradebook}
    )
    without_scores = course_impact([section], plans, {})
    unplanned = course_impact([section], {}, {})

    assert with_scores[SECTION].students_changed == 1
    assert with_scores[SECTION].largest_change == Decimal("0.3")
    assert without_scores == {
        SECTION: SectionImpact(SECTION, 0, Decimal("0"), students=())
    }
    assert unplanned == {}
