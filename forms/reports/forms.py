"""The report's filter: which period, and optionally which service and which kecamatan."""

from dataclasses import replace

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from forms.office.report_sections import ReportScope
from forms.office.scope import CITY, OfficeScope
from services.models import Kecamatan, ServiceStandardPage

from .periods import ROMAN, PeriodKind, period_bounds, period_label, previous_bounds

FIRST_YEAR = 2021  # the online SOP (Keputusan 188.4/22/DISDUKCAPIL/2021) starts here


def _blank(label):
    return [("", label)]


class ReportFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Kind of period"), choices=PeriodKind.choices)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())
    month = forms.TypedChoiceField(
        label=_("Month"), coerce=int, required=False, empty_value=None, choices=_blank("–") + list(MONTHS.items())
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=_blank("–") + [(n, _("Quarter %(number)s") % {"number": ROMAN[n]}) for n in range(1, 5)],
    )
    semester = forms.TypedChoiceField(
        label=_("Semester"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=_blank("–") + [(n, _("Semester %(number)s") % {"number": ROMAN[n]}) for n in range(1, 3)],
    )
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=ServiceStandardPage.objects.none(), required=False, empty_label=_("All services")
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.all(), required=False, empty_label=_("All kecamatan")
    )

    def __init__(self, *args, office_scope: OfficeScope = CITY, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(year, year) for year in range(this_year + 1, FIRST_YEAR - 1, -1)]
        self.fields["service"].queryset = ServiceStandardPage.objects.order_by("title")
        if not office_scope.is_city_wide:
            # A report narrower than the city covers the offices in the user's scope only.
            field = self.fields["kecamatan"]
            field.queryset = office_scope.kecamatan()
            field.required = True
            field.empty_label = None

    @classmethod
    def defaults(cls, *, office_id: int | None = None) -> dict:
        """This month, every service, every kecamatan (or the operator's own)."""
        today = timezone.localdate()
        data = {"period": PeriodKind.MONTH, "year": str(today.year), "month": str(today.month)}
        if office_id is not None:
            data["kecamatan"] = str(office_id)
        return data

    def full_clean(self):
        super().full_clean()
        # Tie each message to its field for screen readers.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].id_for_label}-error"}
                )

    def clean(self):
        cleaned = super().clean()
        kind, year = cleaned.get("period"), cleaned.get("year")
        if kind == PeriodKind.CUSTOM:
            start, end = cleaned.get("start"), cleaned.get("end")
            if start is None and "start" not in self.errors:
                self.add_error("start", _("Enter the first day of the range."))
            if end is None and "end" not in self.errors:
                self.add_error("end", _("Enter the last day of the range."))
            if start and end and end < start:
                self.add_error("end", _("The last day must not be before the first day."))
        elif kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.SEMESTER):
            number_field = str(kind)
            number = cleaned.get(number_field)
            if number is None and number_field not in self.errors:
                self.add_error(number_field, _("Choose which %(period)s.") % {"period": _period_word(kind)})
            elif number is not None and year is not None:
                cleaned["start"], cleaned["end"] = period_bounds(kind, year, number)
        return cleaned

    def scope(self) -> ReportScope:
        data = self.cleaned_data
        return ReportScope(
            start=data["start"],
            end=data["end"],
            service_id=data["service"].pk if data.get("service") else None,
            kecamatan_id=data["kecamatan"].pk if data.get("kecamatan") else None,
        )

    def previous_scope(self) -> ReportScope:
        """The same service and kecamatan over the period just before, for the figures' comparison."""
        scope = self.scope()
        start, end = previous_bounds(self.cleaned_data["period"], scope.start, scope.end)
        return replace(scope, start=start, end=end)

    def labels(self) -> dict[str, str]:
        """The scope in words, as the page and both exports print it."""
        data = self.cleaned_data
        previous = self.previous_scope()
        return {
            "period": period_label(data["period"], data["start"], data["end"]),
            "previous_period": period_label(data["period"], previous.start, previous.end),
            "service": data["service"].title if data.get("service") else str(_("All services")),
            "kecamatan": data["kecamatan"].name if data.get("kecamatan") else str(_("All kecamatan")),
        }


def _period_word(kind):
    return {
        PeriodKind.MONTH: _("month"),
        PeriodKind.QUARTER: _("quarter"),
        PeriodKind.SEMESTER: _("semester"),
    }[kind]
