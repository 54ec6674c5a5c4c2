"""The citizen's channel choices; WhatsApp consent and its withdrawal are kept with their times (UU 27/2022)."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import ChannelPreference


@transaction.atomic
def channel_preference_update(*, user, email: bool, whatsapp: bool, sms: bool) -> ChannelPreference:
    """Save the citizen's choice; giving or withdrawing WhatsApp consent stamps the time and the audit log."""
    preference, _created = ChannelPreference.objects.select_for_update().get_or_create(user=user)
    now = timezone.now()
    if whatsapp and not preference.whatsapp:
        preference.whatsapp_consented_at, preference.whatsapp_withdrawn_at = now, None
        log(instance=user, action="messaging.whatsapp_consent", user=user, data={"given": True})
    elif preference.whatsapp and not whatsapp:
        preference.whatsapp_withdrawn_at = now
        log(instance=user, action="messaging.whatsapp_consent", user=user, data={"given": False})
    preference.email, preference.whatsapp, preference.sms = email, whatsapp, sms
    preference.save()
    return preference
