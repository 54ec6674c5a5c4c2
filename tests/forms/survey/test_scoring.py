"""The index arithmetic of PermenPANRB 14/2017, exactly: grades on their boundaries, half-up rounding, equal weights."""

from decimal import Decimal
from fractions import Fraction

import pytest

from forms.survey.constants import ELEMENT_FIELDS, Grade
from forms.survey.scoring import SurveyResult, grade_for, grade_table, index_of, round_half_up


@pytest.mark.parametrize(
    ("published", "grade"),
    [
        ("100.00", Grade.A),
        ("88.31", Grade.A),
        ("88.30", Grade.B),
        ("76.61", Grade.B),
        ("76.60", Grade.C),
        ("65.00", Grade.C),
        ("64.99", Grade.D),
        ("25.00", Grade.D),
    ],
)
def test_grade_changes_exactly_at_the_regulations_boundaries(published, grade):
    assert grade_for(Decimal(published)) == grade


@pytest.mark.parametrize("published", ["24.99", "100.01", "0.00"])
def test_a_value_outside_25_to_100_is_not_an_index(published):
    with pytest.raises(ValueError):
        grade_for(Decimal(published))


def test_grade_table_has_no_gaps_between_grades():
    assert [(str(low), str(high), grade) for low, high, grade in grade_table()] == [
        ("88.31", "100.00", Grade.A),
        ("76.61", "88.30", Grade.B),
        ("65.00", "76.60", Grade.C),
        ("25.00", "64.99", Grade.D),
    ]


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (Fraction(88305, 1000), "88.31"),  # exactly half: up
        (Fraction(88304999, 1000000), "88.30"),
        (Fraction(76605, 1000), "76.61"),
        (Fraction(64995, 1000), "65.00"),
        (Fraction(13100, 171), "76.61"),  # 76.6081...
        (Fraction(-1, 200), "-0.01"),
    ],
)
def test_rounding_is_half_up_on_the_exact_value(value, rounded):
    assert round_half_up(value) == Decimal(rounded)


# Five thousand respondents whose exact index ends in 5 at the third decimal, with the element sums spread
# so that a float sum of the means lands just below: a float implementation would grade these one lower.
@pytest.mark.parametrize(
    ("sums", "published", "grade"),
    [
        ((13768, 11545, 13420, 11915, 12999, 12999, 13662, 13684, 12999), "65.00", Grade.C),
        ((15321, 15321, 15321, 15159, 14284, 14291, 15321, 16513, 16358), "76.61", Grade.B),
        ((17661, 16318, 16410, 17661, 17661, 18912, 17661, 17661, 19004), "88.31", Grade.A),
    ],
)
def test_exact_arithmetic_grades_a_boundary_where_floats_would_fall_short(sums, published, grade):
    float_index = sum(total / 5000 for total in sums) / 9 * 25
    assert round(float_index, 2) < float(published)  # what floats would have published

    result = SurveyResult.from_sums(respondents=5000, sums=dict(zip(ELEMENT_FIELDS, sums, strict=True)))
    assert result.index == Fraction(sum(sums) * 25, 5000 * 9)
    assert result.published == Decimal(published)
    assert result.grade == grade


def test_elements_weigh_the_same():
    means = (Fraction(4),) + (Fraction(1),) * 8
    assert index_of(means) == Fraction(12 * 25, 9)  # (4 + 8) / 9 * 25
    assert index_of(tuple(reversed(means))) == index_of(means)


def test_the_index_needs_all_nine_element_means():
    with pytest.raises(ValueError):
        index_of((Fraction(3),) * 8)


def test_no_respondents_is_no_index_not_zero():
    result = SurveyResult.from_sums(respondents=0, sums={})
    assert (result.index, result.published, result.grade) == (None, None, None)
