"""Editors' "show only when <field> is <answer>" rules: which answers a field has, and whether an answer meets one.

Shared by the form page's admin check (a rule that can never be met is refused) and the intake room's steps (the
server decides what is shown, asked and stored); it knows field types only, no model.
"""

from wagtail.contrib.forms.forms import _split_by_newline_or_comma
from wagtail.contrib.forms.utils import get_field_clean_name

from .constants import ApplicationFieldType as T
from .constants import DeliveryMethod

CHOICE_TYPES = (T.DROPDOWN, T.RADIO, T.CHECKBOXES, T.DELIVERY, T.CHECKBOX)
# A single checkbox is ticked or not; editors write the answer in words.
_TICKED = {"ya": True, "yes": True, "dicentang": True, "tidak": False, "no": False}


def _key(text) -> str:
    return " ".join(str(text).split()).casefold()


def field_answers(field_type: str, choices: str = "") -> dict[str, object] | None:
    """The answers a rule may name, by their normalised spelling, with the value the form posts; None if free."""
    if field_type == T.DELIVERY:
        answers = {}
        for value, label in DeliveryMethod.choices:
            answers[_key(value)] = value
            answers[_key(label)] = value
        return answers
    if field_type == T.CHECKBOX:
        return dict(_TICKED)
    if field_type in CHOICE_TYPES:
        return {_key(choice): choice for choice in _split_by_newline_or_comma(choices or "")}
    return None


def answer_choices_text(field_type: str, choices: str = "") -> str:
    """The answers as an editor may write them, for the message that refuses another one."""
    if field_type == T.DELIVERY:
        return ", ".join(value for value, _label in DeliveryMethod.choices)
    if field_type == T.CHECKBOX:
        return "ya, tidak"
    return ", ".join(_split_by_newline_or_comma(choices or ""))


def resolve_expected(field_type: str, choices: str, written: str):
    """The value an editor's written answer stands for; None when the field has no such answer."""
    answers = field_answers(field_type, choices)
    if answers is None:
        return None
    return answers.get(_key(written))


def target_name(written: str) -> str:
    """The field name an editor's "when the field ..." points at: its label or its name, as Wagtail names fields."""
    return get_field_clean_name(written.strip()) if written.strip() else ""


def answer_meets(answer, expected) -> bool:
    """Whether a citizen's answer (as posted or kept) is the expected one; a list meets it by containing it."""
    if isinstance(expected, bool):
        return (answer is True or str(answer).casefold() in ("on", "true")) is expected
    if isinstance(answer, list | tuple):
        return any(_key(item) == _key(expected) for item in answer)
    if answer is None:
        return False
    return _key(answer) == _key(expected)
