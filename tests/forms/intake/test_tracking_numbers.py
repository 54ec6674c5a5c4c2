from hypothesis import given
from hypothesis import strategies as st

from forms.intake.tracking import ALPHABET, check_character, tracking_number_new, tracking_number_normalise


@given(st.integers(min_value=2000, max_value=2999))
def test_new_tracking_numbers_validate(year):
    number = tracking_number_new("KTP", year)
    assert tracking_number_normalise(number) == number
    assert tracking_number_normalise(f" {number.lower()} ") == number


@given(st.integers(min_value=0, max_value=6), st.sampled_from(ALPHABET))
def test_any_single_wrong_character_is_caught(position, replacement):
    number = tracking_number_new("KTP", 2026)
    code = number.rsplit("-", 1)[1]
    if code[position] == replacement:
        return
    wrong = number[:-7] + code[:position] + replacement + code[position + 1 :]
    assert tracking_number_normalise(wrong) is None


def test_lookalike_letters_are_read_as_digits():
    number = "KTP-2026-" + "10Z0H1" + check_character("10Z0H1")
    prefix, year, code = number.split("-")
    typed = f"{prefix}-{year}-{code.replace('0', 'O').replace('1', 'l')}".lower()
    assert tracking_number_normalise(typed) == number
