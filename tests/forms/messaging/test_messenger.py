"""Every message the portal sends is one messenger call: its kinds render on each of their channels, in Indonesian
and English, never with a whole NIK; nothing else sends mail; a rolled-back change sends nothing."""

import datetime
import re
from pathlib import Path

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

import forms.complaints.notifications
import forms.dispatch.messages
import forms.intake.answers_copy
import forms.intake.drafts
import forms.intake.retention
import forms.jobs.schedule
import forms.office.notifications
import forms.survey.services
import forms.visits.notifications  # noqa: F401 - each room registers its kinds where it sends them
from forms.intake.progress import Step
from forms.intake.timeline import status_change_record
from forms.messaging.constants import Channel
from forms.messaging.kinds import message_kinds
from forms.messaging.messenger import Recipient, message_render, message_send
from forms.messaging.models import Message
from tests.forms.factories import ApplicationFactory

from ..helpers import VALID_NIK

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
SIXTEEN_DIGITS = re.compile(r"\d{16}")
DATES = {"date", "at", "received_at", "escalation_due_at", "due_at", "created_at"}
COUNTS = {"applications", "files_deleted", "files_missing", "complaints", "attempts", "days_left", "stock"}

ALL_KINDS = {
    "intake.status_change",
    "intake.account_erased",
    "intake.answers_copy",
    "intake.draft_expiring",
    "survey.invitation",
    "visits.booked",
    "visits.not_completed",
    "visits.office_closed",
    "complaints.received",
    "complaints.response",
    "complaints.escalated",
    "complaints.staff",
    "dispatch.low_stock",
    "dispatch.chain_broken",
    "dispatch.weekly_return_due",
    "dispatch.restock_request",
    "jobs.job_failed",
    "review.case_assigned",
    "review.cases_due_soon",
    "review.cases_overdue",
}


class Anything:
    """Stands in for any object a template reads: every attribute, call and item is another one, and as text it
    carries a whole NIK, so a template that lets one through is caught."""

    def __init__(self, text=f"Ani {VALID_NIK}"):
        self.text = text

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name in DATES:
            return datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
        if name in COUNTS:
            return 2
        return Anything(self.text)

    def __getitem__(self, key):
        if key in ("name", "job", "period"):
            return Anything(self.text)
        raise KeyError(key)

    def __call__(self, *args, **kwargs):
        return Anything(self.text)

    def __iter__(self):
        return iter([Anything(self.text)])

    def __str__(self):
        return self.text

    def __bool__(self):
        return True


def _context():
    names = (
        "application",
        "change",
        "booking",
        "complaint",
        "event",
        "kecamatan",
        "run",
        "result",
        "name",
        "request",
    )
    context = {name: Anything() for name in names}
    context.update(
        base_url="http://testserver",
        survey_url="http://testserver/survei-kepuasan/abc/",
        rebook_url="http://testserver/kunjungan-ikd/x/",
        tracking_url="http://testserver/pengaduan/lacak/",
        admin_url="http://testserver/admin/",
        manifests_url="http://testserver/admin/cetak/1/berita-acara/",
        valid_until=datetime.date(2026, 12, 31),
        form_title="Permohonan Cetak KTP-el karena Hilang",
        expires_at=datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC),
        continue_url="http://testserver/permohonan/",
        days_limit=3,
        stock=2,
        threshold=5,
        spoiled=1,
        old_cards=0,
        sequences=[2],
        rewritten_head=None,
        reason="new",
        # The review room's reminders list cases; an assignment names who assigned it.
        applications=[Anything(), Anything()],
        shown=[{"application": Anything(), "holder": "Budi", "url": "http://testserver/admin/permohonan/review/1/"}],
        more=1,
        holder=None,
        officer=Anything(),
        assigned_by="Kepala Satuan Kerja",
        review_url="http://testserver/admin/permohonan/review/1/",
        queue_url="http://testserver/admin/permohonan/?overdue=true",
        answers=[("NIK", Anything()), ("Nama lengkap", Anything())],
        next_step=Step(
            reaches="accepted",
            title="Pemeriksaan persyaratan",
            actor=Anything(),
            text="",
            state="current",
            due=datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC),
        ),
    )
    return context


