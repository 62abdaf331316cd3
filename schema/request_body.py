"""The JSON body of a GraphQL POST: one object, in UTF-8, or a 400 that says why.

Strawberry reads any JSON value and then fails with a fault (HTTP 500) on
anything but an object or a list, and on bytes that are not UTF-8. Here every
body that cannot hold a GraphQL request is a caller mistake, answered the way
GraphQL over HTTP answers a request error: status 400 and a JSON `errors`
list without `data`, since nothing was executed.
"""

import json

from starlette.responses import JSONResponse

BAD_REQUEST = "BAD_REQUEST"
_MUST = "The request body must be a JSON object"
_JSON_KINDS: dict[type, str] = {
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


class RequestBodyError(Exception):
    """A POST body that is no JSON object, so it holds no GraphQL request."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def response(self) -> JSONResponse:
        error = {"message": self.message, "extensions": {"code": BAD_REQUEST}}
        return JSONResponse({"errors": [error]}, status_code=400)


def request_object(body: bytes) -> dict[str, object]:
    """The request object a POST body holds, or RequestBodyError."""
    value = _json(_text(body))
    if isinstance(value, dict):
        return value

    if isinstance(value, list):
        raise RequestBodyError(
            f"{_MUST} holding one operation, not an array. "
            "Batching is not enabled: send each operation in its own request."
        )
    raise RequestBodyError(f"{_MUST}, not {_JSON_KINDS[type(value)]}.")


def _text(body: bytes) -> str:
    # json.loads would guess UTF-16 or UTF-32 from the bytes; JSON sent over
    # HTTP is UTF-8 (RFC 8259), so anything else is refused, not guessed.
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RequestBodyError(
            f"{_MUST} in UTF-8; byte {error.start} is not valid UTF-8."
        ) from None


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RequestBodyError(
            f"{_MUST}; it is not valid JSON ({error.msg} at line {error.lineno},"
            f" column {error.colno})."
        ) from None
    except ValueError:  # an integer of thousands of digits
        raise RequestBodyError(
            f"{_MUST}; it holds a number too long to read."
        ) from None
    except RecursionError:
        raise RequestBodyError(f"{_MUST}; it is nested too deeply.") from None
