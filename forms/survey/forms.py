"""The questionnaire and the public page's period chooser."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import ELEMENTS, AgeBand, Education, Gender, Occupation, PeriodKind
from .periods import PARTS_PER_YEAR, ROMAN, Period

CHOOSE_ONE = _("Choose one of the four answers.")


class SurveyForm(forms.Form):
    """The nine questions (required, scored 1-4) and the optional respondent profile of the national form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for element in ELEMENTS:
            self.fields[element.field] = forms.TypedChoiceField(
                label=element.question,
                choices=[(score, answer) for score, answer in enumerate(element.answers, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
            )
            self.fields[element.field].element = element
        optional = {"invalid_choice": _("Choose one of the options, or leave it empty.")}
        profile = {
            "gender": (_("Gender"), Gender.choices),
            "age_band": (_("Age"), AgeBand.choices),
            "education": (_("Highest education"), Education.choices),
            "occupation": (_("Main occupation"), Occupation.choices),
        }
        for name, (label, choices) in profile.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=[("", _("Rather not say"))] + list(choices),
                required=False,
                error_messages=optional,
            )

    def element_fields(self):
        return [self[element.field] for element in ELEMENTS]

    def profile_fields(self):
        return [self[name] for name in ("gender", "age_band", "education", "occupation")]

    def answers(self) -> dict[str, int]:
        return {element.field: self.cleaned_data[element.field] for element in ELEMENTS}

    def profile(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in ("gender", "age_band", "education", "occupation")}


class PeriodForm(forms.Form):
    """Which period the transparency page shows: a quarter, a semester or a year that has begun."""

    periode = forms.ChoiceField(
        label=_("Period"),
        choices=PeriodKind.choices,
        error_messages={"invalid_choice": _("Choose quarter, semester or year.")},
    )
    tahun = forms.TypedChoiceField(
        label=_("Year"), coerce=int, error_messages={"invalid_choice": _("Choose one of the listed years.")}
    )
    ke = forms.TypedChoiceField(
        label=_("Quarter or semester"),
        coerce=int,
        choices=[(number, roman) for number, roman in ROMAN.items()],
        required=False,
        help_text=_("For a year, this choice is not used."),
        error_messages={"invalid_choice": _("Choose I, II, III or IV.")},
    )

    def __init__(self, *args, first_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["tahun"].choices = [(year, str(year)) for year in range(this_year, first_year - 1, -1)]

    def clean(self):
        cleaned = super().clean()
        kind, year, number = cleaned.get("periode"), cleaned.get("tahun"), cleaned.get("ke")
        if not kind or not year:
            return cleaned
        if kind == PeriodKind.YEAR:
            number = 1
        elif not number:
            self.add_error("ke", _("Choose which quarter or semester."))
            return cleaned
        elif number > PARTS_PER_YEAR[kind]:
            self.add_error("ke", _("A year has only two semesters: choose I or II."))
            return cleaned
        period = Period(kind=kind, year=year, number=number)
        if period.start > timezone.localdate():
            self.add_error("ke", _("This period has not begun yet."))
            return cleaned
        cleaned["period"] = period
        return cleaned
