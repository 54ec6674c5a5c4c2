"""Cases have an owner: an officer takes one, a head of unit assigns it, its holder hands it back; each move checks
role and kecamatan, is audited, and the SOP step clock works from the take."""

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from forms.constants import ApplicationStatus
from forms.models import StatusChange
from forms.review.holding import CaseHeldByAnother, case_assign, case_hand_back, case_take
from forms.review.transitions import application_open, application_transition

from ..dispatch.conftest import counter_application
from ..helpers import make_staff, office_staff
from ..intake.digital_service import wita

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def staff(seeded):
    return office_staff()


@pytest.fixture
def accepted(staff):
    """A walk-in KTP-el at Balikpapan Kota, its requirements met: the operator's SIAK entry is next."""
    with time_machine.travel(wita(2026, 1, 5, 8, 0), tick=False):
        return counter_application(staff["operator"])


def _actions(application):
    return list(
        ModelLogEntry.objects.filter(object_id=str(application.pk), action__startswith="intake.case_")
        .order_by("pk")
        .values_list("action", "user__username", "data")
    )


def test_an_officer_takes_a_case_and_its_step_works_from_the_take_not_from_an_earlier_look(accepted, staff):
    operator = staff["operator"]
    with time_machine.travel(wita(2026, 1, 5, 8, 30), tick=False):
        application_open(application=accepted, by=operator)  # a look, before anyone took it
    with time_machine.travel(wita(2026, 1, 5, 9, 0), tick=False):
        taken = case_take(application=accepted, by=operator)
    assert (taken.holder, taken.held_since) == (operator, wita(2026, 1, 5, 9, 0))
    with time_machine.travel(wita(2026, 1, 5, 9, 30), tick=False):
        moved = application_transition(
            application=taken, action="enter_siak", by=operator, expected_status=S.ACCEPTED, siak_reference="S-1"
        )
    step = StatusChange.objects.filter(application=accepted).latest("pk")
    assert (step.opened_at, step.waiting_minutes, step.working_minutes) == (wita(2026, 1, 5, 9, 0), 60, 30)
    # The approval of printing is the Verifikator's: the operator lets go, and the next step waits unopened.
    assert (moved.holder, moved.held_since, moved.step_opened_at) == (None, None, None)
    assert _actions(accepted) == [("intake.case_take", "op.kota", {"holder": operator.pk})]


def test_a_holder_keeps_the_case_for_their_own_next_step_which_is_worked_from_the_move(staff):
    with time_machine.travel(wita(2026, 1, 5, 8, 0), tick=False):
        application = counter_application(staff["operator"])
        # A verifier holds a SIAK-entered card for the approval; after it the operator prints: released.
        application = application_transition(
            application=application,
            action="enter_siak",
            by=staff["operator"],
            expected_status=S.ACCEPTED,
            siak_reference="S-2",
        )
        taken = case_take(application=application, by=staff["verifier"])
    with time_machine.travel(wita(2026, 1, 5, 10, 0), tick=False):
        approved = application_transition(
            application=taken, action="approve_print", by=staff["verifier"], expected_status=S.SIAK_ENTERED
        )
    assert approved.holder is None

    # An operator who accepts a submitted case keeps it for the SIAK entry that follows, worked on from then.
    with time_machine.travel(wita(2026, 1, 6, 8, 0), tick=False):
        second = counter_application(staff["operator"])
        second.status = S.SUBMITTED  # as an online case arrives
        second.save(update_fields=["status"])
        case_take(application=second, by=staff["operator"])
    with time_machine.travel(wita(2026, 1, 6, 8, 20), tick=False):
        accepted = application_transition(
            application=second, action="accept", by=staff["operator"], expected_status=S.SUBMITTED
        )
    assert (accepted.holder, accepted.step_opened_at) == (staff["operator"], wita(2026, 1, 6, 8, 20))


def test_only_an_officer_who_may_make_the_step_there_may_take_it(accepted, staff):
    for name in ("operator_elsewhere", "verifier", "section_head", "siak_admin", "head_of_office", "editor"):
        with pytest.raises(PermissionDenied):
            case_take(application=accepted, by=staff[name])
    accepted.refresh_from_db()
    assert accepted.holder is None and _actions(accepted) == []


def test_a_case_someone_holds_is_not_taken_from_them_but_a_head_of_unit_may_reassign_it(
    accepted, staff, django_capture_on_commit_callbacks
):
    first = office_staff_second_operator()
    case_take(application=accepted, by=staff["operator"])
    with pytest.raises(CaseHeldByAnother) as refused:
        case_take(application=accepted, by=first)
    assert "op.kota" in " ".join(refused.value.messages)
    with pytest.raises(CaseHeldByAnother):
        case_assign(application=accepted, to=first, by=staff["section_head"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moved = case_assign(application=accepted, to=first, by=staff["section_head"], reassign=True)
    assert moved.holder == first
    assert _actions(accepted)[-1] == (
        "intake.case_assign",
        "kasatker",
        {"holder": first.pk, "previous_holder": staff["operator"].pk},
    )
    assert [m.to for m in mail.outbox] == [[first.email]]
    assert mail.outbox[0].subject == f"Kasus {accepted.tracking_number} ditugaskan kepada Anda"
    assert "kasatker menugaskan kasus" in mail.outbox[0].body and "/admin/permohonan/review/" in mail.outbox[0].body


def office_staff_second_operator():
    """A second operator at the same office."""
    return make_staff("op.kota.dua", "Operator", "Balikpapan Kota", first_name="Dewi")


def test_assignment_is_the_head_of_units_and_only_to_an_officer_of_the_next_step_in_scope(accepted, staff):
    for name in ("operator", "verifier", "head_of_office", "siak_admin"):
        with pytest.raises(PermissionDenied):
            case_assign(application=accepted, to=staff["operator"], by=staff[name])
    for officer in ("operator_elsewhere", "verifier", "editor"):
        with pytest.raises(ValidationError) as refused:
            case_assign(application=accepted, to=staff[officer], by=staff["section_head"])
        assert refused.value.code == "wrong_officer"
    accepted.refresh_from_db()
    assert accepted.holder is None and mail.outbox == []


def test_the_holder_hands_the_case_back_and_it_waits_again(accepted, staff):
    case_assign(application=accepted, to=staff["operator"], by=staff["section_head"])
    with pytest.raises(PermissionDenied):
        case_hand_back(application=accepted, by=office_staff_second_operator())
    back = case_hand_back(application=accepted, by=staff["operator"], note="Cuti siang ini")
    assert (back.holder, back.held_since, back.step_opened_at) == (None, None, None)
    assert _actions(accepted)[-1] == (
        "intake.case_hand_back",
        "op.kota",
        {"holder": staff["operator"].pk, "note": "Cuti siang ini"},
    )
    with pytest.raises(ValidationError):
        case_hand_back(application=accepted, by=staff["operator"])


def test_a_case_that_left_the_office_cannot_be_taken(staff):
    application = counter_application(staff["operator"])
    application_transition(
        application=application, action="reject", by=staff["verifier"], expected_status=S.ACCEPTED, note="Ganda"
    )
    with pytest.raises(ValidationError) as refused:
        case_take(application=application, by=staff["verifier"])
    assert refused.value.code == "closed"
