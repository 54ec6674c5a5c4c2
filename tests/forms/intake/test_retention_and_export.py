"""Personal data does not live forever, and a citizen can take a copy of all of it."""

import json
from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forms.complaints.models import Complaint
from forms.complaints.retention import complaints_retention_apply
from forms.constants import ApplicationStatus
from forms.intake.retention import applications_retention_apply
from forms.models import Application, ApplicationDocument
from forms.review.transitions import application_transition

from ..complaints.conftest import file_complaint
from ..conftest import BUCKET
from ..helpers import lost_card_form, lost_card_post, office_staff, tracking_from
from ..upload_samples import pdf_bytes

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def _apply(citizen):
    client = Client()
    client.force_login(citizen)
    tracking = tracking_from(client.post(lost_card_form().url, lost_card_post()))
    return Application.objects.get(tracking_number=tracking)


def _finish(application, staff, *, rejected=False):
    if rejected:
        return application_transition(
            application=application, action="reject", by=staff["verifier"], expected_status=S.SUBMITTED, note="Ganda"
        )
    return application


def _age(application, days):
    Application.objects.filter(pk=application.pk).update(status_changed_at=timezone.now() - timedelta(days=days))


def test_finished_applications_lose_files_and_personal_fields_after_the_retention_period(citizen, settings):
    settings.RETENTION_DAYS_AFTER_FINISH = 365
    staff = office_staff()
    old_rejected = _finish(_apply(citizen), staff, rejected=True)
    recent_rejected = _finish(_apply(citizen), staff, rejected=True)
    still_open = _apply(citizen)
    _age(old_rejected, 400)
    _age(recent_rejected, 10)
    _age(still_open, 400)
    files = list(ApplicationDocument.objects.filter(application=old_rejected).values_list("object_name", flat=True))
    assert len(files) == 2 and all(storages["private"].exists(name) for name in files)

    result = applications_retention_apply()
    assert (result.applications, result.files_deleted, result.files_missing) == (1, 2, 0)
    old_rejected.refresh_from_db()
    assert not any(storages["private"].exists(name) for name in files)
    assert not old_rejected.documents.exists() and not old_rejected.versions.exists()
    assert (old_rejected.nik, old_rejected.kk_number, old_rejected.mobile, old_rejected.applicant_name) == ("",) * 4
    assert old_rejected.form_data == {} and old_rejected.anonymised_at is not None
    # What the office must still count stays: the service, the status and the timeline.
    assert old_rejected.status == S.REJECTED and old_rejected.history.count() == 2
    assert ModelLogEntry.objects.filter(object_id=str(old_rejected.pk), action="intake.anonymise").exists()
    for untouched in (recent_rejected, still_open):
        untouched.refresh_from_db()
        assert untouched.nik and untouched.documents.count() == 2 and untouched.anonymised_at is None

    again = applications_retention_apply()
    assert again.applications == 0


def test_the_retention_command_reports_what_it_removed(citizen, capsys):
    application = _finish(_apply(citizen), office_staff(), rejected=True)
    _age(application, 30)
    call_command("retention_sweep", "--days", "7")
    assert "Anonymised 1 application(s) finished over 7 days ago; 2 file(s) deleted" in capsys.readouterr().out


def test_retention_deletes_the_objects_on_s3(citizen, s3_storage):
    def keys():
        listing = s3_storage.list_objects_v2(Bucket=BUCKET, Prefix=f"private/permohonan/{application.tracking_number}/")
        return {item["Key"] for item in listing.get("Contents", [])}

    application = _finish(_apply(citizen), office_staff(), rejected=True)
    assert len(keys()) == 2
    _age(application, 400)
    assert applications_retention_apply(days=365).files_deleted == 2
    assert keys() == set()


def test_a_citizen_downloads_all_their_data_and_nobody_elses(citizen, other_citizen):
    mine = _apply(citizen)
    theirs = _apply(other_citizen)
    client = Client()
    client.force_login(citizen)
    response = client.get("/akun/data-saya/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == citizen.email
    assert [a["tracking_number"] for a in data["applications"]] == [mine.tracking_number]
    exported = data["applications"][0]
    assert exported["nik"] == mine.nik and exported["status"] == "Diajukan"
    assert {d["requirement"] for d in exported["documents"]} == set(mine.documents.values_list("label", flat=True))
    assert theirs.tracking_number not in response.content.decode()
    assert ModelLogEntry.objects.filter(action="intake.export_own_data", object_id=str(citizen.pk)).exists()
    assert Client().get("/akun/data-saya/").status_code == 302  # to the login page


def test_closed_complaints_lose_contact_details_and_attachment_after_the_retention_period(seeded):
    closed = file_complaint(attachment=SimpleUploadedFile("bukti.pdf", pdf_bytes(), "application/pdf"))
    still_open = file_complaint()
    assert closed.attachment.object_name
    stored = closed.attachment.object_name
    Complaint.objects.filter(pk=closed.pk).update(status="closed", closed_at=timezone.now() - timedelta(days=400))
    result = complaints_retention_apply(days=365)
    assert (result.applications, result.files_deleted) == (1, 1)
    closed.refresh_from_db()
    assert (closed.name, closed.email, closed.mobile, closed.nik) == ("", "", "", "")
    assert closed.message and not storages["private"].exists(stored)
    still_open.refresh_from_db()
    assert still_open.nik == "6471065208900003"
    assert complaints_retention_apply(days=365).applications == 0
