"""State changes of a complaint. The public form, the admin, the escalation command and the tests all come here."""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from forms.intake.tracking import tracking_number_new
from forms.intake.uploads import CleanUpload, private_upload_name
from forms.office.clock import working_minutes_between
from forms.office.roles import user_roles
from forms.office.storage import STORAGE_ERRORS, UploadsNotStored

from . import notifications
from .constants import (
    ACTION_EVENTS,
    COMPLAINT_ACTIONS,
    COMPLAINT_ACTIONS_BY_NAME,
    RECORDER_ROLES,
    STAFF_CHANNELS,
    TIER_HANDLERS,
    TRACKING_PREFIX,
    UNANSWERED_STATUSES,
    ComplaintAction,
    ComplaintChannel,
    ComplaintTier,
    EventKind,
)
from .deadlines import answer_due_at, escalation_working_days
from .models import Complaint, ComplaintAttachment, ComplaintEvent
from .selectors import tier_members, user_may_see_complaint

logger = logging.getLogger(__name__)

MAX_RESPONSE_LENGTH = 5000


class StaleAction(ValidationError):
    """Someone else changed the complaint first; nothing was changed."""


def _store_attachment(upload: CleanUpload | None, *, tracking_number: str) -> ComplaintAttachment | None:
    if upload is None:
        return None
    object_name = private_upload_name(prefix=f"pengaduan/{tracking_number}", extension=upload.extension)
    try:
        stored_name = storages["private"].save(object_name, ContentFile(upload.content))
    except STORAGE_ERRORS as error:
        # The write may have landed before the error (a lost response); deleting a missing name is harmless.
        _discard_attachment(ComplaintAttachment(object_name=object_name))
        logger.warning("Private storage failed while storing complaint %s's attachment", tracking_number, exc_info=True)
        raise UploadsNotStored from error
    return ComplaintAttachment(
        object_name=stored_name,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
    )


def _discard_attachment(attachment: ComplaintAttachment | None) -> None:
    if attachment is None:
        return
    try:
        storages["private"].delete(attachment.object_name)
    except Exception:  # the row was never saved; a leftover object is logged for the retention sweep
        logger.exception("Could not delete orphaned complaint attachment %s", attachment.object_name)


def _add_event(complaint, *, kind, by=None, text="", at=None) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        at=at or timezone.now(),
        by=by,
        status=complaint.status,
        tier=complaint.tier,
        assigned_to=complaint.assigned_to,
        text=text,
    )


def _complaint_create(
    *,
    channel: str,
    event_kind: str,
    by,
    complainant,
    received_at: datetime.datetime,
    submission_token: uuid.UUID | None,
    attachment: CleanUpload | None,
    fields: dict,
) -> Complaint:
    token = submission_token or uuid.uuid4()
    existing = Complaint.objects.filter(submission_token=token).first()
    if existing is not None:
        return existing
    tracking_number = tracking_number_new(TRACKING_PREFIX, timezone.localdate().year)
    stored = _store_attachment(attachment, tracking_number=tracking_number)
    try:
        with transaction.atomic():
            complaint = Complaint.objects.create(
                tracking_number=tracking_number,
                channel=channel,
                complainant=complainant,
                recorded_by=by,
                received_at=received_at,
                escalation_due_at=answer_due_at(received_at),
                submission_token=token,
                **fields,
            )
            if stored is not None:
                stored.complaint = complaint
                stored.save()
            _add_event(complaint, kind=event_kind, by=by or complainant)
            log(
                instance=complaint,
                action="complaints.record" if by else "complaints.file",
                user=by or complainant,
                data={"channel": channel, "category": complaint.category},
            )
    except IntegrityError:
        _discard_attachment(stored)
        # A concurrent double submit won the race: answer with its complaint.
        existing = Complaint.objects.filter(submission_token=token).first()
        if existing is None:
            raise
        return existing
    except Exception:
        _discard_attachment(stored)
        raise
    transaction.on_commit(lambda: notifications.complaint_received(complaint=complaint))
    return complaint


