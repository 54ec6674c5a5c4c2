"""E-mails about complaints: to the complainant (receipt, escalation, response) and to staff of a tier."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .deadlines import escalation_working_days
from .selectors import tier_members

logger = logging.getLogger(__name__)


def _public_url(path: str) -> str:
    base = getattr(settings, "PORTAL_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return base + path


def _admin_url(complaint) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("complaints_admin:detail", args=[complaint.pk])


def _send(template: str, context: dict, recipients: list[str]) -> None:
    recipients = [address for address in dict.fromkeys(recipients) if address]
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"complaints/email/{template}_subject.txt", context).split())
        body = render_to_string(f"complaints/email/{template}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        # Runs after commit: the complaint is safe; a lost e-mail is logged, not turned into a server error.
        logger.exception("Could not send the %s e-mail", template)


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
