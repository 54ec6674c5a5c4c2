"""A step waits in the queue until an officer who may make it opens the case, then is worked on until the
transition; the report splits each SOP step's time so, against the standard minutes of the published SOP."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from wagtail.models import ModelLogEntry

from forms.constants import ApplicationStatus
from forms.intake.step_time import step_minutes_fill
from forms.models import Application, ApplicationFormPage, StatusChange
from forms.office.report_sections import ReportScope
from forms.review.report_sections import sop_step_times, step_times
from forms.review.transitions import application_open, application_transition
from services.models import DecreePage, Kecamatan

from ..helpers import lost_card_form, lost_card_post, office_staff, signed_in, tracking_from
from ..intake.digital_service import SOP_NUMBER, wita
from ..reports.data import plan, plans_create

pytestmark = pytest.mark.django_db
S = ApplicationStatus
JANUARY = ReportScope(start=date(2026, 1, 1), end=date(2026, 1, 31))


@pytest.fixture
def staff(seeded):
    return office_staff()


@pytest.fixture
def application(citizen):
    client = Client()
    client.force_login(citizen)
    with time_machine.travel(wita(2026, 1, 5, 9), tick=False):
        response = client.post(lost_card_form().url, lost_card_post())
    return Application.objects.get(tracking_number=tracking_from(response))


def test_opening_the_review_page_as_an_officer_who_may_act_starts_the_step_once(application, staff):
    review = f"/admin/permohonan/review/{application.pk}/"
    # The head of office may see it but has no move on a submitted application: the step still waits.
    with time_machine.travel(wita(2026, 1, 5, 9, 10), tick=False):
        assert signed_in(staff["head_of_office"]).get(review).status_code == 200
    application.refresh_from_db()
    assert application.step_opened_at is None

    with time_machine.travel(wita(2026, 1, 5, 9, 20), tick=False):
        assert signed_in(staff["operator"]).get(review).status_code == 200
    with time_machine.travel(wita(2026, 1, 5, 9, 25), tick=False):
        signed_in(staff["operator"]).get(review)  # a second look does not restart the step
    application.refresh_from_db()
    assert application.step_opened_at == wita(2026, 1, 5, 9, 20)

    with time_machine.travel(wita(2026, 1, 5, 9, 24), tick=False):
        application = application_transition(
            application=application, action="accept", by=staff["operator"], expected_status=S.SUBMITTED
        )
    change = application.history.last()
    assert (change.to_status, change.opened_at) == (S.ACCEPTED, wita(2026, 1, 5, 9, 20))
    # Kept on the row as it is recorded: waited 09:00-09:20, worked 09:20-09:24; the submission ends no step.
    assert (change.waiting_minutes, change.working_minutes) == (20, 4)
    assert application.history.values_list("waiting_minutes", "working_minutes").first() == (None, None)
    application.refresh_from_db()
    assert application.step_opened_at is None  # the SIAK entry waits from its own start


def test_opening_is_not_an_audited_action_and_an_outsider_cannot_open(application, staff):
    entries = ModelLogEntry.objects.count()
    assert application_open(application=application, by=staff["operator_elsewhere"]).step_opened_at is None
    assert application_open(application=application, by=staff["section_head"]).step_opened_at is None
    assert application_open(application=application, by=staff["operator"]).step_opened_at is not None
    assert ModelLogEntry.objects.count() == entries
    assert application.history.count() == 1


def _plans_with_openings():
    """Four checks and one SIAK entry, with the known answer in minutes (waiting, working) beside each."""
    page = ApplicationFormPage.objects.get(slug="hilang")
    kota = Kecamatan.objects.get(name="Balikpapan Kota").pk
    monday = wita(2026, 1, 5, 9)
    plans = [
        # Opened 09:30, accepted 09:34: waited 30, worked 4; then SIAK opened 09:50, entered 10:00: 16 and 10.
        plan(page, kota, monday, [("accept", wita(2026, 1, 5, 9, 34)), ("enter_siak", wita(2026, 1, 5, 10))]),
        # Friday 15:00, opened Monday 08:20, accepted 08:25: waited 60 + 20 office minutes, worked 5.
        plan(page, kota, wita(2026, 1, 9, 15), [("accept", wita(2026, 1, 12, 8, 25))]),
        # Never opened: accepted straight from the queue after 7 minutes, all of it work.
        plan(page, kota, wita(2026, 1, 6, 10), [("accept", wita(2026, 1, 6, 10, 7))]),
        # 140 seconds in all, 100 of them after the opening: floored, 2 in all and 1 worked, so 1 waited.
        plan(page, kota, wita(2026, 1, 7, 10), [("accept", wita(2026, 1, 7, 10, 2, 20))]),
    ]
    plans_create(plans)
    openings = [
        (plans[0], S.ACCEPTED, wita(2026, 1, 5, 9, 30)),
        (plans[0], S.SIAK_ENTERED, wita(2026, 1, 5, 9, 50)),
        (plans[1], S.ACCEPTED, wita(2026, 1, 12, 8, 20)),
        (plans[3], S.ACCEPTED, wita(2026, 1, 7, 10, 0, 40)),
    ]
    for item, to_status, opened_at in openings:
        StatusChange.objects.filter(application=item.application, to_status=to_status).update(opened_at=opened_at)
    step_minutes_fill(StatusChange.objects.filter(application__in=[item.application for item in plans]))
    return plans


def test_waiting_and_working_time_add_up_to_each_steps_total_on_a_known_data_set(seeded):
    _plans_with_openings()
    times, standards = step_times(JANUARY)
    accept = sorted((step.waiting, step.working, step.total) for step in times["accept"])
    assert accept == [(0, 7, 7), (1, 1, 2), (30, 4, 34), (80, 5, 85)]
    assert [(step.waiting, step.working, step.total) for step in times["enter_siak"]] == [(16, 10, 26)]
    assert standards["accept"] == {6} and standards["enter_siak"] == {5}

    section = sop_step_times(JANUARY)
    worked = next(row for row in section.tables[0].rows if row[1] == "Persyaratan sesuai")
    # Working minutes 1, 4, 5, 7 against the standard 6: three within.
    assert worked[2:] == [6, 4, 4, 7, Decimal("75.0")]
    split = next(row for row in section.tables[1].rows if row[1] == "Persyaratan sesuai")
    # standard, measured, median waiting, median working, then waiting + working = total over all steps
    assert split[2:] == [6, 4, 1, 4, 111, 17, 128]
    siak = next(row for row in section.tables[1].rows if row[0] == "10")
    assert siak[2:] == [5, 1, 16, 10, 16, 10, 26]


def _sop_minutes_publish(number, minutes, *, publish=True):
    """The editor changes one SOP activity's standard minutes, as a draft or published."""
    decree = DecreePage.objects.get(number=SOP_NUMBER)
    activities = list(decree.sop_activities.all())
    for activity in activities:
        if activity.number == number:
            activity.standard_minutes = minutes
    decree.sop_activities = activities
    revision = decree.save_revision()
    if publish:
        revision.publish()


