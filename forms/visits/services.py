"""State changes of IKD visits: booking, the counter's call, activation and an unfinished visit; one place each."""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from forms.office.scope import user_may_act_at
from forms.review.transitions import application_transition

from ..constants import ApplicationStatus, Processing
from ..models import Application
from .constants import COUNTER_REASONS, OPEN_STATUSES, NotCompletedReason, VisitStatus
from .fields import VisitDateField
from .models import VisitBooking, VisitDay
from .notifications import notify_visit_booked, notify_visit_cancelled, notify_visit_not_completed
from .rules import day_problem, full_error, office_day_problem
from .selectors import office_capacity, office_queue_prefix, visit_today

logger = logging.getLogger(__name__)


class StaleVisitAction(ValidationError):
    """Someone else called or closed that number first; nothing was changed."""


def _locked_day(kecamatan, day: datetime.date) -> VisitDay:
    """The office's day row, created if missing and locked until the transaction ends."""
    # ON CONFLICT DO NOTHING: two first bookings of a day never fail on each other's insert.
    VisitDay.objects.bulk_create([VisitDay(kecamatan=kecamatan, date=day)], ignore_conflicts=True)
    return VisitDay.objects.select_for_update().get(kecamatan=kecamatan, date=day)


@transaction.atomic
def visit_book(*, application, kecamatan, day: datetime.date) -> VisitBooking:
    """Give the application the next queue number at this office on `day`, or refuse the day with the reason."""
    problem = day_problem(day) or office_day_problem(kecamatan, day)
    if problem is not None:
        raise problem
    return _visit_number_take(application=application, kecamatan=kecamatan, day=day)


def visit_book_walk_in(*, application, by) -> VisitBooking | None:
    """A walk-in IKD citizen recorded at the counter gets today's next number there, to be called and activated."""
    if application.processing != Processing.VISIT:
        return None
    today = visit_today()
    problem = office_day_problem(application.kecamatan, today)
    if problem is not None:
        raise ValidationError({"variant": problem.messages})
    return _visit_number_take(application=application, kecamatan=application.kecamatan, day=today)


def _visit_number_take(*, application, kecamatan, day: datetime.date) -> VisitBooking:
    visit_day = _locked_day(kecamatan, day)
    # Again under the lock: an administrator may have closed the day while this booking waited for it.
    problem = office_day_problem(kecamatan, day)
    if problem is not None:
        raise problem
    # Counted under the day's lock, so two citizens can never both take the last place.
    capacity = office_capacity(kecamatan)
    if VisitBooking.objects.filter(kecamatan=kecamatan, date=day).count() >= capacity:
        raise full_error(kecamatan, day, capacity)
    visit_day.last_number += 1
    visit_day.save(update_fields=["last_number"])
    number = visit_day.last_number
    try:
        with transaction.atomic():
            return VisitBooking.objects.create(
                application=application,
                kecamatan=kecamatan,
                date=day,
                number=number,
                queue_code=f"{office_queue_prefix(kecamatan)}-{number:03d}",
                booked_at=timezone.now(),
            )
    except IntegrityError:
        logger.warning("Visit booking collided on a unique constraint: %s %s #%s", kecamatan, day, number)
        raise ValidationError(
            _("Someone booked at the same moment. Please send the form again."), code="conflict"
        ) from None


def visit_book_for_submission(*, application, form) -> VisitBooking | None:
    """The booking made with a new IKD application, inside application_submit's transaction."""
    if application.processing != Processing.VISIT:
        return None
    name = next((n for n, field in form.fields.items() if isinstance(field, VisitDateField)), None)
    if name is None:
        # An editor removed the visit-date field: the application stands, the operator arranges the day.
        logger.warning("IKD visit form %s has no visit-date field; no booking made", application.page_id)
        return None
    if application.kecamatan is None:
        raise ValidationError({name: _("Choose the kecamatan office you will visit.")})
    try:
        return visit_book(application=application, kecamatan=application.kecamatan, day=form.cleaned_data[name])
    except ValidationError as error:
        raise ValidationError({name: error.error_list}) from None


def rebook_refusal(application, *, today: datetime.date | None = None) -> str | None:
    """Why the citizen cannot book a new visit day for this application now, or None if they can."""
    today = today or visit_today()
    if application.processing != Processing.VISIT:
        return _("This application has no kecamatan visit.")
    if application.status != ApplicationStatus.SUBMITTED:
        return _("This application no longer waits for a visit.")
    if application.kecamatan_id is None:
        return _("This application has no kecamatan office.")
    if application.visit_bookings.filter(status__in=OPEN_STATUSES, date__gte=today).exists():
        return _("You already have a visit booked. Come on that day, or wait until it has passed.")
    return None


@transaction.atomic
def visit_rebook(*, application, applicant, day: datetime.date) -> VisitBooking:
    """A new day for a visit that was not completed or was missed; the missed booking is closed as a no-show."""
    locked = Application.objects.select_for_update(of=("self",)).select_related("kecamatan").get(pk=application.pk)
    if locked.applicant_id != applicant.pk:
        raise PermissionDenied
    today = visit_today()
    refusal = rebook_refusal(locked, today=today)
    if refusal:
        raise ValidationError(refusal, code="not_rebookable")
    now = timezone.now()
    for missed in locked.visit_bookings.select_for_update().filter(status__in=OPEN_STATUSES, date__lt=today):
        called = missed.status == VisitStatus.CALLED
        missed.status = VisitStatus.NOT_COMPLETED
        missed.reason = NotCompletedReason.OTHER if called else NotCompletedReason.NO_SHOW
        missed.note = _("Called, but no result was recorded.") if called else _("Not called on the day.")
        missed.closed_at = now
        missed.save(update_fields=["status", "reason", "note", "closed_at"])
    booking = visit_book(application=locked, kecamatan=locked.kecamatan, day=day)
    transaction.on_commit(lambda: notify_visit_booked(booking=booking))
    return booking


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user else _("someone else")


