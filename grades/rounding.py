"""The one rounding of a grade, by the rule its calc option names.

Grades are carried as exact fractions until this point: rounding an
intermediate value can move a grade across a boundary (50/50 over 84.5 and
84.4 is 84.45, which is 84, not 85 as rounding the parts first would give).
"""

import math
from decimal import Decimal
from fractions import Fraction

from grades.setup import HALF_UP, TRUNCATE

DEFAULT_DECIMALS = 0


def round_grade(
    value: Fraction | Decimal, decimals: int = DEFAULT_DECIMALS, mode: str = HALF_UP
) -> Decimal:
    """``value`` to ``decimals`` places: halves away from zero, or truncated.

    Any mode other than truncate rounds half up, the model's default; negative
    decimal places are read as none.
    """
    exact = Fraction(value)
    scale = Fraction(10) ** max(decimals, 0)
    scaled = abs(exact) * scale

    if mode == TRUNCATE:
        whole = math.floor(scaled)
    else:
        whole = math.floor(scaled + Fraction(1, 2))

    signed = -whole if exact < 0 else whole
    return Decimal(signed).scaleb(-max(decimals, 0))
