"""Who has a case: an officer takes it, a head of unit assigns it, its holder hands it back to the queue.

A held case's current step is worked on from the moment it was taken (``step_opened_at``), so the SOP step clock
counts the time before as waiting; a case handed back waits again until the next take or opening. When the case
moves on, forms.intake.timeline keeps or releases the holder.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from forms.constants import FINAL_STATUSES, TRANSITIONS, StaffRole
from forms.intake.validators import validate_visible_text
from forms.messaging.messenger import message_send_staff
from forms.models import Application
from forms.office.roles import user_roles
from forms.office.scope import office_scope

from .messages import CASE_ASSIGNED
from .transitions import allowed_transitions

# Lampiran I: the head of the implementing unit supervises the officers, so they hand out the work.
ASSIGNING_ROLES = frozenset({StaffRole.SECTION_HEAD})
# The roles that make a forward step somewhere, so may hold a case.
HOLDING_ROLES = frozenset(t.role for t in TRANSITIONS if t.forward)


class CaseHeldByAnother(ValidationError):
    """Another officer holds the case; only a head of unit's explicit reassignment moves it."""


def staff_name(user) -> str:
    return user.get_full_name() or user.get_username()


def held_notice(application) -> str:
    """Who holds the case and since when, as the review page and a refusal say it."""
    since = date_format(timezone.localtime(application.held_since), "j F Y H:i")
    return _("%(holder)s has held this case since %(since)s WITA.") % {
        "holder": staff_name(application.holder),
        "since": since,
    }


def may_assign(user) -> bool:
    return bool(user_roles(user) & ASSIGNING_ROLES)


def may_hold(*, application, user) -> bool:
    """Whether `user` may hold the case now: it is still the office's, and its next step is theirs to make."""
    if application.status in FINAL_STATUSES:
        return False
    return any(t.forward for t in allowed_transitions(application=application, user=user))


def assignable_officers():
    """The active officers of the roles that work cases, by name: whom a head of unit may pick from."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=sorted(str(role) for role in HOLDING_ROLES))
        .select_related("staff_profile__kecamatan")
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _locked(application) -> Application:
    # No join: after waiting for another take's lock PostgreSQL re-reads the locked row, not a joined holder's row,
    # so a joined holder would still be the one before the wait. The holder is read after the lock instead.
    return Application.objects.select_for_update().get(pk=application.pk)


def _refuse_if_closed(application):
    if application.status in FINAL_STATUSES:
        raise ValidationError(
            _("This case is no longer with the office (%(status)s): nobody holds it now."),
            code="closed",
            params={"status": application.get_status_display()},
        )


def _hold(application, *, holder, by, action, data) -> Application:
    now = timezone.now()
    application.holder, application.held_since, application.step_opened_at = holder, now, now
    application.save(update_fields=["holder", "held_since", "step_opened_at", "updated_at"])
    log(instance=application, action=action, user=by, data={"holder": holder.pk, **data})
    return application


@transaction.atomic
def case_take(*, application, by) -> Application:
    """The officer takes the case from the queue: it is theirs, and its step's working time starts now."""
    locked = _locked(application)
    if not office_scope(by).allows(locked.kecamatan_id):
        raise PermissionDenied
    _refuse_if_closed(locked)
    if not may_hold(application=locked, user=by):
        raise PermissionDenied
    if locked.holder_id == by.pk:
        return locked
    if locked.holder_id is not None:
        raise CaseHeldByAnother(
            "%(notice)s %(rule)s",
            code="held",
            params={"notice": held_notice(locked), "rule": _("Only a head of unit can reassign it.")},
        )
    return _hold(locked, holder=by, by=by, action="intake.case_take", data={})


@transaction.atomic
def case_assign(*, application, to, by, reassign: bool = False) -> Application:
    """A head of unit gives the case to an officer who may make its next step there; the officer hears by e-mail.

    A case someone else holds moves only with ``reassign``: the head of unit saw who has it and chose to move it.
    """
    locked = _locked(application)
    if not may_assign(by) or not office_scope(by).allows(locked.kecamatan_id):
        raise PermissionDenied
    _refuse_if_closed(locked)
    if not to.is_active or not may_hold(application=locked, user=to):
        raise ValidationError(
            _("%(officer)s cannot make this case's next step: it is another role's, or in another kecamatan."),
            code="wrong_officer",
            params={"officer": staff_name(to)},
        )
    if locked.holder_id == to.pk:
        return locked
    previous = locked.holder
    if previous is not None and not reassign:
        raise CaseHeldByAnother(
            "%(notice)s %(rule)s",
            code="held",
            params={"notice": held_notice(locked), "rule": _("Choose to reassign it to move it.")},
        )
    _hold(
        locked,
        holder=to,
        by=by,
        action="intake.case_assign",
        data={"previous_holder": previous.pk if previous else None},
    )
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("intake_application:review", args=[locked.pk])
    context = {"application": locked, "officer": to, "assigned_by": staff_name(by), "review_url": review_url}
    message_send_staff(kind=CASE_ASSIGNED.key, emails=[to.email], context=context, about=locked)
    return locked


@transaction.atomic
def case_hand_back(*, application, by, note: str = "") -> Application:
    """The holder (or a head of unit) puts the case back in the shared queue, where its step waits again."""
    locked = _locked(application)
    if not office_scope(by).allows(locked.kecamatan_id):
        raise PermissionDenied
    if locked.holder_id is None:
        raise ValidationError(_("Nobody holds this case."), code="not_held")
    if locked.holder_id != by.pk and not may_assign(by):
        raise PermissionDenied
    validate_visible_text(note)
    previous = locked.holder
    locked.holder, locked.held_since, locked.step_opened_at = None, None, None
    locked.save(update_fields=["holder", "held_since", "step_opened_at", "updated_at"])
    log(instance=locked, action="intake.case_hand_back", user=by, data={"holder": previous.pk, "note": note.strip()})
    return locked
