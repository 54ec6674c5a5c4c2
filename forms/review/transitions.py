"""The SOP's moves on an application, written once as data in forms.constants.TRANSITIONS and made here."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from forms.constants import (
    SOP_STEP_MINUTES,
    TRANSITIONS,
    TRANSITIONS_BY_ACTION,
    ApplicationStatus,
    Channel,
    Transition,
)
from forms.intake.timeline import status_change_record
from forms.intake.validators import validate_visible_text
from forms.models import Application, ReturnReason
from forms.office.roles import user_roles
from forms.office.scope import office_scope


class StaleTransition(ValidationError):
    """Someone else moved the application first; nothing was changed."""


def allowed_transitions(*, application, user) -> list[Transition]:
    """Exactly the moves this user may make on this application now."""
    if not office_scope(user).allows(application.kecamatan_id):
        return []
    roles = user_roles(user)
    return [
        t
        for t in TRANSITIONS
        if application.status in t.sources
        and application.processing in t.tracks
        and t.role in roles
        and not (t.online_only and application.channel == Channel.COUNTER)
    ]


def transition_standard_minutes(transition: Transition, sop_minutes: Mapping[int, int]) -> int:
    """A move's standard minutes: the sum of its steps' minutes in the standard's published SOP (step number to
    minutes); the seeded SOP's minutes stand in only for a step that SOP does not time."""
    return sum(sop_minutes.get(step, SOP_STEP_MINUTES[step]) for step in transition.sop_steps)


@transaction.atomic
def application_open(*, application, by) -> Application:
    """An officer who may act on the application opened it: its current step's waiting time ends now, once."""
    if application.step_opened_at is None and allowed_transitions(application=application, user=by):
        opened_at = timezone.now()
        # Only the first opening of this very step: a later one, or a step that moved meanwhile, changes nothing.
        opened = Application.objects.filter(
            pk=application.pk, status=application.status, step_opened_at__isnull=True
        ).update(step_opened_at=opened_at)
        if opened:
            application.step_opened_at = opened_at
    return application


@transaction.atomic
def application_transition(
    *,
    application,
    action: str,
    by,
    expected_status: str,
    note: str = "",
    reasons: list[tuple[str, str]] | None = None,
    siak_reference: str = "",
) -> Application:
    """Make one SOP step: check role and kecamatan, refuse a stale action, record, audit and notify."""
    transition = TRANSITIONS_BY_ACTION.get(action)
    if transition is None:
        raise ValidationError(_("Unknown action."), code="unknown_action")
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if not office_scope(by).allows(locked.kecamatan_id) or transition.role not in user_roles(by):
        raise PermissionDenied
    if locked.status != expected_status:
        raise StaleTransition(
            _("Someone else has already moved this application to “%(status)s”. Reload the page to see it."),
            code="stale",
            params={"status": locked.get_status_display()},
        )
    if (
        locked.status not in transition.sources
        or locked.processing not in transition.tracks
        or (transition.online_only and locked.channel == Channel.COUNTER)
    ):
        raise ValidationError(_("This step is not possible for this application now."), code="not_allowed")
    if transition.needs_reasons and not reasons:
        raise ValidationError(_("Give at least one reason, for the requirement that failed."), code="no_reasons")
    # The note and reasons reach the citizen's timeline and e-mail: nothing hidden or reordered in them.
    for text in [note, siak_reference, *(reason for _name, reason in reasons or [])]:
        validate_visible_text(text)
    if transition.needs_note and not note.strip():
        raise ValidationError(_("Give the reason."), code="no_note")
    if transition.needs_siak_reference:
        if not siak_reference.strip():
            raise ValidationError(_("Enter the SIAK reference of the entry."), code="no_siak_reference")
        locked.siak_reference = siak_reference.strip()
        locked.save(update_fields=["siak_reference", "updated_at"])
    change = status_change_record(
        locked,
        to_status=transition.target,
        by=by,
        note=note,
        sop_step=transition.sop_steps[-1] if transition.sop_steps else None,
        opened_at=locked.step_opened_at,
    )
    if reasons:
        form_fields = {field.clean_name: field for field in locked.page.specific.get_form_fields()}
        ReturnReason.objects.bulk_create(
            ReturnReason(
                status_change=change,
                field_name=name,
                requirement=(form_fields[name].requirement or form_fields[name].label) if name in form_fields else name,
                reason=reason,
            )
            for name, reason in reasons
        )
    log(
        instance=locked,
        action=f"intake.{transition.action}",
        user=by,
        data={"from": expected_status, "to": transition.target, "sop_steps": list(transition.sop_steps)},
    )
    return locked


def application_return(*, application, by, reasons: list[tuple[str, str]]) -> Application:
    """Send the application back to the citizen with one reason per failed requirement (SOP steps 7-9)."""
    return application_transition(
        application=application, action="return", by=by, expected_status=ApplicationStatus.SUBMITTED, reasons=reasons
    )
