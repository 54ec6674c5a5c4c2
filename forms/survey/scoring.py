"""The index of PermenPANRB 14/2017, computed exactly.

Each element's mean (nilai rata-rata, NRR) is its sum of scores over its respondents. The nine elements
weigh the same (1/9 each), so the index is the mean of the nine means, times 25 (scores 1-4 become 25-100).
Everything stays a Fraction until the one published rounding: two decimals, half up (88.305 -> 88.31),
because the regulation's grade table is written in two decimals. The grade is read from that rounded
value, so there are no gaps between grades: 88.30 is B and 88.31 is A.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .constants import ELEMENTS, Grade

CONVERSION = 25

# (lowest published value, grade): Tabel "nilai persepsi, interval, interval konversi, mutu pelayanan".
GRADE_FLOORS = (
    (Decimal("88.31"), Grade.A),
    (Decimal("76.61"), Grade.B),
    (Decimal("65.00"), Grade.C),
    (Decimal("25.00"), Grade.D),
)
LOWEST, HIGHEST = Decimal("25.00"), Decimal("100.00")


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    """The exact value rounded half up to `places` decimals; never through a float."""
    scale = 10**places
    numerator, denominator = value.numerator * scale, value.denominator
    # floor(x + 1/2) for x >= 0, and its mirror for negatives, both in integers.
    if numerator >= 0:
        units = (2 * numerator + denominator) // (2 * denominator)
    else:
        units = -((-2 * numerator + denominator) // (2 * denominator))
    return Decimal(units).scaleb(-places)


def grade_table() -> list[tuple[Decimal, Decimal, Grade]]:
    """(lowest, highest, grade) per grade, highest grade first, as the public page explains them."""
    rows, ceiling = [], HIGHEST
    for floor, grade in GRADE_FLOORS:
        rows.append((floor, ceiling, grade))
        ceiling = floor - Decimal("0.01")
    return rows


def grade_for(published: Decimal) -> Grade:
    """The grade of a published (two-decimal) index."""
    if not LOWEST <= published <= HIGHEST:
        raise ValueError(f"An index lies between 25.00 and 100.00, not {published}.")
    for floor, grade in GRADE_FLOORS:
        if published >= floor:
            return grade
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class SurveyResult:
    """The index of a set of answers: respondents, the exact element means, and the exact index."""

    respondents: int
    element_means: tuple[Fraction, ...] | None
    index: Fraction | None

    @classmethod
    def from_sums(cls, *, respondents: int, sums: dict[str, int]) -> "SurveyResult":
        """From the number of respondents and each element's sum of scores (every element is required)."""
        if not respondents:
            return cls(respondents=0, element_means=None, index=None)
        means = tuple(Fraction(sums[element.field], respondents) for element in ELEMENTS)
        return cls(respondents=respondents, element_means=means, index=index_of(means))

    @property
    def published(self) -> Decimal | None:
        return None if self.index is None else round_half_up(self.index)

    @property
    def grade(self) -> Grade | None:
        return None if self.index is None else grade_for(self.published)

    @property
    def published_means(self) -> tuple[Decimal, ...] | None:
        """Each element's mean on the 1-4 scale, two decimals, for tables and charts."""
        return None if self.element_means is None else tuple(round_half_up(mean) for mean in self.element_means)

    def elements(self) -> list[tuple]:
        """(element, published mean, published mean x 25) per element."""
        if self.element_means is None:
            return [(element, None, None) for element in ELEMENTS]
        return [
            (element, round_half_up(mean), round_half_up(mean * CONVERSION))
            for element, mean in zip(ELEMENTS, self.element_means, strict=True)
        ]


def index_of(element_means: tuple[Fraction, ...]) -> Fraction:
    """Equal weights: the mean of the element means, times 25."""
    if len(element_means) != len(ELEMENTS):
        raise ValueError(f"Expected {len(ELEMENTS)} element means, got {len(element_means)}.")
    return sum(element_means, Fraction(0)) / len(element_means) * CONVERSION
