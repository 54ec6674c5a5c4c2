"""Messages about complaints: to the complainant (receipt, escalation, response) and to staff of a tier.

A complainant may have no account, so these go by e-mail, to the address the complaint gives.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forms.messaging.kinds import MessageKind, message_kind_register
from forms.messaging.messenger import message_send_staff

from .deadlines import escalation_working_days
from .selectors import tier_members

logger = logging.getLogger(__name__)


def _public_url(path: str) -> str:
    base = getattr(settings, "PORTAL_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return base + path


def _admin_url(complaint) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("complaints_admin:detail", args=[complaint.pk])


KINDS = {
    template: message_kind_register(
        MessageKind(
            key=f"complaints.{template}",
            label=label,
            email_subject=f"complaints/email/{template}_subject.txt",
            email_body=f"complaints/email/{template}.txt",
        )
    )
    for template, label in (
        ("received", _("Complaint received")),
        ("response", _("Complaint answered")),
        ("escalated", _("Complaint escalated")),
        ("staff", _("Complaint for staff")),
    )
}


def _send(template: str, context: dict, recipients: list[str]) -> None:
    # One message per address, each logged against the complaint; the worker sends and retries after commit.
    message_send_staff(kind=KINDS[template].key, emails=recipients, context=context, about=context["complaint"])


def _tracking_url(complaint) -> str:
    return _public_url(reverse("complaints:tracking") + f"?nomor={complaint.tracking_number}")


def complaint_received(*, complaint) -> None:
    """The tracking number to the complainant; a note to the direct superiors' group that a new one is waiting."""
    context = {
        "complaint": complaint,
        "tracking_url": _tracking_url(complaint),
        "days_limit": escalation_working_days(),
    }
    _send("received", context, [complaint.email])
    _notify_staff(complaint, reason="new")


def complaint_answered(*, complaint, event) -> None:
    context = {"complaint": complaint, "event": event, "tracking_url": _tracking_url(complaint)}
    _send("response", context, [complaint.email])


def complaint_assigned(*, complaint, recipients=None) -> None:
    _notify_staff(complaint, reason="assigned", recipients=recipients)


def complaints_escalated(*, complaints) -> None:
    """Leadership is told a complaint is theirs now; the complainant, whom the receipt promised this, too."""
    days = escalation_working_days()
    for complaint in complaints:
        _notify_staff(complaint, reason="escalated")
        context = {"complaint": complaint, "tracking_url": _tracking_url(complaint), "days_limit": days}
        _send("escalated", context, [complaint.email])


def _notify_staff(complaint, *, reason: str, recipients=None) -> None:
    people = recipients if recipients is not None else list(tier_members(complaint.tier))
    context = {"complaint": complaint, "reason": reason, "admin_url": _admin_url(complaint)}
    _send("staff", context, [person.email for person in people])
