"""NIK and nomor KK as every room and the models hold them: digits typed loosely, shown masked, searched by digest.

Pure functions with no models behind them, so the models and every room can use them without an import circle.
"""

import re

from django.utils.crypto import salted_hmac

ID_NUMBER_LENGTH = 16

_SEPARATORS = re.compile(r"[\s.\-]+")
# The salt predates this module; stored digests (Application.nik_digest) depend on it staying the same.
_KEY_SALT = "forms.nik_search.nik_digest"


def normalise_digits(value: str) -> str:
    """Remove the spaces, dots and dashes citizens type between digit groups."""
    if value is None:
        return ""
    return _SEPARATORS.sub("", str(value))


def mask_nik(value: str) -> str:
    """Show only the first 4 and last 4 digits of a NIK or nomor KK, e.g. 6471********0003."""
    digits = normalise_digits(value)
    if not digits:
        return ""
    # A malformed value could be anything (a phone number, a name), so none of it is shown.
    if len(digits) != ID_NUMBER_LENGTH:
        return "*" * ID_NUMBER_LENGTH
    return digits[:4] + "*" * 8 + digits[-4:]


def nik_digest(nik: str) -> str:
    """The keyed digest of a 16-digit NIK, or "" for no NIK (so blank NIKs never match a search)."""
    if not nik:
        return ""
    return salted_hmac(_KEY_SALT, nik, algorithm="sha256").hexdigest()
