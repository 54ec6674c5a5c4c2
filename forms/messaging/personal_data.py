"""The citizen's channel choices in their data export and erasure (UU 27/2022); the message log keeps no address
once a message is final, so the retention sweep has nothing of it to remove."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from forms.intake.data_export import export_time
from forms.intake.retention import RetentionResult

from .constants import FINAL_STATUSES
from .models import ChannelPreference, Message


class ChannelChoicesPersonalData:
    export_key = "message_channels"

    def export(self, user) -> list[dict]:
        return [
            {
                "email": preference.email,
                "whatsapp": preference.whatsapp,
                "whatsapp_consented_at": export_time(preference.whatsapp_consented_at),
                "whatsapp_withdrawn_at": export_time(preference.whatsapp_withdrawn_at),
                "sms": preference.sms,
            }
            for preference in ChannelPreference.objects.filter(user=user)
        ]

    def erasure_blockers(self, user) -> list:
        return []

    def erase(self, *, user) -> int:
        ChannelPreference.objects.filter(user=user).delete()
        return 0

    def retention_apply(self, *, now=None, days: int | None = None) -> RetentionResult:
        """A final message that still holds text (none should) loses it once the period is over."""
        now = now or timezone.now()
        days = settings.RETENTION_DAYS_AFTER_FINISH if days is None else days
        stale = Message.objects.filter(status__in=FINAL_STATUSES, finished_at__lt=now - timedelta(days=days))
        cleared = stale.filter(~Q(address="") | ~Q(body="")).update(address="", body="", parameters=[])
        return RetentionResult(applications=cleared)

    def retention_report(self, result: RetentionResult) -> str:
        return f"Cleared the text of {result.applications} old message(s)."
