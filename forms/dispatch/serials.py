"""Blank serial numbers: how a typed or scanned serial is read, and how a range from-to is written and expanded."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A range is one shipment's run of consecutive blanks; more than this in one line is a typing error.
MAX_RANGE = 100_000

_SERIAL = re.compile(r"^([A-Z]*)(\d+)$")
_RANGE_LINE = re.compile(r"^([A-Z]*)\s*(\d+)\s*(?:-|–|—|s/d|S/D|SD)\s*([A-Z]*)\s*(\d+)$")


def serial_normalise(text: str) -> str:
    """A serial as stored: capitals, without the spaces, dashes or dots a scanner or a person may add."""
    return re.sub(r"[\s.\-_/]", "", (text or "").strip().upper())


@dataclass(frozen=True)
class SerialRange:
    """Consecutive blanks `prefix + first` to `prefix + last`, their numbers zero-padded to `width` digits."""

    prefix: str
    first: int
    last: int
    width: int

    @classmethod
    def of(cls, prefix: str, first: str, last: str) -> "SerialRange":
        prefix = serial_normalise(prefix)
        if not re.fullmatch(r"[A-Z]*", prefix):
            raise ValidationError(_("A serial prefix is letters only, for example KTP."))
        if not (first.isdigit() and last.isdigit()):
            raise ValidationError(_("A serial range runs from one number to another, for example 0012001-0014000."))
        if int(last) < int(first):
            raise ValidationError(
                _("A serial range must end at or after its first number: %(first)s-%(last)s.")
                % {"first": first, "last": last}
            )
        if int(last) - int(first) + 1 > MAX_RANGE:
            raise ValidationError(_("One range may hold at most %(n)s blanks.") % {"n": f"{MAX_RANGE:,}"})
        return cls(prefix=prefix, first=int(first), last=int(last), width=max(len(first), len(last)))

    @classmethod
    def from_stored(cls, row) -> "SerialRange":
        prefix, first, last = row
        return cls.of(prefix, first, last)

    def stored(self) -> list[str]:
        return [self.prefix, self.format(self.first)[len(self.prefix) :], self.format(self.last)[len(self.prefix) :]]

    def format(self, number: int) -> str:
        return f"{self.prefix}{number:0{self.width}d}"

    def __len__(self) -> int:
        return self.last - self.first + 1

    def serials(self) -> list[str]:
        return [self.format(number) for number in range(self.first, self.last + 1)]

    def __str__(self) -> str:
        return f"{self.format(self.first)}–{self.format(self.last)}"


def serial_ranges_parse(text: str) -> list[SerialRange]:
    """Ranges typed one per line, as `0012001-0014000` or `KTP 0012001 - KTP 0014000`; a single serial is a range
    of one. Overlapping lines are refused."""
    ranges, errors = [], []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip().upper()
        if not line:
            continue
        single = _SERIAL.match(serial_normalise(line))
        match = _RANGE_LINE.match(line)
        try:
            if match:
                prefix, first, last_prefix, last = match.groups()
                if last_prefix and last_prefix != prefix:
                    raise ValidationError(_("Both ends of a range carry the same prefix."))
                ranges.append(SerialRange.of(prefix, first, last))
            elif single:
                ranges.append(SerialRange.of(single.group(1), single.group(2), single.group(2)))
            else:
                raise ValidationError(
                    _("Write a range as first-last, for example 0012001-0014000 or KTP0012001-KTP0014000.")
                )
        except ValidationError as error:
            errors.append(_("Line %(line)s: %(error)s") % {"line": number, "error": " ".join(error.messages)})
    if errors:
        raise ValidationError(errors)
    if not ranges:
        raise ValidationError(_("Enter the serial numbers of the blanks: one range from-to per line."))
    serials_overlap_check(ranges)
    return ranges


def serials_overlap_check(ranges: list[SerialRange]) -> None:
    seen = set()
    for serial_range in ranges:
        serials = set(serial_range.serials())
        if seen & serials:
            raise ValidationError(_("The ranges overlap: %(range)s.") % {"range": serial_range})
        seen |= serials


def serial_ranges_of(serials: list[str]) -> list[list[str]]:
    """Sorted serials folded back into stored ranges, so a book line names 20 blanks in one short row."""
    rows: list[list[str]] = []
    previous = None
    for serial in sorted(serials, key=lambda s: (_SERIAL.match(s).group(1), len(s), s)):
        prefix, digits = _SERIAL.match(serial).groups()
        if (
            previous
            and previous[0] == prefix
            and len(previous[2]) == len(digits)
            and int(previous[2]) + 1 == int(digits)
        ):
            previous[2] = digits
            continue
        previous = [prefix, digits, digits]
        rows.append(previous)
    return rows


def stored_ranges_text(rows) -> str:
    return ", ".join(str(SerialRange.from_stored(row)) for row in rows or [])
