"""A small OneRoster 1.2-style export written into a test's directory.

Headers vary on purpose (case, spaces, 1.1 and 1.2 names, `ext_` columns) and
orgs.csv starts with a byte-order mark, as real exports do.
"""

from pathlib import Path

FILES = {
    "orgs": (
        "\ufeffsourcedId,status,Date Last Modified,name,type,ext_vendor_id\n"
        "s1,active,2024-05-06 08:01:05,North High,school,77\n"
        "d1,,,District,district,\n"
    ),
    "academicSessions": (
        "sourcedId,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
        "y1,2024-25,schoolYear,2024-08-20,2025-06-05,,2025\n"
        "t1,Fall,semester,2024-08-20,2024-12-20,y1,2025\n"
        "g1,Q1,gradingPeriod,2024-08-20,2024-10-18,t1,2025\n"
    ),
    "courses": (
        "SourcedId,title,courseCode,schoolYearSourcedId,orgSourcedId,subjects\n"
        "c1,Algebra,ALG,y1,s1,math\n"
    ),
    "classes": (
        "sourcedId,title,courseSourcedId,classCode,School Sourced Id,"
        "termSourcedIds,ext_room\n"
        'k1,Algebra P1,c1,ALG-1,s1,"t1",12\n'
        "k2,Homeroom,,HR,s1,t1,\n"
    ),
    "users": (
        "sourcedId,enabledUser,role,username,givenName,familyName,email\n"
        "u1,true,teacher,jdoe,Jane,Doe,jdoe@example.org\n"
        "u2,true,student,ann,Ann,Lee,\n"
        "u3,true,parent,pat,Pat,Lee,\n"
    ),
    "enrollments": (
        "sourcedId,classSourcedId,schoolSourcedId,userSourcedId,role\n"
        "e1,k1,s1,u1,teacher\n"
        "e2,k1,s1,u2,student\n"
        "e3,k2,s1,u2,student\n"
    ),
    "categories": "sourcedId,title,weight\ncat1,Homework,40\n",
    "lineItems": (
        "sourcedId,title,dueDate,classSourcedId,categorySourcedId,"
        "gradingPeriodSourcedId,resultValueMax\n"
        "li1,Worksheet 1,2024-09-01T00:00:00Z,k1,cat1,g1,20\n"
        "li2,Quiz,,k1,,,\n"
    ),
    "results": "sourcedId,lineItemSourcedId,studentSourcedId,score\n"
    "r1,li1,u2,18.5\nr2,li2,u2,\n",
}


def write_export(directory: Path, **files: str) -> Path:
    """Write the export; a keyword replaces one file's text."""
    for name, text in {**FILES, **files}.items():
        (directory / f"{name}.csv").write_text(text, encoding="utf-8")
    return directory
