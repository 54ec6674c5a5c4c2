"""Tracking numbers such as KTP-2026-7QX4M2K: unguessable, easy to read aloud, with a check character."""

import re
import secrets

# Crockford's base32: no I, L, O or U, so nothing is misread on a phone or over the counter.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 6
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
PATTERN = re.compile(rf"^([A-Z]{{2,5}})-(\d{{4}})-([{ALPHABET}]{{{RANDOM_LENGTH + 1}}})$")


def check_character(payload: str) -> str:
    """Luhn mod 32 over the alphabet: catches any single wrong character and most swaps."""
    factor, total, n = 2, 0, len(ALPHABET)
    for char in reversed(payload):
        addend = factor * ALPHABET.index(char)
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def tracking_number_new(prefix: str, year: int) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{prefix}-{year}-{body}{check_character(body)}"


def tracking_number_normalise(value: str) -> str | None:
    """The canonical form of what a citizen typed, or None if it cannot be a tracking number."""
    value = re.sub(r"\s+", "", value or "").upper()
    parts = value.split("-")
    if len(parts) != 3:
        return None
    value = f"{parts[0]}-{parts[1]}-{parts[2].translate(_READ_AS)}"
    match = PATTERN.match(value)
    if not match:
        return None
    code = match.group(3)
    return value if check_character(code[:-1]) == code[-1] else None
