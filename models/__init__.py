"""Tortoise models of gradepush; every model is importable from here."""

from models.course import (
    Course,
    CourseCalcOption,
    CourseCategory,
    CourseComposite,
    CourseCompositePart,
    CourseSetupChange,
)
from models.district import Calendar, GradingTask, School, Term
from models.gradebook import Assignment, Enrollment, Score, Student
from models.notification import Notification
from models.push_request import (
    PushCourseTask,
    PushRequest,
    PushSectionResult,
)
from models.section import (
    CategoryOrigin,
    Section,
    SectionCalcOption,
    SectionCategory,
    SectionComposite,
    SectionCompositePart,
    SectionTeacher,
    SectionTerm,
)
from models.user import ApiToken, Role, SchoolAdmin, User

__all__ = [
    "ApiToken",
    "Assignment",
    "Calendar",
    "CategoryOrigin",
    "Course",
    "CourseCalcOption",
    "CourseCategory",
    "CourseComposite",
    "CourseCompositePart",
    "CourseSetupChange",
    "Enrollment",
    "GradingTask",
    "Notification",
    "PushCourseTask",
    "PushRequest",
    "PushSectionResult",
    "Role",
    "School",
    "SchoolAdmin",
    "Score",
    "Section",
    "SectionCalcOption",
    "SectionCategory",
    "SectionComposite",
    "SectionCompositePart",
    "SectionTeacher",
    "SectionTerm",
    "Student",
    "Term",
    "User",
]
