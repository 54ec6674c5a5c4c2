"""Personal data does not live forever (UU 27/2022): finished applications lose their documents and personal fields.

Later rooms that keep personal data of their own (complaints) plug in through PERSONAL_DATA_HOOK, so the citizen's
export, their erasure and the retention sweep cover them without intake knowing them.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import log

from forms.constants import ApplicationStatus
from forms.messaging.kinds import MessageKind, message_kind_register
from forms.messaging.messenger import Recipient, message_send
from forms.models import Application, ApplicationDraft, ApplicationVersion
from portal.staff_access import can_open_admin

from .drafts import draft_discard

logger = logging.getLogger(__name__)

# Archived (handed over or sent, then filed) or rejected: nothing more will be done with the citizen's papers.
RETAINABLE_STATUSES = (ApplicationStatus.ARCHIVED, ApplicationStatus.REJECTED)
PERSONAL_COLUMNS = ("applicant_name", "nik", "kk_number", "mobile", "contact_email", "delivery_address")


# A room registers a function returning its PersonalDataHolder under this hook.
PERSONAL_DATA_HOOK = "register_personal_data"


@dataclass
class RetentionResult:
    applications: int = 0
    files_deleted: int = 0
    files_missing: int = 0


class PersonalDataHolder(Protocol):
    """What intake asks of a room that holds a citizen's personal data."""

    export_key: str  # the key of the room's part in the citizen's data export

    def export(self, user) -> list[dict]:
        """The citizen's records in this room, as they may download them."""
        ...

    def erasure_blockers(self, user) -> list:
        """Records still being worked on, each with a tracking_number and get_status_display()."""
        ...

    def erase(self, *, user) -> int:
        """Anonymise the citizen's records at their request; the number of files deleted."""
        ...

    def retention_apply(self, *, now=None, days: int | None = None) -> RetentionResult:
        """Anonymise the records finished longer ago than the retention period."""
        ...

    def retention_report(self, result: RetentionResult) -> str:
        """The retention_sweep command's sentence about this room's sweep."""
        ...


def personal_data_holders() -> list[PersonalDataHolder]:
    return [register() for register in hooks.get_hooks(PERSONAL_DATA_HOOK)]


def retention_candidates(*, now, days: int):
    return Application.objects.filter(
        status__in=RETAINABLE_STATUSES, status_changed_at__lt=now - timedelta(days=days), anonymised_at__isnull=True
    )


@transaction.atomic
def application_anonymise(*, application, now=None, reason: str = "retention") -> tuple[int, int]:
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
    log(
        instance=locked,
        action="intake.anonymise",
        data={"files_deleted": deleted, "files_missing": missing, "reason": reason},
    )
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


def erasure_blockers(user) -> tuple[list, list]:
    """The citizen's applications, and other rooms' records (complaints), still being worked on: the office needs
    them (and a way to answer) until they are finished, so the account cannot be erased before."""
    applications = list(
        Application.objects.filter(applicant=user).exclude(status__in=RETAINABLE_STATUSES).order_by("submit_time")
    )
    held_elsewhere = [item for holder in personal_data_holders() for item in holder.erasure_blockers(user)]
    return applications, held_elsewhere


@transaction.atomic
def citizen_account_erase(*, user) -> RetentionResult:
    """UU 27/2022 erasure on the data subject's request, at once rather than after the retention period.

    Finished applications and closed complaints lose their files and personal fields as the retention sweep would
    do; the counts, statuses and timelines the office must keep stay, no longer tied to anyone. Then the account,
    its e-mail addresses, second factors and profile are deleted. Refused while anything is still being worked on.
    """
    if can_open_admin(user, fresh=True):  # staff accounts go through the office, not self-service erasure
        raise PermissionDenied
    applications, held_elsewhere = erasure_blockers(user)
    if applications or held_elsewhere:
        numbers = [item.tracking_number for item in applications + held_elsewhere]
        raise ValidationError(
            _("Wait until these are finished, then ask again: %(numbers)s") % {"numbers": ", ".join(numbers)},
            code="still_open",
        )
    now = timezone.now()
    result = RetentionResult()
    for application in Application.objects.filter(applicant=user).only("pk"):
        deleted, missing = application_anonymise(application=application, now=now, reason="erasure_request")
        result.applications += 1
        result.files_deleted += deleted
        result.files_missing += missing
    for holder in personal_data_holders():
        result.files_deleted += holder.erase(user=user)
    for draft in ApplicationDraft.objects.filter(applicant=user):
        result.files_deleted += draft_discard(draft=draft)  # unfinished applications go with the account
    Application.objects.filter(applicant=user).update(applicant=None)
    address, name = user.email, user.get_full_name()
    user.delete()  # e-mail addresses, authenticators and profile go with it; complaints unlink
    transaction.on_commit(lambda: _erasure_confirm(address=address, name=name, result=result))
    return result


ACCOUNT_ERASED = message_kind_register(
    MessageKind(
        key="intake.account_erased",
        label=gettext_lazy("Account and personal data deleted"),
        email_subject=lambda context: _("Your account and personal data have been deleted"),
        email_body="intake/email/account_erased.txt",
    )
)


def _erasure_confirm(*, address, name, result) -> None:
    """The last message to the former account's address: what was deleted, and what the office keeps."""
    if not address:
        return
    # The account is gone, and its channel choices with it: the address it had is all there is.
    message_send(kind=ACCOUNT_ERASED.key, to=Recipient(email=address), context={"name": name, "result": result})
