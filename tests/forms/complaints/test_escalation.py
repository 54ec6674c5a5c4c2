"""Tiered handling: unanswered complaints go from the direct superior to leadership after N working days."""

import threading

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from wagtail.models import ModelLogEntry

from forms.complaints.deadlines import answer_due_at
from forms.complaints.models import Complaint
from forms.complaints.services import complaint_respond, complaints_escalate_overdue
from forms.models import JointLeaveDay

from .conftest import make_staff
from .helpers import new_complaint, wita

pytestmark = pytest.mark.django_db


def _escalate_at(moment):
    with time_machine.travel(moment, tick=False):
        call_command("complaints_escalate", verbosity=0)


def _tier(complaint):
    complaint.refresh_from_db()
    return complaint.tier


def test_new_complaint_starts_with_the_direct_superior_who_is_told_by_email(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = new_complaint(wita(2026, 8, 7, 15, 0))
    assert complaint.tier == "supervisor" and complaint.status == "received"
    assert list(complaint.events.values_list("kind", flat=True)) == ["filed"]
    to_staff = [message for message in mail.outbox if "kasatker@example.org" in message.to]
    assert len(to_staff) == 1 and complaint.tracking_number in to_staff[0].subject
    assert "kadis@example.org" not in {address for message in mail.outbox for address in message.to}


def test_filed_friday_afternoon_escalates_only_after_the_third_working_day(staff, django_capture_on_commit_callbacks):
    complaint = new_complaint(wita(2026, 8, 7, 15, 0))  # Friday
    assert complaint.escalation_due_at == wita(2026, 8, 12, 16, 0)  # Mon, Tue, Wed: due at Wednesday's close
    for moment in (
        wita(2026, 8, 8, 12, 0),
        wita(2026, 8, 10, 17, 0),
        wita(2026, 8, 11, 17, 0),
        wita(2026, 8, 12, 15, 59),
    ):
        _escalate_at(moment)
        assert _tier(complaint) == "supervisor", moment
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _escalate_at(wita(2026, 8, 12, 16, 1))
    complaint.refresh_from_db()
    assert complaint.tier == "leadership" and complaint.escalated_at == wita(2026, 8, 12, 16, 1)
    assert complaint.status == "received"  # escalation is a tier, not progress the complainant reads
    event = complaint.events.get(kind="escalated")
    assert event.by is None and event.tier == "leadership" and "3 hari kerja" in event.text
    assert [message.to for message in mail.outbox] == [["kadis@example.org"], ["ani.warga@example.org"]]
    to_leadership, to_complainant = mail.outbox
    assert "Diteruskan ke pimpinan" in to_leadership.subject and complaint.tracking_number in to_leadership.subject
    assert "Petugas tidak ada" not in to_leadership.body  # the message itself stays in the admin
    # The receipt promised the complainant this step; they are told it happened, in Indonesian, with the link.
    assert to_complainant.subject == f"{complaint.tracking_number} diteruskan kepada Kepala Dinas"
    assert "tidak dijawab dalam 3 hari kerja" in to_complainant.body
    assert f"/pengaduan/lacak/?nomor={complaint.tracking_number}" in to_complainant.body
    assert ModelLogEntry.objects.filter(action="complaints.escalate", object_id=str(complaint.pk)).count() == 1


def test_independence_day_and_the_weekend_do_not_count(staff):
    complaint = new_complaint(wita(2026, 8, 14, 14, 30))  # Friday; Monday 17 August is Hari Kemerdekaan
    assert complaint.escalation_due_at == wita(2026, 8, 20, 16, 0)  # Tue 18, Wed 19, Thu 20
    _escalate_at(wita(2026, 8, 19, 17, 0))
    assert _tier(complaint) == "supervisor"
    _escalate_at(wita(2026, 8, 20, 16, 1))
    assert _tier(complaint) == "leadership"


def test_a_joint_leave_day_entered_by_an_administrator_does_not_count(staff):
    JointLeaveDay.objects.create(date="2026-08-11", name="Cuti bersama (uji)")
    complaint = new_complaint(wita(2026, 8, 7, 9, 0))
    assert complaint.escalation_due_at == wita(2026, 8, 13, 16, 0)  # Mon 10, (Tue 11 off), Wed 12, Thu 13
    _escalate_at(wita(2026, 8, 12, 17, 0))
    assert _tier(complaint) == "supervisor"


def test_an_answered_complaint_is_never_escalated(staff):
    complaint = new_complaint(wita(2026, 8, 7, 15, 0))
    with time_machine.travel(wita(2026, 8, 10, 9, 0), tick=False):
        complaint_respond(complaint=complaint, by=staff["section_head"], response="Sudah kami tindak lanjuti.")
    for moment in (wita(2026, 8, 13, 8, 0), wita(2026, 9, 30, 8, 0)):
        _escalate_at(moment)
        assert _tier(complaint) == "supervisor"
    assert not complaint.events.filter(kind="escalated").exists()


def test_running_the_command_twice_escalates_once(staff, django_capture_on_commit_callbacks):
    complaint = new_complaint(wita(2026, 8, 7, 15, 0))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _escalate_at(wita(2026, 8, 13, 8, 0))
        _escalate_at(wita(2026, 8, 13, 9, 0))
    complaint.refresh_from_db()
    assert complaint.escalated_at == wita(2026, 8, 13, 8, 0)
    assert complaint.events.filter(kind="escalated").count() == 1
    assert len(mail.outbox) == 2  # leadership and the complainant, once each


def test_the_number_of_working_days_is_a_setting(staff, settings):
    settings.COMPLAINT_ESCALATION_WORKING_DAYS = 1
    assert answer_due_at(wita(2026, 8, 7, 15, 0)) == wita(2026, 8, 10, 16, 0)
    settings.COMPLAINT_ESCALATION_WORKING_DAYS = 5
    assert answer_due_at(wita(2026, 8, 14, 15, 0)) == wita(2026, 8, 24, 16, 0)  # Tue 18 .. Mon 24


def test_after_escalation_only_leadership_may_answer(staff):
    complaint = new_complaint(wita(2026, 8, 7, 15, 0))
    with time_machine.travel(wita(2026, 8, 13, 8, 0), tick=False):
        complaints_escalate_overdue(now=wita(2026, 8, 13, 8, 0))
        with pytest.raises(PermissionDenied):
            complaint_respond(complaint=complaint, by=staff["section_head"], response="Maaf.")
        complaint_respond(complaint=complaint, by=staff["head_of_office"], response="Kami mohon maaf.")
    complaint.refresh_from_db()
    assert complaint.status == "answered" and complaint.tier == "leadership"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_escalation_runs_escalate_each_complaint_once(seeded):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks: only PostgreSQL shows that parallel runs wait for each other")
    make_staff("kadis.par", "Penanggungjawab")
    complaints = [new_complaint(wita(2026, 8, 7, 15, 0)) for _ in range(5)]
    barrier = threading.Barrier(4)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(len(complaints_escalate_overdue(now=wita(2026, 8, 13, 8, 0))))
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(results) == 5
    for complaint in complaints:
        assert Complaint.objects.get(pk=complaint.pk).events.filter(kind="escalated").count() == 1