def _stale(booking) -> StaleVisitAction:
    by = booking.closed_by if booking.closed_by_id else booking.called_by
    return StaleVisitAction(
        _("%(ticket)s is already “%(status)s” (%(name)s). Reload the list to see it."),
        code="stale",
        params={"ticket": booking.queue_code, "status": booking.get_status_display(), "name": _who(by)},
    )


def _audit(booking, action, by, **data):
    log(
        instance=booking,
        action=f"visits.{action}",
        user=by,
        data={
            "ticket": booking.queue_code,
            "date": booking.date.isoformat(),
            "kecamatan": booking.kecamatan_id,
            **data,
        },
    )


@transaction.atomic
def visit_call_next(*, kecamatan, by, expected_number: int | None = None) -> VisitBooking:
    """Call the lowest waiting number at this office today; refuse if that number was called by someone else."""
    if not user_may_act_at(by, kecamatan.pk):
        raise PermissionDenied
    today = visit_today()
    _locked_day(kecamatan, today)  # one call at a time per office, so two counters never call the same number
    waiting = (
        VisitBooking.objects.filter(
            kecamatan=kecamatan,
            date=today,
            status=VisitStatus.WAITING,
            application__status=ApplicationStatus.SUBMITTED,
        )
        .select_related("kecamatan")
        .order_by("number")
        .first()
    )
    if expected_number is not None and (waiting is None or waiting.number != expected_number):
        taken = VisitBooking.objects.filter(kecamatan=kecamatan, date=today, number=expected_number).first()
        if taken is not None and taken.status != VisitStatus.WAITING:
            raise _stale(taken)
        raise StaleVisitAction(_("The queue has changed. Reload the list to see it."), code="stale")
    if waiting is None:
        raise ValidationError(_("No one is waiting."), code="empty")
    waiting.status = VisitStatus.CALLED
    waiting.called_at = timezone.now()
    waiting.called_by = by
    waiting.save(update_fields=["status", "called_at", "called_by"])
    _audit(waiting, "call", by, number=waiting.number)
    return waiting


def _locked_booking(booking, by, expected_status: str) -> VisitBooking:
    locked = (
        VisitBooking.objects.select_for_update(of=("self",))
        .select_related("kecamatan", "application", "called_by", "closed_by")
        .get(pk=booking.pk)
    )
    if not user_may_act_at(by, locked.kecamatan_id):
        raise PermissionDenied
    if locked.status != expected_status:
        raise _stale(locked)
    if locked.status != VisitStatus.CALLED:
        raise ValidationError(_("Only a called visit can be closed."), code="not_called")
    return locked


@transaction.atomic
def visit_activate(*, booking, by, expected_status: str = VisitStatus.CALLED) -> VisitBooking:
    """The QR code was scanned and the IKD activated: close the visit and hand the application over."""
    locked = _locked_booking(booking, by, expected_status)
    application_transition(
        application=locked.application, action="ikd_activate", by=by, expected_status=ApplicationStatus.SUBMITTED
    )
    locked.status = VisitStatus.ACTIVATED
    locked.closed_at = timezone.now()
    locked.closed_by = by
    locked.save(update_fields=["status", "closed_at", "closed_by"])
    _audit(locked, "activate", by)
    return locked


@transaction.atomic
def visit_not_complete(
    *, booking, by, reason: str, note: str = "", expected_status: str = VisitStatus.CALLED
) -> VisitBooking:
    """The visit ended without activation, with the reason; the application keeps waiting so the citizen can rebook."""
    if reason not in COUNTER_REASONS:
        raise ValidationError(_("Choose why the visit was not completed."), code="no_reason")
    note = note.strip()
    if reason == NotCompletedReason.OTHER and not note:
        raise ValidationError(_("Describe the reason in the note."), code="no_note")
    locked = _locked_booking(booking, by, expected_status)
    locked.status = VisitStatus.NOT_COMPLETED
    locked.reason = reason
    locked.note = note
    locked.closed_at = timezone.now()
    locked.closed_by = by
    locked.save(update_fields=["status", "reason", "note", "closed_at", "closed_by"])
    _audit(locked, "not_complete", by, reason=reason)
    transaction.on_commit(lambda: notify_visit_not_completed(booking=locked))
    return locked


@transaction.atomic
def visit_day_close(*, closed_day, by) -> list[VisitBooking]:
    """Cancel the visits still booked on a day the office has just closed; each citizen is told and may rebook.

    Takes the day's lock first, so a booking waiting for it sees the closed day and is refused.
    """
    _locked_day(closed_day.kecamatan, closed_day.date)
    bookings = VisitBooking.objects.select_for_update(of=("self",)).filter(
        kecamatan=closed_day.kecamatan, date=closed_day.date, status__in=OPEN_STATUSES
    )
    now = timezone.now()
    cancelled = []
    for booking in bookings.select_related("application", "kecamatan").order_by("number"):
        booking.status = VisitStatus.NOT_COMPLETED
        booking.reason = NotCompletedReason.OFFICE_CLOSED
        booking.note = closed_day.reason
        booking.closed_at = now
        booking.closed_by = by
        booking.save(update_fields=["status", "reason", "note", "closed_at", "closed_by"])
        _audit(booking, "office_closed", by, reason=closed_day.reason)
        cancelled.append(booking)
    if cancelled:
        transaction.on_commit(lambda: [notify_visit_cancelled(booking=booking) for booking in cancelled])
    return cancelled
