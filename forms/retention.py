"""Personal data does not live forever (UU 27/2022): finished applications lose their documents and personal fields."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .constants import ApplicationStatus
from .models import Application, ApplicationVersion

logger = logging.getLogger(__name__)

# Archived (handed over or sent, then filed) or rejected: nothing more will be done with the citizen's papers.
RETAINABLE_STATUSES = (ApplicationStatus.ARCHIVED, ApplicationStatus.REJECTED)
PERSONAL_COLUMNS = ("applicant_name", "nik", "kk_number", "mobile", "contact_email", "delivery_address")


@dataclass
class RetentionResult:
    applications: int = 0
    files_deleted: int = 0
    files_missing: int = 0


def retention_candidates(*, now, days: int):
    return Application.objects.filter(
        status__in=RETAINABLE_STATUSES, status_changed_at__lt=now - timedelta(days=days), anonymised_at__isnull=True
    )


@transaction.atomic
def application_anonymise(*, application, now=None) -> tuple[int, int]:
    """Delete one finished application's files and blank its personal fields; the timeline and counts remain."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.anonymised_at is not None:
        return 0, 0
    storage = storages["private"]
    deleted = missing = 0
    for document in locked.documents.all():
        if storage.exists(document.object_name):
            storage.delete(document.object_name)
            deleted += 1
        else:
            missing += 1
    locked.documents.all().delete()
    ApplicationVersion.objects.filter(application=locked).delete()
    for column in PERSONAL_COLUMNS:
        setattr(locked, column, "")
    locked.form_data = {}
    locked.anonymised_at = now or timezone.now()
    locked.save()
    hand_over = getattr(locked, "hand_over", None)
    if hand_over is not None:
        hand_over.collected_by_name, hand_over.collector_nik = "", ""
        hand_over.save(update_fields=["collected_by_name", "collector_nik"])
    log(instance=locked, action="intake.anonymise", data={"files_deleted": deleted, "files_missing": missing})
    return deleted, missing


def applications_retention_apply(*, now=None, days: int | None = None) -> RetentionResult:
    """Anonymise every application finished more than `days` ago; safe to run again and again."""
    now = now or timezone.now()
    days = settings.RETENTION_DAYS_AFTER_FINISH if days is None else days
    result = RetentionResult()
    for application in retention_candidates(now=now, days=days).only("pk").iterator():
        deleted, missing = application_anonymise(application=application, now=now)
        result.applications += 1
        result.files_deleted += deleted
        result.files_missing += missing
    return result


@transaction.atomic
def complaint_anonymise(*, complaint) -> int:
    """Delete a closed complaint's attachment and blank who sent it; the message and its handling stay."""
    from .complaints.models import Complaint

    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    deleted = 0
    attachment = getattr(locked, "attachment", None)
    if attachment is not None:
        storage = storages["private"]
        if storage.exists(attachment.object_name):
            storage.delete(attachment.object_name)
            deleted = 1
        attachment.delete()
    locked.name = locked.email = locked.mobile = locked.nik = ""
    locked.save(update_fields=["name", "email", "mobile", "nik"])
    log(instance=locked, action="intake.anonymise", data={"files_deleted": deleted})
    return deleted


def complaints_retention_apply(*, now=None, days: int | None = None) -> RetentionResult:
    """Closed complaints older than the retention period lose their contact details and attachment."""
    from django.db.models import Q

    from .complaints.constants import ComplaintStatus
    from .complaints.models import Complaint

    now = now or timezone.now()
    days = settings.RETENTION_DAYS_AFTER_FINISH if days is None else days
    personal = ~Q(name="") | ~Q(email="") | ~Q(mobile="") | ~Q(nik="") | Q(attachment__isnull=False)
    candidates = Complaint.objects.filter(
        personal, status=ComplaintStatus.CLOSED, closed_at__lt=now - timedelta(days=days)
    ).distinct()
    result = RetentionResult()
    for complaint in candidates.only("pk").iterator():
        result.files_deleted += complaint_anonymise(complaint=complaint)
        result.applications += 1
    return result
