"""Each application keeps the standard in force when it arrived: its revision, its promised service time and the
due time that promise gives, whatever the standard says later; a form without a kecamatan field routes to its office."""

import pytest
import time_machine

from forms.constants import ApplicationStatus
from forms.models import Application
from forms.review.selectors import applications_visible_to
from forms.review.transitions import application_return
from services.constants import DurationUnit
from services.models import Kecamatan

from ..helpers import office_staff, signed_in, tracking_from
from .digital_service import digital_post, digital_service, standard_duration_publish, standard_of, wita

pytestmark = pytest.mark.django_db
# Monday 10 August 2026, before the cut-off. 17 August (Independence Day) and 25 August (the Prophet's Birthday) are
# public holidays: 14 working days are 10-14, 18-21, 24, 26-28 and 31 August.
MONDAY = wita(2026, 8, 10, 10)
FOURTEEN_WORKING_DAYS_LATER = wita(2026, 8, 31, 16)


@pytest.fixture
def staff(seeded):
    return office_staff()


@pytest.fixture
def form(seeded):
    return digital_service(duration=14)


def _apply(citizen, form, moment=MONDAY):
    with time_machine.travel(moment, tick=False):
        response = signed_in(citizen).post(form.url, digital_post())
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.get(tracking_number=tracking_from(response))


def test_an_application_keeps_the_standard_revision_and_promise_in_force_when_submitted(citizen, form):
    standard = standard_of(form)
    application = _apply(citizen, form)
    assert application.standard_revision_id == standard.live_revision_id is not None
    assert (application.promised_duration, application.promised_duration_unit) == (14, DurationUnit.WORKING_DAYS)
    assert application.due_at == FOURTEEN_WORKING_DAYS_LATER


def test_editing_the_standards_duration_after_submission_leaves_the_earlier_due_time_alone(citizen, form):
    earlier = _apply(citizen, form)
    kept_revision = earlier.standard_revision_id
    standard = standard_duration_publish(form, 1)

    earlier.refresh_from_db()
    assert earlier.due_at == FOURTEEN_WORKING_DAYS_LATER
    assert earlier.standard_revision_id == kept_revision
    assert (earlier.promised_duration, earlier.promised_duration_unit) == (14, DurationUnit.WORKING_DAYS)
    # The next applicant is promised what the standard says now.
    later = _apply(citizen, form)
    assert later.standard_revision_id == standard.live_revision_id != kept_revision
    assert later.promised_duration == 1 and later.due_at == wita(2026, 8, 10, 16)


def test_resubmission_recomputes_the_due_time_from_the_kept_promise_not_the_current_standard(citizen, form, staff):
    application = _apply(citizen, form)
    application_return(application=application, by=staff["operator"], reasons=[("nama_lengkap", "Tidak sesuai KK.")])
    standard_duration_publish(form, 2)
    # Resubmitted on Tuesday 1 September: 14 working days from then (no holiday until 18 September).
    with time_machine.travel(wita(2026, 9, 1, 9), tick=False):
        response = signed_in(citizen).post(
            f"/permohonan/{application.tracking_number}/perbaiki/", {"nama_lengkap": "Ani Lestari Putri"}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.due_at == wita(2026, 9, 18, 16)


def test_a_promise_in_hours_is_due_after_that_much_office_time(citizen, seeded):
    form = digital_service(duration=4, unit=DurationUnit.HOURS)
    # Friday 14 August 14:30: 1.5 hours on Friday, then Monday 17 August is a holiday, so 2.5 hours on Tuesday.
    application = _apply(citizen, form, wita(2026, 8, 14, 14, 30))
    assert (application.promised_duration, application.promised_duration_unit) == (4, DurationUnit.HOURS)
    assert application.due_at == wita(2026, 8, 18, 10, 30)


def test_a_form_without_a_kecamatan_field_routes_to_its_fixed_office_and_its_operator_sees_it(citizen, form, staff):
    application = _apply(citizen, form)
    assert application.kecamatan == Kecamatan.objects.get(name="Balikpapan Kota")
    assert applications_visible_to(staff["operator"]).filter(pk=application.pk).exists()
    assert not applications_visible_to(staff["operator_elsewhere"]).filter(pk=application.pk).exists()
    assert signed_in(staff["operator"]).get(f"/admin/permohonan/review/{application.pk}/").status_code == 200
