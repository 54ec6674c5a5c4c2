"""The log filter that keeps NIKs and KK numbers out of every log the portal writes, access logs included."""

import logging
import re
from collections.abc import Mapping

from forms.identity import mask_nik

# As typed, and as URLs carry a space: "+" or "%20" in a query, "%2B" once that query is itself a parameter
# (the login page's ?next=).
_SEPARATOR = r"(?: |\.|-|\+|%20|%2[Bb])"
# A NIK and a nomor KK are both 16 digits. Any longer run is masked too (a mistyped NIK is still one). Separated,
# they are written 4-4-4-4 or 6-6-4 (region, birth date, serial); only those groupings are masked, so that a log
# line's neighbouring numbers (status, size, duration) are never read as one.
ID_NUMBER = re.compile(
    r"(?<![0-9])(?:"
    r"[0-9]{16,}"
    rf"|[0-9]{{4}}(?P<s4>{_SEPARATOR})[0-9]{{4}}(?P=s4)[0-9]{{4}}(?P=s4)[0-9]{{4}}"
    rf"|[0-9]{{6}}(?P<s6>{_SEPARATOR})[0-9]{{6}}(?P=s6)[0-9]{{4}}"
    r")(?![0-9])"
)
_NOT_A_DIGIT = re.compile(r"%2[0Bb]|[^0-9]")  # an encoded separator first: its "2" is no part of the number


def id_numbers_mask(text: str) -> str:
    """Text with every NIK-like run shown as 6471********0003 (longer runs wholly as asterisks)."""
    return ID_NUMBER.sub(lambda match: mask_nik(_NOT_A_DIGIT.sub("", match.group())), text)


def _masked_args(args):
    if isinstance(args, Mapping):
        return {key: id_numbers_mask(str(value)) for key, value in args.items()}
    return tuple(id_numbers_mask(str(value)) for value in args or ())


class NIKMaskingFilter(logging.Filter):
    """Mask NIKs and KK numbers in a record's message, traceback and stack before any handler writes it.

    The message is rendered first, so a number is caught whichever %-argument carries it: Django's request line
    in runserver's log, gunicorn's access-log atoms (a mapping), or an exception's text. A record with nothing to
    mask is left as it was.
    """

    def filter(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError, KeyError):
            # A malformed logging call: its handler reports the error, with the parts masked.
            record.msg, record.args = id_numbers_mask(str(record.msg)), _masked_args(record.args)
        else:
            masked = id_numbers_mask(message)
            if masked != message:
                record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text once it is set, so the traceback is written masked.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = id_numbers_mask(record.exc_text)
        if record.stack_info:
            record.stack_info = id_numbers_mask(record.stack_info)
        return True
