"""Save and return: a signed-in citizen's answers and checked files, kept at every step until submitted or expired."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from forms.models import ApplicationDraft, DraftDocument
from forms.office.storage import STORAGE_ERRORS, UploadsNotStored, private_storage

from .uploads import CleanUpload, private_upload_name

logger = logging.getLogger(__name__)

DRAFT_PREFIX = "draf"


def draft_expiry(now=None):
    return (now or timezone.now()) + timedelta(days=settings.DRAFT_EXPIRY_DAYS)


def draft_of(*, applicant, page) -> ApplicationDraft | None:
    return ApplicationDraft.objects.filter(applicant=applicant, page=page).prefetch_related("documents").first()


def _files_delete_after_commit(names: list[str]) -> None:
    def delete():
        for name in names:
            try:
                private_storage().delete(name)
            except Exception:  # private_orphans_sweep removes what no row names after an hour
                logger.exception("Could not delete a draft's replaced file %s", name)

    if names:
        transaction.on_commit(delete)


def _store(upload: CleanUpload) -> str:
    name = private_upload_name(prefix=DRAFT_PREFIX, extension=upload.extension)
    try:
        return private_storage().save(name, ContentFile(upload.content))
    except STORAGE_ERRORS as error:
        logger.warning("Private storage failed while keeping a draft's upload", exc_info=True)
        raise UploadsNotStored from error


@transaction.atomic
def draft_step_save(
    *,
    applicant,
    page,
    answers: dict,
    uploads: dict[str, CleanUpload] | None = None,
    forget: tuple[str, ...] | list[str] = (),
    step: int | None = None,
) -> ApplicationDraft:
    """Keep a step's answers and checked files (replacing any kept for the same field); forget the named answers."""
    ApplicationDraft.objects.get_or_create(
        applicant=applicant, page=page, defaults={"expires_at": draft_expiry(), "answers": {}}
    )
    draft = ApplicationDraft.objects.select_for_update().get(applicant=applicant, page=page)
    kept = {**draft.answers, **answers}
    for name in forget:
        kept.pop(name, None)
    draft.answers = kept
    if step is not None and step not in draft.steps_done:
        draft.steps_done = sorted([*draft.steps_done, step])
    # Every save starts the period again; a reminder sent for the old end is due again for the new one.
    draft.expires_at, draft.reminded_at = draft_expiry(), None
    draft.save()
    replaced = []
    stored: list[str] = []
    try:
        for field_name, upload in (uploads or {}).items():
            stored.append(_store(upload))
            old = draft.documents.filter(field_name=field_name).first()
            if old is not None:
                replaced.append(old.object_name)
                old.delete()
            DraftDocument.objects.create(
                draft=draft,
                field_name=field_name,
                object_name=stored[-1],
                original_name=upload.original_name,
                content_type=upload.content_type,
                size=upload.size,
                sha256=upload.sha256,
            )
    except BaseException:
        for name in stored:
            try:
                private_storage().delete(name)
            except Exception:
                logger.exception("Could not delete a draft upload %s after a failure", name)
        raise
    _files_delete_after_commit(replaced)
    return draft


@transaction.atomic
def draft_document_remove(*, draft, field_name: str) -> None:
    """The citizen takes a kept file out of their draft; it is deleted from the storage."""
    document = DraftDocument.objects.select_for_update().filter(draft=draft, field_name=field_name).first()
    if document is None:
        return
    document.delete()
    _files_delete_after_commit([document.object_name])


@transaction.atomic
def draft_discard(*, draft) -> int:
    """Delete a draft with its files (the citizen's choice, or its expiry); the number of files deleted."""
    names = list(DraftDocument.objects.filter(draft=draft).values_list("object_name", flat=True))
    ApplicationDraft.objects.filter(pk=draft.pk).delete()
    _files_delete_after_commit(names)
    return len(names)
