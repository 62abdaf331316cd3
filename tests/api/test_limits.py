"""Operations too deep or with too many aliases are refused before they run."""

from models import Role
from schema.extensions import MAX_ALIASES, MAX_DEPTH
from tests.api import builders
from tests.api.conftest import Api

TOO_DEEP = """
query {
  section(id: "U2VjdGlvbjox") {
    course { calendar { courses { edges { node {
      sections { edges { node {
        course { calendar { courses { edges { node {
          sections { edges { node { id } } }
        } } } } }
      } } }
    } } } } }
  }
}
"""


async def test_a_query_deeper_than_the_limit_is_refused(api: Api) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)

    result = await api.post(TOO_DEEP, token=token)

    [error] = result["errors"]
    assert f"exceeds maximum operation depth of {MAX_DEPTH}" in error["message"]


async def test_too_many_aliases_are_refused(api: Api) -> None:
    _, token = await builders.user(Role.DISTRICT_ADMIN)
    aliases = " ".join(f"a{index}: me {{ username }}" for index in range(60))

    result = await api.post(f"query {{ {aliases} }}", token=token)

    [error] = result["errors"]
    assert f"Allowed: {MAX_ALIASES}" in error["message"]
