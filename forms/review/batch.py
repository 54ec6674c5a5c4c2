"""The queue's batch actions, for what is safe in bulk: assign, approve printing, archive.

Each case is done as if one by one, through the same service function as the single case, in its own transaction:
the user's role and kecamatan are checked, and a case changed since the queue was shown is refused. A refusal
leaves that case as it was and the others go on.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms.constants import StaffRole
from forms.models import Application
from forms.office.roles import user_roles

from .holding import case_assign, may_assign
from .selectors import applications_visible_to
from .transitions import application_transition


def seen_token(application) -> str:
    """What the queue row carries of the case as shown: its last change, to the microsecond."""
    return application.updated_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S.%f")


@dataclass(frozen=True)
class BatchAction:
    key: str
    label: str
    allowed: Callable[[object], bool]
    needs_officer: bool = False


def _has_role(role):
    return lambda user: role in user_roles(user)


BATCH_ACTIONS = (
    BatchAction("assign", gettext_lazy("Assign to an officer"), may_assign, needs_officer=True),
    BatchAction("approve_print", gettext_lazy("Approve printing"), _has_role(StaffRole.VERIFIER)),
    BatchAction("archive", gettext_lazy("Archive"), _has_role(StaffRole.OPERATOR)),
)
BATCH_ACTIONS_BY_KEY = {action.key: action for action in BATCH_ACTIONS}


def batch_actions_for(user) -> list[BatchAction]:
    return [action for action in BATCH_ACTIONS if action.allowed(user)]


@dataclass
class BatchOutcome:
    action: BatchAction
    done: list[Application] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (tracking number or id, reason)


class _Changed(Exception):
    pass


def _do(action: BatchAction, application, *, by, officer, reassign):
    if action.key == "assign":
        return case_assign(application=application, to=officer, by=by, reassign=reassign)
    return application_transition(application=application, action=action.key, by=by, expected_status=application.status)


def applications_batch(*, action: str, by, seen: dict[int, str], officer=None, reassign: bool = False) -> BatchOutcome:
    """Do `action` on each case in `seen` (id to the token its queue row carried), one at a time."""
    batch_action = BATCH_ACTIONS_BY_KEY[action]
    outcome = BatchOutcome(action=batch_action)
    visible = set(applications_visible_to(by).filter(pk__in=list(seen)).values_list("pk", flat=True))
    for pk, token in seen.items():
        if pk not in visible:
            # Nothing about a case outside the user's kecamatan is shown, not even its number.
            outcome.refused.append((f"#{pk}", _("Not in your kecamatan: nothing was done.")))
            continue
        label = str(pk)
        try:
            with transaction.atomic():
                locked = Application.objects.select_for_update().get(pk=pk)
                label = locked.tracking_number
                if seen_token(locked) != token:
                    raise _Changed(locked)
                outcome.done.append(_do(batch_action, locked, by=by, officer=officer, reassign=reassign))
        except _Changed as changed:
            case = changed.args[0]
            outcome.refused.append(
                (
                    label,
                    _(
                        "Changed by someone else after you loaded the queue (now “%(status)s”). Open it and check "
                        "before acting."
                    )
                    % {"status": case.get_status_display()},
                )
            )
        except PermissionDenied:
            if batch_action.key == "assign":
                reason = _("Only a head of unit assigns cases.")
            else:
                reason = _("This step is not your role's.")
            outcome.refused.append((label, reason))
        except ValidationError as error:
            outcome.refused.append((label, " ".join(error.messages)))
    return outcome
