"""Structural checks and normalisation of NIK, nomor KK and Indonesian mobile numbers; visible text.

A NIK (Nomor Induk Kependudukan, the personal identity number) and a nomor KK (Kartu Keluarga,
family card number) are both 16 digits starting with the region code where they were issued.
Neither has a check digit, so only their structure can be checked, and their region digits against the
Kemendagri table (region_codes). Mobile numbers are judged by Google's numbering plan data (phonenumbers).
"""

import calendar
import datetime
import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from forms.identity import ID_NUMBER_LENGTH, normalise_digits

from .region_codes import is_regency, province_name

# Women's NIKs carry the day of birth plus 40.
FEMALE_DAY_OFFSET = 40
# Digits after the leading 8 of a mobile number (+62 8xx...): 9 to 12 digits after +62 in all, as in
# phonenumbers' plan for Indonesia; used only to tell a citizen that the length is what is wrong.
MOBILE_MIN_DIGITS_AFTER_8 = 8
MOBILE_MAX_DIGITS_AFTER_8 = 11
_MOBILE_TYPES = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}

# Citizens copy numbers with spaces (also non-breaking ones from PDFs and chat apps), dots and dashes.
# ASCII only: str.isdigit() would also accept superscripts and Arabic-Indic digits.
_NOT_A_DIGIT = re.compile(r"[^0-9]")
# Listing every stray character of a long paste would drown the message.
_MAX_CHARACTERS_SHOWN = 5

