"""The survey listens to status changes instead of being called by the intake."""

import logging

from django.dispatch import receiver

from forms.office.notifications import application_status_changed

from .constants import INVITING_STATUSES
from .services import survey_invitation_send

logger = logging.getLogger(__name__)


@receiver(application_status_changed, dispatch_uid="survey_invite_on_delivery")
def invite_on_delivery(sender, application, change, **kwargs):
    """Handed over or sent: invite the citizen to rate the service, once."""
    if change.to_status not in INVITING_STATUSES:
        return
    try:
        survey_invitation_send(application=application)
    except Exception:  # the status change is already committed; a failed invitation must not turn it into an error
        logger.exception("Could not send the survey invitation for application %s", application.pk)
