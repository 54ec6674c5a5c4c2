"""Unfinished applications do not live forever: told a day before, then deleted with their files, on S3 too."""

import datetime

import pytest
import time_machine
from botocore.exceptions import ClientError
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from forms.messaging.models import Message
from forms.models import ApplicationDraft, DraftDocument

from ..conftest import BUCKET
from ..helpers import VALID_KK, VALID_NIK, lost_card_form, signed_in
from ..upload_samples import pdf_bytes

pytestmark = pytest.mark.django_db

IDENTITY = {"nama_lengkap": "Ani Lestari", "nik": VALID_NIK, "nomor_kk": VALID_KK, "nomor_hp": "081234567890"}
START = datetime.datetime(2026, 11, 2, 10, tzinfo=datetime.UTC)


def _draft_with_a_file(citizen):
    client, page = signed_in(citizen), lost_card_form()
    client.post(page.step_url(1), IDENTITY)
    client.post(
        page.step_url(2),
        {"fotocopy_kartu_keluarga": SimpleUploadedFile("kk.pdf", pdf_bytes(), "application/pdf")},
    )
    return ApplicationDraft.objects.get(applicant=citizen)


def test_a_draft_expires_after_the_configured_period_from_its_last_save(citizen, settings):
    settings.DRAFT_EXPIRY_DAYS = 3
    with time_machine.travel(START, tick=False):
        draft = _draft_with_a_file(citizen)
    assert draft.expires_at == START + datetime.timedelta(days=3)


def test_an_expired_drafts_files_are_gone_from_s3(citizen, s3_storage, capsys):
    with time_machine.travel(START, tick=False):
        draft = _draft_with_a_file(citizen)
    [document] = DraftDocument.objects.filter(draft=draft)
    key = "private/" + document.object_name
    assert s3_storage.head_object(Bucket=BUCKET, Key=key)["ContentLength"] == document.size
    with time_machine.travel(START + datetime.timedelta(days=29, hours=23), tick=False):
        call_command("retention_sweep")
    assert ApplicationDraft.objects.exists()  # not yet
    with time_machine.travel(START + datetime.timedelta(days=30, minutes=1), tick=False):
        call_command("retention_sweep")
    assert not ApplicationDraft.objects.exists() and not DraftDocument.objects.exists()
    with pytest.raises(ClientError) as gone:
        s3_storage.head_object(Bucket=BUCKET, Key=key)
    assert gone.value.response["Error"]["Code"] == "404"
    assert "Deleted 1 expired draft(s) with 1 file(s)" in capsys.readouterr().out


def test_the_citizen_is_told_once_the_day_before(citizen, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        _draft_with_a_file(citizen)
    with time_machine.travel(START + datetime.timedelta(days=28), tick=False):
        call_command("retention_sweep")
    assert not Message.objects.filter(kind="intake.draft_expiring").exists()  # too early
    for hours in (2, 20):  # the daily sweep, and a second run on the same day
        with (
            time_machine.travel(START + datetime.timedelta(days=29, hours=hours), tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("retention_sweep")
    assert Message.objects.filter(kind="intake.draft_expiring").count() == 1
    [email] = [message for message in mail.outbox if "dihapus besok" in message.subject]
    assert email.to == ["ani@example.org"]
    assert "Permohonan Cetak KTP-el karena Hilang" in email.body and "2 Desember 2026" in email.body
    assert "/permohonan/" in email.body


def test_saving_a_step_again_starts_the_period_again(citizen):
    with time_machine.travel(START, tick=False):
        _draft_with_a_file(citizen)
    later = START + datetime.timedelta(days=20)
    with time_machine.travel(later, tick=False):
        signed_in(citizen).post(lost_card_form().step_url(1), IDENTITY)
    assert ApplicationDraft.objects.get().expires_at == later + datetime.timedelta(days=30)
