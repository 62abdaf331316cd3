"""A tiny Ed-Fi district written into a test's directory, to be spoiled at will."""

from pathlib import Path

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
SCHOOL = "<SchoolReference><SchoolIdentity><SchoolId>{school}</SchoolId>"
SCHOOL_END = "</SchoolIdentity></SchoolReference>"


def _school_reference(school: str = "1") -> str:
    return SCHOOL.format(school=school) + SCHOOL_END


def _session_reference(session: str = "Fall") -> str:
    return (
        f"<SessionReference><SessionIdentity><SessionName>{session}</SessionName>"
        f"<SchoolYear>2021-2022</SchoolYear>{_school_reference()}"
        "</SessionIdentity></SessionReference>"
    )


def _interchange(name: str, body: str) -> str:
    return (
        f'{HEADER}<Interchange{name} xmlns="http://ed-fi.org/5.2.0">\n'
        f"{body}\n</Interchange{name}>\n"
    )


def organizations(school_name: str = "North High") -> str:
    return _interchange(
        "EducationOrganization",
        f"<School>\n<SchoolId>1</SchoolId>\n"
        f"<NameOfInstitution>{school_name}</NameOfInstitution>\n</School>\n"
        "<Course>\n<CourseCode>ALG</CourseCode><CourseTitle>Algebra</CourseTitle>\n"
        "<EducationOrganizationReference><EducationOrganizationIdentity>"
        "<EducationOrganizationId>1</EducationOrganizationId>"
        "</EducationOrganizationIdentity></EducationOrganizationReference>\n"
        "</Course>",
    )


def calendar(begin: str = "2021-08-23") -> str:
    return _interchange(
        "EducationOrgCalendar",
        "<Session>\n<SessionName>Fall</SessionName>"
        f"<SchoolYear>2021-2022</SchoolYear>\n<BeginDate>{begin}</BeginDate>\n"
        "<EndDate>2021-12-17</EndDate>\n"
        "<Term>uri://ed-fi.org/TermDescriptor#Fall Semester</Term>\n"
        f"{_school_reference()}\n</Session>",
    )


def schedule(section_session: str = "Fall") -> str:
    offering = (
        "<CourseOfferingReference><CourseOfferingIdentity>"
        f"<LocalCourseCode>ALG</LocalCourseCode>{_school_reference()}"
        f"{_session_reference(section_session)}"
        "</CourseOfferingIdentity></CourseOfferingReference>"
    )
    return _interchange(
        "MasterSchedule",
        "<CourseOffering>\n<LocalCourseCode>ALG</LocalCourseCode>\n"
        f"{_school_reference()}\n{_session_reference()}\n"
        "<CourseReference><CourseIdentity><CourseCode>ALG</CourseCode>"
        "<EducationOrganizationReference><EducationOrganizationIdentity>"
        "<EducationOrganizationId>1</EducationOrganizationId>"
        "</EducationOrganizationIdentity></EducationOrganizationReference>"
        "</CourseIdentity></CourseReference>\n</CourseOffering>\n"
        f"<Section>\n<SectionIdentifier>A1</SectionIdentifier>\n{offering}\n"
        "</Section>",
    )


def write_district(directory: Path, **files: str) -> Path:
    """Write the tiny district; a keyword replaces one file's text."""
    texts = {
        "EducationOrganization.xml": organizations(),
        "EducationOrgCalendar.xml": calendar(),
        "MasterSchedule.xml": schedule(),
    }
    texts.update({f"{name}.xml": text for name, text in files.items()})
    for name, text in texts.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory
