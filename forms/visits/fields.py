"""The visit-date form field: only bookable working days, with each office's remaining places."""

import datetime
import json

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from services.models import Kecamatan

from .models import VisitBooking
from .rules import day_problem, full_error, office_day_problem
from .selectors import bookable_days, office_capacity, remaining_places

VISIT_DATE_HELP_TEXT = _(
    "Working days from the next working day. The places left on each day are shown for the kecamatan you choose."
)


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _place_note(remaining):
    if remaining is None:
        return str(_("closed"))
    if remaining == 0:
        return str(_("full"))
    return ngettext("%(count)s place left", "%(count)s places left", remaining) % {"count": remaining}


class VisitDateSelect(forms.Select):
    """A list of the bookable days; a small script relabels them when the citizen changes the kecamatan."""

    template_name = "visits/widgets/visit_date_select.html"
    kecamatan_id = None
    kecamatan_field_id = ""

    def use_required_attribute(self, initial):
        # The first choice is always the empty prompt; the choices themselves are built at render time.
        return not self.is_hidden

    def get_context(self, name, value, attrs):
        days = bookable_days()
        places = remaining_places(days)
        office = places.get(self.kecamatan_id) if self.kecamatan_id else None
        self._places, self._selected = office, {str(v) for v in (value if isinstance(value, list) else [value])}
        self.choices = [("", _("Choose a visit day"))] + [(day.isoformat(), self._label(day)) for day in days]
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-visit-places": json.dumps(
                    {str(k): {d.isoformat(): n for d, n in per_day.items()} for k, per_day in places.items()}
                ),
                "data-kecamatan-field": self.kecamatan_field_id,
                "data-left-one": ngettext("%(count)s place left", "%(count)s places left", 1),
                "data-left-other": ngettext("%(count)s place left", "%(count)s places left", 2),
                "data-full": str(_("full")),
                "data-closed": str(_("closed")),
            }
        )
        return context

    def _label(self, day):
        label = date_format(day, "l, j F Y")
        if self._places is not None and day in self._places:
            label = f"{label} · {_place_note(self._places[day])}"
        return label

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            day = datetime.date.fromisoformat(str(value))
            option["attrs"]["data-label"] = date_format(day, "l, j F Y")
            places = self._places or {}
            # A full or closed day cannot be chosen, unless it is the choice being shown back with its error.
            if day in places and not places[day] and str(value) not in self._selected:
                option["attrs"]["disabled"] = True
        return option


class VisitDateField(forms.DateField):
    """A working day in the booking window; the chosen office must be open and have a place left."""

    widget = VisitDateSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        if not kwargs.get("help_text"):
            kwargs["help_text"] = VISIT_DATE_HELP_TEXT
        super().__init__(**kwargs)
        self.fixed_kecamatan = None

    def _kecamatan_field_name(self, form):
        for name, field in form.fields.items():
            if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Kecamatan:
                return name
        return None

    def get_bound_field(self, form, field_name):
        if self.fixed_kecamatan is not None:
            self.widget.kecamatan_id = self.fixed_kecamatan.pk
        elif (kecamatan_name := self._kecamatan_field_name(form)) is not None:
            kecamatan = form[kecamatan_name]
            self.widget.kecamatan_id = _as_int(kecamatan.value())
            self.widget.kecamatan_field_id = kecamatan.auto_id or ""
        return super().get_bound_field(form, field_name)

    def validate(self, value):
        super().validate(value)
        if value:
            problem = day_problem(value)
            if problem is not None:
                raise problem

    def clean_with_form(self, form, name):
        """The checks that need the chosen office; repeated under lock when the booking is made."""
        day = form.cleaned_data.get(name)
        kecamatan = self.fixed_kecamatan or next(
            (value for value in form.cleaned_data.values() if isinstance(value, Kecamatan)), None
        )
        if not day or kecamatan is None:
            return
        problem = office_day_problem(kecamatan, day)
        if problem is None:
            capacity = office_capacity(kecamatan)
            if VisitBooking.objects.filter(kecamatan=kecamatan, date=day).count() >= capacity:
                problem = full_error(kecamatan, day, capacity)
        if problem is not None:
            form.add_error(name, problem)
