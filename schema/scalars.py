"""The Decimal scalar: exact values written as strings, such as "33.33"."""

from decimal import Decimal, InvalidOperation

import strawberry
from strawberry.types.scalar import ScalarDefinition

DECIMAL_DESCRIPTION = (
    'An exact decimal number written as a string, such as "33.33". '
    "Never a float: weights must add up exactly."
)


def _serialize(value: Decimal) -> str:
    return format(value, "f")


def _parse(value: object) -> Decimal:
    if not isinstance(value, str):
        raise ValueError('a Decimal is written as a string, such as "33.33"')
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite decimal number")
    return number


DECIMAL_SCALAR: ScalarDefinition = strawberry.scalar(
    name="Decimal",
    description=DECIMAL_DESCRIPTION,
    serialize=_serialize,
    parse_value=_parse,
)
