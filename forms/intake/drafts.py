"""Save and return: a signed-in citizen's answers and checked files, kept at every step until submitted or expired."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms.messaging.kinds import MessageKind, message_kind_register
from forms.messaging.messenger import Recipient, message_send
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


DRAFT_EXPIRING = message_kind_register(
    MessageKind(
        key="intake.draft_expiring",
        label=gettext_lazy("Unfinished application about to be deleted"),
        email_subject=lambda context: _("Your unfinished application is deleted tomorrow"),
        email_body="intake/email/draft_expiring.txt",
    )
)
REMIND_BEFORE = timedelta(days=1)


@dataclass
class DraftSweepResult:
    reminded: int = 0
    expired: int = 0
    files_deleted: int = 0
    files_missing: int = 0


def drafts_remind(*, now=None) -> int:
    """Tell each citizen once, a day before, that their unfinished application will be deleted; how many were told."""
    now = now or timezone.now()
    due = ApplicationDraft.objects.filter(
        reminded_at__isnull=True, expires_at__gt=now, expires_at__lte=now + REMIND_BEFORE
    ).select_related("applicant", "applicant__citizen_profile", "page")
    told = 0
    for draft in due.iterator():
        with transaction.atomic():
            # Claimed before sending: a sweep that runs twice, or on two hosts, tells the citizen once.
            if not ApplicationDraft.objects.filter(pk=draft.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue
            context = {
                "name": getattr(getattr(draft.applicant, "citizen_profile", None), "full_name", "")
                or draft.applicant.get_full_name(),
                "form_title": draft.page.title,
                "expires_at": draft.expires_at,
                "continue_url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("intake:application_list"),
            }
            message_send(kind=DRAFT_EXPIRING.key, to=Recipient.citizen(draft.applicant), context=context)
            told += 1
    return told


def drafts_expire(*, now=None) -> DraftSweepResult:
    """Delete the drafts whose period ended, their files first (UU 27/2022: nothing is kept longer than needed)."""
    now = now or timezone.now()
    result = DraftSweepResult()
    storage = private_storage()
    for draft in ApplicationDraft.objects.filter(expires_at__lte=now).only("pk").iterator():
        with transaction.atomic():
            locked = ApplicationDraft.objects.select_for_update().filter(pk=draft.pk, expires_at__lte=now).first()
            if locked is None:  # saved again meanwhile, or submitted
                continue
            for document in locked.documents.all():
                if storage.exists(document.object_name):
                    storage.delete(document.object_name)
                    result.files_deleted += 1
                else:
                    result.files_missing += 1
            locked.delete()
            result.expired += 1
    return result


def drafts_sweep(*, now=None) -> DraftSweepResult:
    """The retention sweep's part for drafts: remind those ending within a day, delete those that ended."""
    now = now or timezone.now()
    result = drafts_expire(now=now)
    result.reminded = drafts_remind(now=now)
    return result
