"""A form page's steps and the editors' conditions, decided on the server: what is shown, asked and kept.

A field (or a whole step) with a condition is shown only when an earlier answer is the expected one. A hidden field
is taken out of the form before it is validated, so a hidden required field never blocks and its posted value is
never stored. The answers these rules read are the draft's, kept as JSON (``answer_from_cleaned``).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext as _

from forms import conditions
from forms.constants import ApplicationFieldType, ConditionScope, DeliveryMethod

from .uploads import CleanUpload

# The courier address that the builder adds after a delivery choice on forms without an address field of their own.
ADDRESS_SUFFIX = "_alamat"


@dataclass(frozen=True)
class Rule:
    target: str  # the field whose answer decides
    expected: object  # the answer, as the form posts it


@dataclass
class Step:
    number: int
    title: str
    names: list[str] = field(default_factory=list)
    condition: Rule | None = None


@dataclass
class Plan:
    steps: list[Step]
    rules: dict[str, Rule]  # per field
    labels: dict[str, str]
    types: dict[str, str]

    def step(self, number: int) -> Step | None:
        return next((step for step in self.steps if step.number == number), None)

    def step_of(self, name: str) -> Step | None:
        return next((step for step in self.steps if name in step.names), None)

    def visible(self, answers: dict) -> set[str]:
        """The fields a citizen with these answers is asked, in the form's order."""
        shown: set[str] = set()
        for step in self.steps:
            if not self._met(step.condition, answers, shown):
                continue
            for name in step.names:
                if self._met(self.rules.get(name), answers, shown):
                    shown.add(name)
        return shown

    def visible_steps(self, answers: dict) -> list[Step]:
        shown = self.visible(answers)
        return [step for step in self.steps if any(name in shown for name in step.names)]

    @staticmethod
    def _met(rule: Rule | None, answers: dict, shown: set[str]) -> bool:
        # An answer the citizen was not asked cannot meet a condition.
        return rule is None or (
            rule.target in shown and conditions.answer_meets(answers.get(rule.target), rule.expected)
        )


def form_plan(page) -> Plan:
    """The page's steps in order: a field with a step title starts a step; without any, the form is one step."""
    fields = list(page.get_form_fields())
    by_name = {form_field.clean_name: form_field for form_field in fields}
    has_address = any(form_field.field_type == ApplicationFieldType.DELIVERY_ADDRESS for form_field in fields)
    steps: list[Step] = []
    rules: dict[str, Rule] = {}
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    for form_field in fields:
        rule = _rule(form_field, by_name)
        if not steps or (form_field.step_title and steps[-1].names):
            steps.append(Step(number=len(steps) + 1, title=form_field.step_title or page.title))
            if rule is not None and form_field.condition_scope == ConditionScope.STEP:
                steps[-1].condition = rule
                rule = None
        name = form_field.clean_name
        steps[-1].names.append(name)
        labels[name], types[name] = form_field.label, form_field.field_type
        if rule is not None:
            rules[name] = rule
        if form_field.field_type == ApplicationFieldType.DELIVERY and not has_address:
            # A form from before conditions: the builder's own address field, asked only of courier deliveries.
            address = name + ADDRESS_SUFFIX
            steps[-1].names.append(address)
            labels[address], types[address] = _("Delivery address"), ApplicationFieldType.DELIVERY_ADDRESS
            rules[address] = Rule(target=name, expected=DeliveryMethod.COURIER.value)
    return Plan(steps=steps, rules=rules, labels=labels, types=types)


def _rule(form_field, by_name) -> Rule | None:
    written = (form_field.condition_field or "").strip()
    if not written:
        return None
    source = by_name.get(conditions.target_name(written))
    if source is None:
        return None  # the admin refuses these; one left from before shows the field rather than hide it for good
    expected = conditions.resolve_expected(source.field_type, source.choices, form_field.condition_value)
    return None if expected is None else Rule(target=source.clean_name, expected=expected)


def answer_from_cleaned(value):
    """A cleaned value as the draft keeps it (JSON), in the form a field takes back as its initial value."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [answer_from_cleaned(item) for item in value]
    if isinstance(value, CleanUpload):
        raise TypeError("uploads are kept as draft documents, not as answers")
    return value


def answers_as_data(answers: dict) -> QueryDict:
    """The kept answers as a POST would carry them, so the whole form can be checked once more at submission."""
    data = QueryDict(mutable=True)
    for name, value in answers.items():
        if isinstance(value, list):
            data.setlist(name, [str(item) for item in value])
        elif value is True:
            data[name] = "on"
        elif value is False or value is None:
            continue
        else:
            data[name] = str(value)
    return data


def posted_answers(form, names) -> dict:
    """What the bound form carries for these fields, before validation: same-step conditions read it."""
    answers = {}
    for name in names:
        if name in form.fields:
            answers[name] = form[name].value()
    return answers
