"""Reminders: before a case's due time (two working hours by default, on the office's clock) its holder or its
kecamatan's operators hear of it, at the due time the heads of unit do; each once, however often the job runs."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from forms.jobs.schedule import JOBS_BY_COMMAND, scheduler_tick
from forms.models import Application, CaseReminder
from forms.review.holding import case_take
from forms.review.reminders import case_reminders_send

from ..dispatch.conftest import counter_application
from ..helpers import make_staff, office_staff, signed_in
from ..intake.digital_service import wita

pytestmark = pytest.mark.django_db
JOB = JOBS_BY_COMMAND["case_reminders_send"]
# Monday 12 January 2026, 09:00 WITA; the Friday before is a working day, the weekend between is not.
MONDAY_NINE = wita(2026, 1, 12, 9, 0)


@pytest.fixture
def staff(seeded):
    return office_staff()


def _due(application, moment):
    Application.objects.filter(pk=application.pk).update(due_at=moment)
    application.refresh_from_db()
    return application


def _tick(moment, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        scheduler_tick(jobs=[JOB])
    return [(sorted(m.to), m.subject) for m in mail.outbox]


def test_the_job_runs_every_five_minutes():
    assert JOB.period(wita(2026, 1, 9, 15, 0)) == "2026-01-09T15:00"
    assert JOB.period(wita(2026, 1, 9, 15, 4, 59)) == "2026-01-09T15:00"
    assert JOB.period(wita(2026, 1, 9, 15, 7)) == "2026-01-09T15:05"


def test_a_reminder_goes_once_at_the_right_working_hour_across_a_weekend(staff, django_capture_on_commit_callbacks):
    # Two working hours before Monday 09:00 are Monday 08:00-09:00 and Friday 15:00-16:00: due soon from Friday 15:00.
    with time_machine.travel(wita(2026, 1, 9, 8, 0), tick=False):
        application = _due(counter_application(staff["operator"]), MONDAY_NINE)
        make_staff("op.kota.dua", "Operator", "Balikpapan Kota")
    assert _tick(wita(2026, 1, 9, 14, 55), django_capture_on_commit_callbacks) == []

    sent = _tick(wita(2026, 1, 9, 15, 0), django_capture_on_commit_callbacks)
    assert sent == [(["op.kota.dua@example.org", "op.kota@example.org"], "1 kasus segera sampai tenggatnya")]
    body = mail.outbox[0].body
    assert application.tracking_number in body and "tenggat 12 Januari 2026 09:00 WITA" in body
    assert f"/admin/permohonan/review/{application.pk}/" in body

    # The rest of Friday, the weekend and Monday morning: nothing more for the operators.
    for moment in (wita(2026, 1, 9, 15, 5), wita(2026, 1, 10, 10, 0), wita(2026, 1, 12, 8, 55)):
        assert _tick(moment, django_capture_on_commit_callbacks) == []
    # At the due time the head of unit hears of it, once.
    assert _tick(MONDAY_NINE, django_capture_on_commit_callbacks) == [
        (["kasatker@example.org"], "1 kasus sudah sampai tenggatnya")
    ]
    assert "belum dipegang" in mail.outbox[0].body and "?overdue=true" in mail.outbox[0].body
    assert _tick(wita(2026, 1, 12, 9, 5), django_capture_on_commit_callbacks) == []
    # A second run in the same moment, whoever starts it, sends none either.
    with time_machine.travel(wita(2026, 1, 12, 9, 6), tick=False), django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        call_command("case_reminders_send", verbosity=0)
    assert mail.outbox == []
    assert sorted(CaseReminder.objects.values_list("kind", "recipients")) == [
        ("due_soon", "operators"),
        ("overdue", "heads_of_unit"),
    ]


def test_a_held_case_reminds_its_holder_only_and_the_minutes_before_are_a_setting(
    staff, settings, django_capture_on_commit_callbacks
):
    settings.CASE_REMINDER_MINUTES_BEFORE_DUE = 30
    with time_machine.travel(wita(2026, 1, 12, 8, 0), tick=False):
        held = _due(counter_application(staff["operator"]), wita(2026, 1, 12, 15, 0))
        free = _due(counter_application(staff["operator_elsewhere"]), wita(2026, 1, 12, 15, 0))
        case_take(application=held, by=staff["operator"])
    with time_machine.travel(wita(2026, 1, 12, 14, 29), tick=False):
        assert case_reminders_send() == {"due_soon": 0, "overdue": 0}
    mail.outbox.clear()
    with time_machine.travel(wita(2026, 1, 12, 14, 30), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert case_reminders_send() == {"due_soon": 2, "overdue": 0}
    recipients = sorted(tuple(m.to) for m in mail.outbox)
    assert recipients == [("op.kota@example.org",), ("op.utara@example.org",)]
    to_holder = next(m for m in mail.outbox if m.to == ["op.kota@example.org"])
    assert "Kasus yang Anda pegang ini" in to_holder.body and held.tracking_number in to_holder.body
    assert free.tracking_number not in to_holder.body


def test_a_closed_case_is_never_reminded(staff, django_capture_on_commit_callbacks):
    with time_machine.travel(wita(2026, 1, 12, 8, 0), tick=False):
        application = _due(counter_application(staff["operator"]), wita(2026, 1, 12, 9, 0))
    Application.objects.filter(pk=application.pk).update(status="handed_over")
    with time_machine.travel(wita(2026, 1, 12, 10, 0), tick=False):
        assert case_reminders_send() == {"due_soon": 0, "overdue": 0}


def test_the_dashboards_overdue_figures_link_straight_to_the_overdue_cases(staff):
    late = counter_application(staff["operator"])
    on_time = counter_application(staff["operator"])
    now = datetime.datetime.now(datetime.UTC)
    _due(late, now - datetime.timedelta(hours=1))
    _due(on_time, now + datetime.timedelta(hours=1))
    client = signed_in(staff["operator"])
    dashboard = client.get("/admin/").content.decode()
    links = set(re.findall(r'href="(/admin/permohonan/\?overdue=true[^"]*)"', dashboard))
    assert "/admin/permohonan/?overdue=true" in links
    assert f"/admin/permohonan/?overdue=true&amp;kecamatan={late.kecamatan_id}" in links
    for link in links:
        listing = client.get(link.replace("&amp;", "&")).content.decode()
        assert late.tracking_number in listing and on_time.tracking_number not in listing