def complaint_submit(
    *,
    category: str,
    kecamatan,
    service,
    application,
    message: str,
    name: str,
    email: str,
    mobile: str,
    nik: str,
    attachment: CleanUpload | None,
    complainant,
    submission_token: uuid.UUID,
) -> Complaint:
    """File a complaint from the public web form; the same submission token always yields the same complaint."""
    complainant = complainant if complainant is not None and complainant.is_authenticated else None
    return _complaint_create(
        channel=ComplaintChannel.WEB_FORM,
        event_kind=EventKind.FILED,
        by=None,
        complainant=complainant,
        received_at=timezone.now(),
        submission_token=submission_token,
        attachment=attachment,
        fields={
            "category": category,
            "kecamatan": kecamatan,
            "service": service,
            "application": application,
            "message": message,
            "name": name,
            "email": email,
            "mobile": mobile,
            "nik": nik,
        },
    )


def complaint_record(
    *,
    by,
    channel: str,
    received_at: datetime.datetime,
    category: str,
    kecamatan,
    service=None,
    application=None,
    message: str,
    name: str = "",
    email: str = "",
    mobile: str = "",
    nik: str = "",
    attachment: CleanUpload | None = None,
    submission_token: uuid.UUID | None = None,
) -> Complaint:
    """Record a complaint that reached staff another way (suggestion box, WhatsApp, e-mail, social media)."""
    roles = user_roles(by)
    if not roles & RECORDER_ROLES:
        raise PermissionDenied
    if channel not in dict(STAFF_CHANNELS):
        raise ValidationError(_("Choose the channel the message came through."), code="channel")
    if received_at > timezone.now():
        raise ValidationError(_("The date received cannot be in the future."), code="future")
    probe = Complaint(kecamatan=kecamatan)
    if not user_may_see_complaint(by, probe):
        # An operator records for their own kecamatan only.
        raise PermissionDenied
    return _complaint_create(
        channel=channel,
        event_kind=EventKind.RECORDED,
        by=by,
        complainant=None,
        received_at=received_at,
        submission_token=submission_token,
        attachment=attachment,
        fields={
            "category": category,
            "kecamatan": kecamatan,
            "service": service,
            "application": application,
            "message": message,
            "name": name,
            "email": email,
            "mobile": mobile,
            "nik": nik,
        },
    )


def may_handle(user, complaint) -> bool:
    """The tier's own group, or leadership, inside the user's scope."""
    return user_may_see_complaint(user, complaint) and bool(user_roles(user) & TIER_HANDLERS[complaint.tier])


def allowed_actions(*, complaint, user) -> list[ComplaintAction]:
    """Exactly the actions this user may take on this complaint now."""
    if not may_handle(user, complaint):
        return []
    return [action for action in COMPLAINT_ACTIONS if complaint.status in action.sources]


def _lock_for(complaint, *, action: str, by, expected_status: str | None) -> Complaint:
    """The complaint locked for this action, after the role, scope and status checks; raises otherwise."""
    spec = COMPLAINT_ACTIONS_BY_NAME[action]
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not may_handle(by, locked):
        raise PermissionDenied
    if expected_status is not None and locked.status != expected_status:
        raise StaleAction(
            _("Someone else has already changed this complaint to “%(status)s”. Reload the page to see it."),
            code="stale",
            params={"status": locked.get_status_display()},
        )
    if locked.status not in spec.sources:
        raise ValidationError(_("This action is not possible for this complaint now."), code="not_allowed")
    return locked


def _finish(locked, *, action: str, by, text: str = "", data: dict | None = None) -> ComplaintEvent:
    spec = COMPLAINT_ACTIONS_BY_NAME[action]
    before = locked.status
    if spec.target is not None:
        locked.status = spec.target
    locked.save()
    event = _add_event(locked, kind=ACTION_EVENTS[action], by=by, text=text)
    log(
        instance=locked,
        action=f"complaints.{action}",
        user=by,
        data={"from": before, "to": locked.status, "tier": locked.tier, **(data or {})},
    )
    return event


@transaction.atomic
def complaint_start(*, complaint, by, expected_status: str | None = None) -> Complaint:
    """Tell the complainant that someone is on it."""
    locked = _lock_for(complaint, action="start", by=by, expected_status=expected_status)
    _finish(locked, action="start", by=by)
    return locked


