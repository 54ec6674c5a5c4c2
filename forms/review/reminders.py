"""Reminders before and at a case's due time, run every few minutes by the scheduler (``case_reminders_send``).

Before the due time (``settings.CASE_REMINDER_MINUTES_BEFORE_DUE`` working minutes, counted on the office's clock,
so a case due Monday 09:00 is remembered on Friday afternoon) its holder is reminded, or the operators of its
kecamatan when nobody holds it. At the due time the heads of unit are told. Each case gets each kind once: a
``CaseReminder`` row per (case, kind), written in the same transaction as the messages, so a second run finds it and
sends nothing. Every recipient gets one message listing their cases, not one per case.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from forms.constants import StaffRole
from forms.messaging.messenger import message_send_staff
from forms.models import Application, CaseReminder, CaseReminderKind
from forms.models.applications import OPEN_CASE
from forms.office.clock import due_at
from services.constants import DurationUnit

from .holding import ASSIGNING_ROLES, staff_name
from .messages import CASES_DUE_SOON, CASES_OVERDUE

# A message lists at most this many cases and links the queue for the rest.
LISTED_CASES = 50


def reminder_minutes_before_due() -> int:
    value = settings.CASE_REMINDER_MINUTES_BEFORE_DUE
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(f"CASE_REMINDER_MINUTES_BEFORE_DUE must be an integer >= 1, got {value!r}.")
    return value


def _admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _listing(applications) -> dict:
    shown = [
        {
            "application": application,
            "holder": staff_name(application.holder) if application.holder_id else "",
            "url": _admin_url(reverse("intake_application:review", args=[application.pk])),
        }
        for application in applications[:LISTED_CASES]
    ]
    return {"applications": applications, "shown": shown, "more": max(len(applications) - LISTED_CASES, 0)}


def _emails(users) -> list[str]:
    return list(users.filter(is_active=True).exclude(email="").values_list("email", flat=True).distinct())


def _operator_emails(kecamatan_id) -> list[str]:
    if kecamatan_id is None:
        return []
    operators = get_user_model().objects.filter(
        groups__name=StaffRole.OPERATOR, staff_profile__kecamatan_id=kecamatan_id
    )
    return _emails(operators)


def _about(applications):
    return applications[0] if len(applications) == 1 else None


def _due_soon_send(applications) -> list[CaseReminder]:
    by_holder, by_kecamatan = defaultdict(list), defaultdict(list)
    for application in applications:
        holder = application.holder
        if holder is not None and holder.is_active and holder.email:
            by_holder[holder].append(application)
        else:
            by_kecamatan[application.kecamatan_id].append(application)
    reminders = []
    for holder, cases in by_holder.items():
        context = {**_listing(cases), "holder": holder, "queue_url": _admin_url(reverse("intake_application:mine"))}
        message_send_staff(kind=CASES_DUE_SOON.key, emails=[holder.email], context=context, about=_about(cases))
        reminders += [
            CaseReminder(application=case, kind=CaseReminderKind.DUE_SOON, recipients="holder") for case in cases
        ]
    for kecamatan_id, cases in by_kecamatan.items():
        emails = _operator_emails(kecamatan_id)
        queue = reverse("intake_application:index") + (f"?kecamatan={kecamatan_id}" if kecamatan_id else "")
        context = {**_listing(cases), "holder": None, "kecamatan": cases[0].kecamatan, "queue_url": _admin_url(queue)}
        message_send_staff(kind=CASES_DUE_SOON.key, emails=emails, context=context, about=_about(cases))
        recipients = "operators" if emails else "nobody"
        reminders += [
            CaseReminder(application=case, kind=CaseReminderKind.DUE_SOON, recipients=recipients) for case in cases
        ]
    return reminders


def _overdue_send(applications) -> list[CaseReminder]:
    emails = _emails(get_user_model().objects.filter(groups__name__in=[str(role) for role in ASSIGNING_ROLES]))
    queue_url = _admin_url(reverse("intake_application:index") + "?overdue=true")
    context = {**_listing(applications), "queue_url": queue_url}
    message_send_staff(kind=CASES_OVERDUE.key, emails=emails, context=context, about=_about(applications))
    recipients = "heads_of_unit" if emails else "nobody"
    return [
        CaseReminder(application=case, kind=CaseReminderKind.OVERDUE, recipients=recipients) for case in applications
    ]


@transaction.atomic
def case_reminders_send(*, now=None) -> dict[str, int]:
    """Send the reminders whose time has come and that were not sent yet; returns how many cases of each kind."""
    now = now or timezone.now()
    # The moment `minutes` of office time from now: a case due by then is within its reminder window.
    window_end = due_at(now, duration=reminder_minutes_before_due(), unit=DurationUnit.MINUTES)
    cases = Application.objects.filter(OPEN_CASE, due_at__isnull=False).select_related("holder", "kecamatan")
    due_soon = list(
        cases.filter(due_at__gt=now, due_at__lte=window_end)
        .exclude(reminders__kind=CaseReminderKind.DUE_SOON)
        .order_by("due_at", "pk")
    )
    overdue = list(
        cases.filter(due_at__lte=now).exclude(reminders__kind=CaseReminderKind.OVERDUE).order_by("due_at", "pk")
    )
    reminders = (_due_soon_send(due_soon) if due_soon else []) + (_overdue_send(overdue) if overdue else [])
    # A concurrent run that wrote the same rows first makes this one fail whole: its messages are not sent either.
    CaseReminder.objects.bulk_create(reminders, batch_size=500)
    return {CaseReminderKind.DUE_SOON: len(due_soon), CaseReminderKind.OVERDUE: len(overdue)}
