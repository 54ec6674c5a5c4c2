"""The complainant's personal data under UU 27/2022: their copy, their erasure and the retention sweep.

Intake runs all three and reaches complaints through its PERSONAL_DATA_HOOK (registered in wagtail_hooks.py).
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from forms.intake.data_export import export_time
from forms.intake.retention import RetentionResult

from .constants import ComplaintStatus, EventKind
from .models import Complaint


@transaction.atomic
def complaint_anonymise(*, complaint, reason: str = "retention") -> int:
    """Delete a closed complaint's attachment and blank who sent it; the message and its handling stay."""
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
    log(instance=locked, action="intake.anonymise", data={"files_deleted": deleted, "reason": reason})
    return deleted


def complaints_retention_apply(*, now=None, days: int | None = None) -> RetentionResult:
    """Closed complaints older than the retention period lose their contact details and attachment."""
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


def _exported(complaint) -> dict:
    return {
        "tracking_number": complaint.tracking_number,
        "category": complaint.get_category_display(),
        "status": complaint.get_status_display(),
        "received_at": export_time(complaint.received_at),
        "message": complaint.message,
        "name": complaint.name,
        "email": complaint.email,
        "mobile": complaint.mobile,
        "nik": complaint.nik,
        "responses": [
            {"at": export_time(event.at), "text": event.text}
            for event in complaint.events.all()
            if event.kind == EventKind.RESPONDED
        ],
    }


class ComplaintsPersonalData:
    """The complaints room's answer to intake's PersonalDataHolder."""

    export_key = "complaints"

    def export(self, user) -> list[dict]:
        complaints = Complaint.objects.filter(complainant=user).prefetch_related("events").order_by("received_at")
        return [_exported(complaint) for complaint in complaints]

    def erasure_blockers(self, user) -> list:
        # The office still has to answer these, and needs the address to do it.
        return list(
            Complaint.objects.filter(complainant=user).exclude(status=ComplaintStatus.CLOSED).order_by("received_at")
        )

    def erase(self, *, user) -> int:
        return sum(
            complaint_anonymise(complaint=complaint, reason="erasure_request")
            for complaint in Complaint.objects.filter(complainant=user).only("pk")
        )

    def retention_apply(self, *, now=None, days: int | None = None) -> RetentionResult:
        return complaints_retention_apply(now=now, days=days)

    def retention_report(self, result: RetentionResult) -> str:
        return f"Anonymised {result.applications} closed complaint(s); {result.files_deleted} attachment(s) deleted."
