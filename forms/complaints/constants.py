"""Categories, channels, statuses and handling tiers of a complaint, and who may do what, written once as data.

Escalation is a tier, not a status. The status is the complainant's view of progress (received, being handled,
answered, closed); the tier says whose desk the complaint is on (the officer's direct superior, then leadership).
The two are independent: an escalated complaint is still "received" or "being handled" until someone answers it,
and the public tracking page keeps speaking of progress, not of the office's internal chain.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from forms.constants import StaffRole
from forms.office.roles import CASE_ROLES

TRACKING_PREFIX = "ADU"


class ComplaintCategory(models.TextChoices):
    COMPLAINT = "pengaduan", _("Complaint")
    SUGGESTION = "saran", _("Suggestion")
    FEEDBACK = "masukan", _("Feedback")


class ComplaintChannel(models.TextChoices):
    """Where the complaint arrived: the standards' channels (component 6); staff record all but the web form."""

    WEB_FORM = "web_form", _("Web form")
    SUGGESTION_BOX = "suggestion_box", _("Suggestion box")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("E-mail")
    SOCIAL_MEDIA = "social_media", _("Social media")


# The channels a staff member records by hand; the web form is the public's own.
STAFF_CHANNELS = [(value, label) for value, label in ComplaintChannel.choices if value != ComplaintChannel.WEB_FORM]


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("Being handled")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


STATUS_MEANINGS = {
    ComplaintStatus.RECEIVED: _("Your message has been received and is waiting to be handled."),
    ComplaintStatus.IN_PROGRESS: _("Your message is being handled by the office."),
    ComplaintStatus.ANSWERED: _("The office has answered. Read the response below."),
    ComplaintStatus.CLOSED: _("Handling of your message is finished."),
}

# Not yet answered: these are the ones that can run past the limit and escalate.
UNANSWERED_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS)
OPEN_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS, ComplaintStatus.ANSWERED)


class ComplaintTier(models.TextChoices):
    """Lampiran I and domain.md section 6: the officer's direct superior first, then leadership."""

    SUPERVISOR = "supervisor", _("Direct superior (Head of the implementing unit)")
    LEADERSHIP = "leadership", _("Leadership (Head of office)")


# The group each tier belongs to; a complaint can be assigned to a member of it.
TIER_GROUP = {
    ComplaintTier.SUPERVISOR: StaffRole.SECTION_HEAD,
    ComplaintTier.LEADERSHIP: StaffRole.HEAD_OF_OFFICE,
}
# Who may act on a complaint at each tier: the tier's own group, and leadership, which oversees both tiers.
TIER_HANDLERS = {
    ComplaintTier.SUPERVISOR: frozenset({StaffRole.SECTION_HEAD, StaffRole.HEAD_OF_OFFICE}),
    ComplaintTier.LEADERSHIP: frozenset({StaffRole.HEAD_OF_OFFICE}),
}
HANDLER_ROLES = frozenset().union(*TIER_HANDLERS.values())
# Who sees complaints: every role that works cases, each within their office scope (forms.office.scope).
VIEWER_ROLES = CASE_ROLES
# Who records a complaint that arrived through another channel (an operator only for their own kecamatan).
RECORDER_ROLES = frozenset({StaffRole.OPERATOR, StaffRole.SECTION_HEAD, StaffRole.HEAD_OF_OFFICE})


@dataclass(frozen=True)
class ComplaintAction:
    """One thing a handler may do: from which statuses, and the status it leaves (None: unchanged)."""

    action: str
    label: str
    sources: tuple[str, ...]
    target: str | None
    needs_text: bool = False


C = ComplaintStatus
COMPLAINT_ACTIONS = (
    ComplaintAction("start", _("Mark as being handled"), (C.RECEIVED,), C.IN_PROGRESS),
    ComplaintAction("assign", _("Assign"), (C.RECEIVED, C.IN_PROGRESS), None),
    # A further response (a correction, a follow-up) is allowed after the first; each one reaches the complainant.
    ComplaintAction("respond", _("Send the response"), (C.RECEIVED, C.IN_PROGRESS, C.ANSWERED), C.ANSWERED, True),
    ComplaintAction("close", _("Close"), (C.ANSWERED,), C.CLOSED),
)
COMPLAINT_ACTIONS_BY_NAME = {action.action: action for action in COMPLAINT_ACTIONS}


class EventKind(models.TextChoices):
    FILED = "filed", _("Filed on the web form")
    RECORDED = "recorded", _("Recorded by staff")
    STARTED = "started", _("Marked as being handled")
    ASSIGNED = "assigned", _("Assigned")
    ESCALATED = "escalated", _("Escalated to leadership")
    RESPONDED = "responded", _("Response sent")
    CLOSED = "closed", _("Closed")


ACTION_EVENTS = {
    "start": EventKind.STARTED,
    "assign": EventKind.ASSIGNED,
    "respond": EventKind.RESPONDED,
    "close": EventKind.CLOSED,
}