def test_changing_an_sop_activitys_standard_minutes_changes_what_the_report_compares_against(seeded):
    _plans_with_openings()

    def siak_row():
        return next(row for row in sop_step_times(JANUARY).tables[0].rows if row[0] == "10")

    # The SIAK entry's 10 working minutes against the SOP's 5: not within.
    assert siak_row()[2:] == [5, 1, 10, 10, Decimal("0.0")]
    _sop_minutes_publish(10, 12, publish=False)
    assert siak_row()[2] == 5  # a draft is not the standard yet
    _sop_minutes_publish(10, 12)
    assert siak_row()[2:] == [12, 1, 10, 10, Decimal("100.0")]
    # An activity the SOP leaves without minutes falls back to the seeded SOP's minutes for that step only.
    _sop_minutes_publish(8, None)
    _sop_minutes_publish(7, 4)
    accept = next(row for row in sop_step_times(JANUARY).tables[0].rows if row[1] == "Persyaratan sesuai")
    assert accept[2] == 4 + 2 + 2


def test_each_step_is_measured_by_its_own_services_sop_and_differing_sops_show_the_range(seeded):
    plans = _plans_with_openings()
    other = DecreePage.objects.get(number=SOP_NUMBER).copy(
        update_attrs={"number": "188.4/99/UJI/2026", "slug": "sop-uji", "title": "SOP uji"}
    )
    other.sop_activities.filter(number=10).update(standard_minutes=10)
    ikd = ApplicationFormPage.objects.get(slug="pesan-kunjungan").get_parent().specific
    ikd.procedure_decree = other
    ikd.save_revision().publish()
    # The only SIAK entry (10 working minutes) now belongs to the service whose SOP gives it 10.
    Application.objects.filter(pk=plans[0].application.pk).update(service=ikd)
    siak = next(row for row in sop_step_times(JANUARY).tables[0].rows if row[0] == "10")
    assert siak[2:] == ["5–10", 1, 10, 10, Decimal("100.0")]
