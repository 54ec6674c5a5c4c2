"""States of an IKD visit booking, why a visit may end unfinished, and the moves the counter makes, as data."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    ACTIVATED = "activated", _("IKD activated")
    NOT_COMPLETED = "not_completed", _("Not completed")


# A booking in one of these still holds the citizen's place; an application has at most one at a time.
OPEN_STATUSES = (VisitStatus.WAITING, VisitStatus.CALLED)


class NotCompletedReason(models.TextChoices):
    QR_NOT_SCANNED = "qr_not_scanned", _("QR code could not be scanned")
    FACE_FAILED = "face_failed", _("Face verification failed")
    DATA_MISMATCH = "data_mismatch", _("Data does not match the KTP-el")
    NO_SHOW = "no_show", _("Did not come")
    OTHER = "other", _("Other reason (see note)")
    # Set only when an administrator closes the office for a day already booked (forms.visits.services).
    OFFICE_CLOSED = "office_closed", _("The office closed that day")


# What the counter may record; a closed office is recorded by closing the day, not by hand.
COUNTER_REASONS = [reason for reason in NotCompletedReason if reason != NotCompletedReason.OFFICE_CLOSED]


@dataclass(frozen=True)
class VisitTransition:
    action: str
    label: str
    source: str
    target: str


VISIT_TRANSITIONS = (
    VisitTransition("call", _("Call"), VisitStatus.WAITING, VisitStatus.CALLED),
    VisitTransition("activate", _("IKD activated"), VisitStatus.CALLED, VisitStatus.ACTIVATED),
    VisitTransition("not_complete", _("Not completed"), VisitStatus.CALLED, VisitStatus.NOT_COMPLETED),
)
VISIT_TRANSITIONS_BY_ACTION = {transition.action: transition for transition in VISIT_TRANSITIONS}

# Short letters on each office's tickets (e.g. UTR-014), by Kemendagri region code, until an administrator sets one.
DEFAULT_QUEUE_PREFIXES = {
    "64.71.01": "TMR",
    "64.71.02": "BRT",
    "64.71.03": "UTR",
    "64.71.04": "TGH",
    "64.71.05": "SLT",
    "64.71.06": "KTA",
}
