"""Records every gettext lookup whose Indonesian answer is still the English msgid (issue 17: Indonesian throughout).

Django's translation functions (``gettext``, ``ngettext``, ``pgettext``, ``npgettext``, and the lazy ones, which call
them when rendered) all go through ``django.utils.translation._trans``; templates' ``{% translate %}`` and
``{% blocktranslate %}`` too. Wrapping those four while staff screens render sees every string the screens ask for.
"""

import re
from contextlib import contextmanager

from django.utils import translation

# Words that read the same in Indonesian, names and codes. Each with why it stays as it is.
ALLOWED_AS_IS = {
    "Wagtail": "the product's name",
    "English": "a language named in its own tongue in the language switch",
    "Bahasa Indonesia": "already Indonesian",
    "Status": "the same word in Indonesian",
    "Total": "the same word in Indonesian",
    "Email": "the office's word for it (the portal's and allauth's labels)",
    "Administrator": "the same word in Indonesian",
    "Admin": "the same word in Indonesian",
    "Tag": "the same word in Indonesian (Wagtail's id_ID uses it)",
    "NIK": "the national identity number's own abbreviation",
    "KK": "the family card's own abbreviation",
    "SIAK": "the national system's name",
    "KTP-el": "the card's official name",
    "IKD": "the digital ID's official name",
    "URL": "a code, the same in Indonesian",
    "PDF": "a file format's name",
    "CSV": "a file format's name",
    "XLSX": "a file format's name",
    "Minimum": "the same word in Indonesian",
    "Slug": "Wagtail's Indonesian term for a page's address part",
    "%s KB": "a unit",
    "%s MB": "a unit",
    "%s GB": "a unit",
    "Alias": "the same word in Indonesian",
    "Port": "the same word in Indonesian (a network port)",
    "April": "the same month name in Indonesian",
    "September": "the same month name in Indonesian",
    "November": "the same month name in Indonesian",
    **{
        month: "the same month abbreviation in Indonesian"
        for month in ("jan", "feb", "mar", "apr", "jun", "jul", "sep", "nov")
    },
    "No.": "the Indonesian abbreviation of 'Nomor' too",
    "exact": "django-filter evaluates _(lookup) as a dict.get default; 'exact' shows as nothing (VERBOSE_LOOKUPS)",
    # The portal writes these msgids in Indonesian: names of regulation types, periods, places.
    "Keputusan": "Indonesian msgid (services.constants, a regulation type)",
    "Peraturan Daerah": "Indonesian msgid (services.constants, a regulation type)",
    "Peraturan Menteri": "Indonesian msgid (services.constants, a regulation type)",
    "Peraturan Pemerintah": "Indonesian msgid (services.constants, a regulation type)",
    "Peraturan Presiden": "Indonesian msgid (services.constants, a regulation type)",
    "Peraturan Wali Kota": "Indonesian msgid (services.constants, a regulation type)",
    "Undang-Undang": "Indonesian msgid (services.constants, a regulation type)",
    "Semester": "the same word in Indonesian",
    "Bahasa Inggris": "Indonesian msgid (the language switch)",
    "Kecamatan": "the Indonesian name of the district, used as such in the English UI too",
}
# Compared without case and a trailing colon: "Status: " and "status" are the same word as "Status".
ALLOWED = {key.lower() for key in ALLOWED_AS_IS}
_PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{[^}]*\}|<[^>]+>|&[a-z]+;")


def needs_words(message):
    """Whether the msgid holds letters once placeholders and markup are taken out."""
    return bool(re.search(r"[A-Za-z]", _PLACEHOLDER.sub("", str(message))))


@contextmanager
def untranslated_lookups():
    """Yields a dict msgid -> context (or "") that fills with each untranslated lookup made under Indonesian."""
    found = {}
    names = ("gettext", "ngettext", "pgettext", "npgettext")
    originals = {name: getattr(translation._trans, name) for name in names}

    def note(message, result, context=""):
        message = str(message)
        if (
            str(result) == message
            and (translation.get_language() or "").startswith("id")
            and needs_words(message)
            and message.strip().rstrip(":").strip().lower() not in ALLOWED
        ):
            found.setdefault(message, context)

    def gettext(message):
        result = originals["gettext"](message)
        note(message, result)
        return result

    def ngettext(singular, plural, number):
        result = originals["ngettext"](singular, plural, number)
        note(singular if number == 1 else plural, result)
        return result

    def pgettext(context, message):
        result = originals["pgettext"](context, message)
        note(message, result, context)
        return result

    def npgettext(context, singular, plural, number):
        result = originals["npgettext"](context, singular, plural, number)
        note(singular if number == 1 else plural, result, context)
        return result

    wrappers = {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}
    for name, wrapper in wrappers.items():
        setattr(translation._trans, name, wrapper)
    try:
        yield found
    finally:
        for name, original in originals.items():
            setattr(translation._trans, name, original)
