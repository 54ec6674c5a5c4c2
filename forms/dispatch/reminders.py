"""The weekly-return reminder: on the week's last working day, each kecamatan with blanks or old cards still to go
back is told so by a message (Lampiran I: they go back at the end of that day)."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.urls import reverse

from forms.messaging.messenger import message_send_staff
from services.models import Kecamatan

from ..constants import StaffRole
from .constants import LedgerKind
from .messages import WEEKLY_RETURN_DUE
from .selectors import returnable_entries, weekly_return_day


def weekly_return_reminders_send(*, today: date) -> list[str]:
    """E-mail the operators of every office with items still to return, if today is the return day.

    Returns the names of the offices reminded, so a cron log shows what happened.
    """
    if weekly_return_day(today) != today:
        return []
    reminded = []
    for kecamatan in Kecamatan.objects.order_by("name"):
        counts = returnable_entries(kecamatan=kecamatan).aggregate(
            spoiled=Count("pk", filter=Q(kind=LedgerKind.SPOILED)),
            old_cards=Count("pk", filter=Q(kind=LedgerKind.OLD_CARD)),
        )
        if not counts["spoiled"] and not counts["old_cards"]:
            continue
        operators = list(
            get_user_model()
            .objects.filter(is_active=True, groups__name=StaffRole.OPERATOR, staff_profile__kecamatan=kecamatan)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if not operators:
            continue
        manifests_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("dispatch:manifests", args=[kecamatan.pk])
        context = {"kecamatan": kecamatan, "manifests_url": manifests_url, **counts}
        message_send_staff(kind=WEEKLY_RETURN_DUE.key, emails=operators, context=context, about=kecamatan)
        reminded.append(kecamatan.name)
    return reminded