@transaction.atomic
def complaint_respond(*, complaint, by, response: str, expected_status: str | None = None) -> Complaint:
    """Send the office's response; the first one stops the escalation clock and is timed in working minutes."""
    response = (response or "").strip()
    if not response:
        raise ValidationError(_("Write the response to the complainant."), code="no_response")
    if len(response) > MAX_RESPONSE_LENGTH:
        raise ValidationError(
            _("The response may have at most %(limit)s characters."),
            code="response_too_long",
            params={"limit": MAX_RESPONSE_LENGTH},
        )
    locked = _lock_for(complaint, action="respond", by=by, expected_status=expected_status)
    now = timezone.now()
    if locked.first_response_at is None:
        locked.first_response_at = now
        locked.first_response_working_minutes = working_minutes_between(locked.received_at, now)
    event = _finish(locked, action="respond", by=by, text=response)
    transaction.on_commit(lambda: notifications.complaint_answered(complaint=locked, event=event))
    return locked


@transaction.atomic
def complaint_assign(
    *, complaint, by, tier: str, assignee=None, note: str = "", expected_status: str | None = None
) -> Complaint:
    """Put the complaint on a tier's desk, optionally on one named member's; raising it to leadership escalates it."""
    try:
        tier = ComplaintTier(tier)
    except ValueError:
        raise ValidationError(_("Choose who handles the complaint."), code="tier") from None
    if assignee is not None and not tier_members(tier).filter(pk=assignee.pk).exists():
        raise ValidationError(_("The person assigned must belong to the chosen level."), code="assignee")
    locked = _lock_for(complaint, action="assign", by=by, expected_status=expected_status)
    tier_changed = locked.tier != tier
    locked.tier = tier
    locked.assigned_to = assignee
    if tier == ComplaintTier.LEADERSHIP and locked.escalated_at is None:
        # Raised by hand: the automatic escalation will not raise it again.
        locked.escalated_at = timezone.now()
    _finish(
        locked,
        action="assign",
        by=by,
        text=(note or "").strip(),
        data={"assignee": assignee.pk if assignee else None},
    )
    if assignee is not None or tier_changed:
        transaction.on_commit(
            lambda: notifications.complaint_assigned(complaint=locked, recipients=[assignee] if assignee else None)
        )
    return locked


@transaction.atomic
def complaint_close(*, complaint, by, note: str = "", expected_status: str | None = None) -> Complaint:
    """Close an answered complaint."""
    locked = _lock_for(complaint, action="close", by=by, expected_status=expected_status)
    locked.closed_at = timezone.now()
    _finish(locked, action="close", by=by, text=(note or "").strip())
    return locked


@transaction.atomic
def complaints_escalate_overdue(*, now: datetime.datetime) -> list[Complaint]:
    """Raise every complaint still unanswered at the direct superior after the limit to leadership, once.

    Idempotent: an escalated complaint has left tier 1 and carries escalated_at, so a second run (or a parallel
    one, waiting on the row locks) finds nothing more to do.
    """
    candidates = Complaint.objects.select_for_update().filter(
        tier=ComplaintTier.SUPERVISOR,
        escalated_at__isnull=True,
        first_response_at__isnull=True,
        status__in=UNANSWERED_STATUSES,
        escalation_due_at__lt=now,
    )
    escalated = []
    for complaint in candidates.order_by("escalation_due_at", "pk"):
        complaint.tier = ComplaintTier.LEADERSHIP
        complaint.escalated_at = now
        complaint.assigned_to = None
        complaint.save(update_fields=["tier", "escalated_at", "assigned_to", "updated_at"])
        days = escalation_working_days()
        # Kept in the office's language whichever language (or none, under cron) is active now.
        with translation.override(settings.LANGUAGE_CODE):
            note = _("No response within %(days)s working days.") % {"days": days}
        _add_event(complaint, kind=EventKind.ESCALATED, at=now, text=note)
        log(
            instance=complaint,
            action="complaints.escalate",
            user=None,
            data={"due": complaint.escalation_due_at.isoformat(), "working_days": days},
        )
        escalated.append(complaint)
    if escalated:
        transaction.on_commit(lambda: notifications.complaints_escalated(complaints=escalated))
    return escalated
