"""An issued document is the citizen's personal data (UU 27/2022): in their export, gone with their erasure and
with the retention sweep. The record without its file stays, so the QR on a printed copy still verifies.

Intake reaches it through PERSONAL_DATA_HOOK (registered in wagtail_hooks.py).
"""

import logging

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from forms.intake.data_export import export_time
from forms.intake.retention import RetentionResult
from forms.office.storage import private_storage

from .models import IssuedDocument

logger = logging.getLogger(__name__)


@transaction.atomic
def document_file_delete(*, document, reason: str) -> bool:
    """Delete the stored PDF and forget its name; True when a file was deleted."""
    locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if not locked.object_name:
        return False
    storage = private_storage()
    existed = storage.exists(locked.object_name)
    if existed:
        storage.delete(locked.object_name)
    locked.object_name, locked.file_deleted_at = "", timezone.now()
    locked.save(update_fields=["object_name", "file_deleted_at"])
    log(instance=locked.application, action="documents.file_delete", data={"document": locked.pk, "reason": reason})
    return existed


def _with_files():
    return IssuedDocument.objects.exclude(object_name="").select_related("application")


class DocumentsPersonalData:
    """The documents room's answer to intake's PersonalDataHolder."""

    export_key = "issued_documents"

    def export(self, user) -> list[dict]:
        documents = IssuedDocument.objects.filter(application__applicant=user).select_related("application")
        return [
            {
                "tracking_number": document.application.tracking_number,
                "service": document.service_title,
                "issued_at": export_time(document.issued_at),
                "sha256": document.sha256,
                "file_kept": document.has_file,
            }
            for document in documents.order_by("issued_at")
        ]

    def erasure_blockers(self, user) -> list:
        return []  # an application still being worked on already holds the erasure back

    def erase(self, *, user) -> int:
        documents = _with_files().filter(application__applicant=user)
        return sum(document_file_delete(document=document, reason="erasure_request") for document in documents)

    def retention_apply(self, *, now=None, days: int | None = None) -> RetentionResult:
        # The applications' sweep runs first and decides what is finished: their documents follow them.
        result = RetentionResult()
        for document in _with_files().filter(application__anonymised_at__isnull=False):
            result.files_deleted += document_file_delete(document=document, reason="retention")
            result.applications += 1
        return result

    def retention_report(self, result: RetentionResult) -> str:
        return f"Deleted the files of {result.applications} issued document(s) of anonymised applications."