# Text is what it looks like (security.md): Unicode's format characters (category Cf) are invisible, and
# the bidi controls among them reorder what staff see, so "Ani\u202e..." or a zero-width space in a name
# or an address would mislead them or defeat a search. Control characters other than line breaks and tabs
# have no place in typed text either; line and paragraph separators break one-line displays.
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Zl", "Zp"}
_TYPED_CONTROLS = {"\t", "\n", "\r"}
# Hangul fillers are letters that render as nothing; they are the usual way to make a name look empty.
_INVISIBLE_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0"}
# Emoji use two format characters: the zero-width joiner between two emoji (🤦‍♀️, 👩🏽‍💻) and the tag
# characters of subdivision flags (🏴 + tags + cancel tag).
_ZERO_WIDTH_JOINER = "\u200d"
_EMOJI_MODIFIERS = {"\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))}
_BLACK_FLAG = "\U0001f3f4"
_TAGS = {*map(chr, range(0xE0020, 0xE0080))}

NIK_HELP_TEXT = _(
    "The 16-digit NIK on your KTP-el or Kartu Keluarga: region (6 digits), date of birth as DDMMYY (40 added "
    "to the day for women), serial number (4 digits). It has no check digit: copy it carefully. Spaces and "
    "dashes are ignored."
)
KK_HELP_TEXT = _(
    "The 16-digit number at the top of your Kartu Keluarga: region (6 digits) first, serial number (4 digits) "
    "last. It has no check digit: copy it carefully. Spaces and dashes are ignored."
)
MOBILE_HELP_TEXT = _(
    "An Indonesian mobile number, for example 0812-3456-7890 or +62 812 3456 7890. Landline and "
    "foreign numbers cannot be used. Spaces, dots and dashes are ignored."
)

_NIK_MESSAGES = {
    "not_digits": _("A NIK contains only digits. Please remove: %(characters)s."),
    "length": _("A NIK has 16 digits; you entered %(count)s."),
    "province": _(
        "Digits 1 and 2 of a NIK are the code of the province where it was issued; there is no province "
        "%(province)s. Please check them against your KTP-el or Kartu Keluarga."
    ),
    "regency": _(
        "Digits 3 and 4 of a NIK are the code of the regency or city where it was issued; %(province_name)s "
        "has no regency or city %(regency)s, so a NIK cannot start with %(code)s. "
        "Please check them against your KTP-el or Kartu Keluarga."
    ),
    "district": _(
        "Digits 5 and 6 of a NIK are the code of the district (kecamatan) where it was issued and cannot be 00. "
        "Please check them against your KTP-el or Kartu Keluarga."
    ),
    "birth_date": _(
        "Digits 7 to 12 of a NIK are the date of birth as DDMMYY, with 40 added to the day for women; "
        "%(digits)s is not a valid date. Please check them against your KTP-el or Kartu Keluarga."
    ),
    "serial": _(
        "The last 4 digits of a NIK are a serial number and cannot be 0000. "
        "Please check them against your KTP-el or Kartu Keluarga."
    ),
}
_KK_MESSAGES = {
    "not_digits": _("A Kartu Keluarga number contains only digits. Please remove: %(characters)s."),
    "length": _("A Kartu Keluarga number has 16 digits; you entered %(count)s."),
    "province": _(
        "Digits 1 and 2 of a Kartu Keluarga number are the code of the province where it was issued; there "
        "is no province %(province)s. Please check them against your Kartu Keluarga."
    ),
    "regency": _(
        "Digits 3 and 4 of a Kartu Keluarga number are the code of the regency or city where it was issued; "
        "%(province_name)s has no regency or city %(regency)s, so a Kartu Keluarga number cannot start with "
        "%(code)s. Please check them against your Kartu Keluarga."
    ),
    "district": _(
        "Digits 5 and 6 of a Kartu Keluarga number are the code of the district (kecamatan) where it was "
        "issued and cannot be 00. Please check them against your Kartu Keluarga."
    ),
    "serial": _(
        "The last 4 digits of a Kartu Keluarga number are a serial number and cannot be 0000. "
        "Please check them against your Kartu Keluarga."
    ),
}
_INVISIBLE_MESSAGE = _(
    "This text contains characters that cannot be seen or that change the direction of the text "
    "(%(characters)s). They often come along when text is copied from another app. "
    "Please type the text again."
)
_MOBILE_MESSAGES = {
    "not_digits": _(
        "A mobile number contains only digits, with an optional + at the start. Please remove: %(characters)s."
    ),
    "foreign": _(
        "Only Indonesian mobile numbers (+62) can be used. "
        "Please enter a number that starts with 08 or +628, for example 0812-3456-7890."
    ),
    "not_mobile": _(
        "This is not a mobile number (landline and service numbers cannot be used). "
        "Please enter a mobile number that starts with 08 or +628, for example 0812-3456-7890."
    ),
    "length": _(
        "A mobile number written with 08 has 10 to 13 digits, for example 0812-3456-7890; "
        "yours has %(count)s. Please check it."
    ),
}


def _stray_characters(value: str) -> str:
    """The distinct non-digit characters of value, quoted, for an error message."""
    stray = list(dict.fromkeys(_NOT_A_DIGIT.findall(value)))
    shown = ", ".join(f"“{char}”" for char in stray[:_MAX_CHARACTERS_SHOWN])
    return shown + (", …" if len(stray) > _MAX_CHARACTERS_SHOWN else "")


def _check_digits(value: str, messages: dict, prefix: str) -> str:
    """Return value without separators, or raise if it has other non-digits or the wrong length."""
    digits = normalise_digits(value)
    if _NOT_A_DIGIT.search(digits):
        raise ValidationError(
            messages["not_digits"],
            code=f"{prefix}_not_digits",
            params={"characters": _stray_characters(digits)},
        )
    if len(digits) != ID_NUMBER_LENGTH:
        raise ValidationError(messages["length"], code=f"{prefix}_length", params={"count": len(digits)})
    return digits


def _check_region(digits: str, messages: dict, prefix: str) -> None:
    """Refuse a province or regency missing from the Kemendagri table, or district 00, naming the digits."""
    province, regency, district = digits[0:2], digits[2:4], digits[4:6]
    name = province_name(province)
    if name is None:
        raise ValidationError(messages["province"], code=f"{prefix}_region", params={"province": province})
    if not is_regency(digits[:4]):
        raise ValidationError(
            messages["regency"],
            code=f"{prefix}_region",
            params={"province_name": name, "regency": regency, "code": digits[:4]},
        )
    if district == "00":
        raise ValidationError(messages["district"], code=f"{prefix}_region")


def _check_serial(digits: str, messages: dict, prefix: str) -> None:
    if digits[-4:] == "0000":
        raise ValidationError(messages["serial"], code=f"{prefix}_serial")


def _birth_day_month_year(digits: str) -> tuple[int, int, int, str] | None:
    """Day, month, two-digit year and sex from a NIK's DDMMYY, or None if no calendar date fits."""
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = "M"
    if day > FEMALE_DAY_OFFSET:
        day, sex = day - FEMALE_DAY_OFFSET, "F"
    if not 1 <= month <= 12 or day < 1:
        return None
    # The century is not in the NIK: 29 February is fine if either 19YY or 20YY is a leap year.
    longest = max(calendar.monthrange(century + year, month)[1] for century in (1900, 2000))
    if day > longest:
        return None
    return day, month, year, sex


def validate_nik(value: str) -> str:
    """Return the 16-digit NIK without separators, or raise ValidationError naming what is wrong."""
    digits = _check_digits(value, _NIK_MESSAGES, "nik")
    _check_region(digits, _NIK_MESSAGES, "nik")
    if _birth_day_month_year(digits) is None:
        raise ValidationError(_NIK_MESSAGES["birth_date"], code="nik_birth_date", params={"digits": digits[6:12]})
    _check_serial(digits, _NIK_MESSAGES, "nik")
    return digits


def validate_kk(value: str) -> str:
    """Return the 16-digit nomor KK without separators, or raise ValidationError naming what is wrong."""
    digits = _check_digits(value, _KK_MESSAGES, "kk")
    _check_region(digits, _KK_MESSAGES, "kk")
    _check_serial(digits, _KK_MESSAGES, "kk")
    return digits


def nik_birth_date(nik: str) -> tuple[datetime.date | None, str]:
    """Birth date and sex ("F"/"M") read from a NIK; (None, "") if it holds no valid birth date."""
    digits = normalise_digits(nik)
    if len(digits) != ID_NUMBER_LENGTH or _NOT_A_DIGIT.search(digits):
        return None, ""
    parts = _birth_day_month_year(digits)
    if parts is None:
        return None, ""
    day, month, year, sex = parts
    today = datetime.date.today()
    # A birth date cannot be in the future, so take the latest of 20YY and 19YY that is not.
    for century in (2000, 1900):
        try:
            born = datetime.date(century + year, month, day)
        except ValueError:  # 29 February in the century that is not a leap year
            continue
        if born <= today:
            return born, sex
    return None, ""


def _joins_emoji(value: str, index: int) -> bool:
    """Whether the zero-width joiner at value[index] stands between two emoji, as in 🤦‍♀️."""
    before, after = value[index - 1 : index], value[index + 1 : index + 2]
    emoji_before = before in _EMOJI_MODIFIERS or (before and unicodedata.category(before) == "So")
    return bool(emoji_before and after and unicodedata.category(after) == "So")


def invisible_characters(value: str) -> list[str]:
    """The distinct invisible, control and bidi-control characters of value, emoji sequences excepted."""
    found = []
    in_flag_tags = False
    for index, char in enumerate(value):
        if char in _TAGS and (in_flag_tags or value[index - 1 : index] == _BLACK_FLAG):
            in_flag_tags = char != "\U000e007f"  # the cancel tag ends the flag
            continue
        in_flag_tags = False
        if char in _TYPED_CONTROLS or (char == _ZERO_WIDTH_JOINER and _joins_emoji(value, index)):
            continue
        if char in _INVISIBLE_LETTERS or unicodedata.category(char) in _INVISIBLE_CATEGORIES:
            found.append(char)
    return list(dict.fromkeys(found))


def validate_visible_text(value: str) -> None:
    """Refuse text holding invisible or bidi-control characters, naming them by code point."""
    if not value:
        return
    found = invisible_characters(str(value))
    if found:
        shown = ", ".join(f"U+{ord(char):04X}" for char in found[:_MAX_CHARACTERS_SHOWN])
        shown += ", …" if len(found) > _MAX_CHARACTERS_SHOWN else ""
        raise ValidationError(_INVISIBLE_MESSAGE, code="invisible_characters", params={"characters": shown})


def normalise_mobile(value: str) -> str:
    """Return an Indonesian mobile number in E.164 form (+628...), or raise ValidationError."""
    compact = normalise_digits(value)
    international = compact.startswith("+")
    digits = compact[1:] if international else compact
    if _NOT_A_DIGIT.search(digits):
        raise ValidationError(
            _MOBILE_MESSAGES["not_digits"],
            code="phone_not_digits",
            params={"characters": _stray_characters(digits)},
        )
    if international and not digits.startswith("62"):
        raise ValidationError(_MOBILE_MESSAGES["foreign"], code="phone_not_mobile")
    if digits.startswith("62"):
        national = digits[2:]
        # "+62 0812..." is a common way of writing it; no Indonesian number has a 0 after +62.
        if national.startswith("0"):
            national = national[1:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    try:
        number = phonenumbers.parse("+62" + national)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.number_type(number) in _MOBILE_TYPES:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    # Not a mobile number in the plan: say what is wrong in the citizen's terms. 080x numbers are toll-free and
    # premium services and 084x is not given out; neither can receive messages.
    if national and (not national.startswith("8") or national[:2] in {"80", "84"}):
        raise ValidationError(_MOBILE_MESSAGES["not_mobile"], code="phone_not_mobile")
    # Counted as the citizen most likely wrote it: 08 followed by the rest.
    count = len(national) + 1 if national else 0
    raise ValidationError(_MOBILE_MESSAGES["length"], code="phone_length", params={"count": count})


class _SameWhenSameClass:
    """Validators without options: equal when of the same class, so migrations see no change."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))


@deconstructible
class NIKValidator(_SameWhenSameClass):
    """Refuse a value that is not a structurally valid NIK."""

    def __call__(self, value):
        validate_nik(value)


@deconstructible
class KKValidator(_SameWhenSameClass):
    """Refuse a value that is not a structurally valid nomor KK."""

    def __call__(self, value):
        validate_kk(value)


@deconstructible
class MobileNumberValidator(_SameWhenSameClass):
    """Refuse a value that is not an Indonesian mobile number."""

    def __call__(self, value):
        normalise_mobile(value)


@deconstructible
class VisibleTextValidator(_SameWhenSameClass):
    """Refuse free text holding invisible or bidi-control characters (names, addresses, messages, notes)."""

    def __call__(self, value):
        validate_visible_text(value)
