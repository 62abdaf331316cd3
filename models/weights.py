"""Weights as people type them: plain decimal text, kept exact to the cent.

A weight is typed by an administrator or written in a policy file, so only the
form everyone reads the same way is accepted: ASCII digits with at most one
point and two decimals. Exponents, digit separators, signs and other scripts'
digits are refused rather than guessed at, and so is "1.500", which reads as
one thousand five hundred in much of the world; "-0" is zero, not negative.
"""

import re
from decimal import Decimal

CENT = Decimal("0.01")
# The weight columns hold 9 digits, 2 of them decimals.
MAX_WEIGHT = Decimal("9999999.99")

_PLAIN_DECIMAL = re.compile(
    r"(?P<minus>-?)(?P<number>[0-9]*(?:\.(?P<decimals>[0-9]*))?)"
)


class WeightError(ValueError):
    """The text is not an acceptable weight; ``reason`` completes "Weight '…' "."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_weight(text: str, *, positive: bool = False) -> Decimal:
    """The weight written in ``text``, to the cent; zero is refused if ``positive``."""
    match = _PLAIN_DECIMAL.fullmatch(text.strip())
    if match is None or match["number"] in ("", "."):
        raise WeightError(
            'must be a number written as plain decimals, like "25" or "33.33"'
            " (ASCII digits, at most one point, no sign, exponent or separator)"
        )

    weight = Decimal(match["number"])
    if match["minus"] and weight != 0:
        raise WeightError(f"is negative: weights are between 0 and {MAX_WEIGHT}")
    if weight > MAX_WEIGHT:
        raise WeightError(f"is larger than {MAX_WEIGHT}")
    if len(match["decimals"] or "") > 2:
        raise WeightError("has more than 2 decimals")
    if positive and weight == 0:
        raise WeightError("must be greater than 0")

    return weight.quantize(CENT)
