"""Name pools the demo district draws from."""

SCHOOL_NAMES = (
    "North High",
    "South High",
    "Riverside Middle",
    "Lakeview High",
    "Hillcrest Middle",
    "Westbrook High",
)

# (course number prefix, subject, course name stems); courses cycle through
# them in this order, so even a small demo has an advisory course.
SUBJECTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("MATH", "Mathematics", ("Math", "Statistics", "Calculus", "Trigonometry")),
    ("ALG", "Mathematics", ("Algebra", "Applied Algebra")),
    ("ENG", "English Language Arts", ("English", "Literature", "Composition")),
    ("ADV", "Advisory", ("Advisory",)),
    ("SCI", "Science", ("Biology", "Chemistry", "Physics", "Earth Science")),
    ("HIST", "Social Studies", ("World History", "US History", "Government")),
    ("SPAN", "World Languages", ("Spanish",)),
    ("ART", "Fine Arts", ("Studio Art", "Ceramics", "Photography")),
    ("MUS", "Fine Arts", ("Choir", "Band", "Orchestra")),
    ("PE", "Physical Education", ("Physical Education", "Health")),
    ("CTE", "Career and Technical Education", ("Robotics", "Web Design")),
)
ADVISORY_PREFIX = "ADV"

COURSE_CATEGORY_NAMES = (
    "Homework",
    "Class Work",
    "Quizzes",
    "Tests",
    "Projects",
    "Participation",
    "Labs",
    "Final Exam",
)
EXAM_CATEGORY = "Final Exam"

# Teachers' own categories; clashing ones are made from the course's names.
TEACHER_CATEGORY_NAMES = (
    "Extra Credit",
    "Warm-Ups",
    "Reading Log",
    "Exit Tickets",
    "Journal",
)

FIRST_NAMES = (
    "Ava",
    "Ben",
    "Chloe",
    "Diego",
    "Elena",
    "Farah",
    "Gabriel",
    "Hana",
    "Isaac",
    "Jada",
    "Kenji",
    "Lucia",
    "Mateo",
    "Nora",
    "Omar",
    "Priya",
)

LAST_NAMES = (
    "Adams",
    "Baker",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Johnson",
    "Kowalski",
    "Lopez",
    "Nguyen",
    "Okafor",
    "Patel",
    "Rossi",
)

ASSIGNMENT_WORDS = ("Worksheet", "Quiz", "Essay", "Lab", "Project", "Review")