def _deliveries():
    # Wagtail 8 queues its own tasks (reference index) on the same backend; only the messenger's count here.
    return DBTaskResult.objects.filter(task_path="forms.messaging.messenger.message_deliver_task")


def test_the_portal_sends_exactly_these_kinds_through_the_messenger():
    assert {kind.key for kind in message_kinds()} == ALL_KINDS


@pytest.mark.parametrize("kind", sorted(ALL_KINDS))
def test_every_kind_renders_on_each_of_its_channels_in_indonesian_and_english_without_a_whole_nik(kind):
    message_kind = next(k for k in message_kinds() if k.key == kind)
    for channel in message_kind.channels:
        rendered = {language: message_render(message_kind, channel, _context(), language) for language in ("id", "en")}
        for language, content in rendered.items():
            text = " ".join([content.get("subject", ""), content["body"], *content.get("parameters", [])])
            assert text.strip(), (kind, channel, language)
            assert not SIXTEEN_DIGITS.search(text), (kind, channel, language, text)
            assert "6471********0003" in text or channel == Channel.WHATSAPP or "Ani" not in text
        if channel != Channel.WHATSAPP:  # WhatsApp's words live in the approved template; its parameters are data
            assert rendered["id"] != rendered["en"], (kind, channel)
    citizen_kinds = {"intake.status_change", "survey.invitation", "visits.booked", "visits.not_completed"}
    if kind in citizen_kinds | {"visits.office_closed"}:
        assert set(message_kind.channels) == {Channel.EMAIL, Channel.WHATSAPP, Channel.SMS}
    else:
        assert message_kind.channels == (Channel.EMAIL,)  # staff and people without an account: e-mail


def test_nothing_outside_the_email_adapter_sends_mail():
    """Django's mail API is called in one file; allauth's adapter keeps its own account e-mails (sign-up codes,
    staff set-up links), which a person waits for on the screen."""
    adapter = ROOT / "forms/messaging/channels/email.py"
    offenders = []
    for package in ("forms", "services", "home", "portal"):
        for path in (ROOT / package).rglob("*.py"):
            if path == adapter or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                code = line.split("#", 1)[0]
                calls = re.search(r"\b(send_mail|send_mass_mail|mail_admins|mail_managers|EmailMessage)\b", code)
                imports = re.search(r"(from|import) django\.core\.mail\b", code)
                if imports or (calls and "adapter.send_mail(" not in code):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_a_rolled_back_status_change_records_and_enqueues_nothing(
    citizen, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    application = ApplicationFactory(applicant=citizen)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        status_change_record(application, to_status="accepted")
        assert Message.objects.count() == 0  # the message is written only after commit, by the notifier
        raise RuntimeError("the change fails after the status was written")
    assert callbacks == []
    assert (Message.objects.count(), _deliveries().count()) == (0, 0)


def test_a_message_inside_a_rolled_back_change_is_gone_with_it(citizen, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        message_send(kind="intake.account_erased", to=Recipient(email="ani@example.org"), context=_context())
        assert Message.objects.count() == 1
        raise RuntimeError("rolled back")
    assert callbacks == []
    assert (Message.objects.count(), _deliveries().count()) == (0, 0)


def test_a_committed_status_change_only_enqueues_and_the_worker_renders_and_sends(
    citizen, database_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    application = ApplicationFactory(applicant=citizen)
    with django_capture_on_commit_callbacks(execute=True):
        change = status_change_record(application, to_status="accepted")
    # The request's part: one task row. No rendering, no message row, no provider.
    [notify] = DBTaskResult.objects.filter(task_path="forms.office.notifications.status_change_message_task")
    assert notify.args_kwargs == {"args": [change.pk], "kwargs": {}}
    assert (Message.objects.count(), mailoutbox) == (0, [])
    database_tasks()
    [message] = Message.objects.all()
    assert (message.kind, message.status, message.attempts) == ("intake.status_change", "sent", 1)
    assert [m.to for m in mailoutbox] == [[citizen.email]]
