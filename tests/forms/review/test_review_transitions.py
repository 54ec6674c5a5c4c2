"""The SOP as a state machine: each step by its role only, scoped to the kecamatan, never stale, always audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from wagtail.models import ModelLogEntry

from forms.constants import TRANSITIONS, ApplicationStatus, Processing
from forms.models import Application
from forms.review.transitions import StaleTransition, allowed_transitions, application_transition
from services.models import DecreePage

from ..helpers import lost_card_form, lost_card_post, office_staff, tracking_from

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def staff(seeded):
    return office_staff()


@pytest.fixture
def application(citizen):
    client = Client()
    client.force_login(citizen)
    return Application.objects.get(tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post())))


def _step(application, action, by, **kwargs):
    return application_transition(
        application=application, action=action, by=by, expected_status=application.status, **kwargs
    )


def _everyone_else_is_refused(application, action, allowed, staff, **kwargs):
    for name, user in staff.items():
        if name == allowed:
            continue
        before = (application.status, application.history.count())
        with pytest.raises(PermissionDenied):
            _step(application, action, user, **kwargs)
        application.refresh_from_db()
        assert (application.status, application.history.count()) == before, name


def test_online_ktp_el_replacement_goes_the_whole_path_each_step_by_its_role(application, staff, citizen):
    _everyone_else_is_refused(application, "return", "operator", staff, reasons=[("nik", "NIK tidak sesuai KK.")])
    application = _step(application, "return", staff["operator"], reasons=[("nomor_kk", "Nomor KK tidak terbaca.")])
    assert application.status == S.RETURNED

    client = Client()
    client.force_login(citizen)
    client.post(f"/permohonan/{application.tracking_number}/perbaiki/", {"nomor_kk": "6471060101100007"})
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.version == 2

    for action, role, kwargs, target in [
        ("accept", "operator", {}, S.ACCEPTED),
        ("enter_siak", "operator", {"siak_reference": "SIAK-6471-000123"}, S.SIAK_ENTERED),
        ("approve_print", "verifier", {}, S.PRINT_APPROVED),
    ]:
        _everyone_else_is_refused(application, action, role, staff, **kwargs)
        application = _step(application, action, staff[role], **kwargs)
        assert application.status == target
    assert application.siak_reference == "SIAK-6471-000123"
    steps = list(application.history.values_list("to_status", "sop_step"))
    assert steps == [
        ("submitted", None),
        ("returned", 9),
        ("submitted", None),
        ("accepted", 9),
        ("siak_entered", 10),
        ("print_approved", 11),
    ]


def test_a_ktp_el_is_never_certified(application, staff):
    for action, role, kwargs in [("accept", "operator", {}), ("enter_siak", "operator", {"siak_reference": "R1"})]:
        application = _step(application, action, staff[role], **kwargs)
    with pytest.raises(ValidationError):
        _step(application, "request_certification", staff["verifier"])


def test_a_digital_document_is_certified_by_the_head_of_office_then_sent_and_archived(application, staff):
    Application.objects.filter(pk=application.pk).update(processing=Processing.DIGITAL)
    application.refresh_from_db()
    application = _step(application, "accept", staff["operator"])
    application = _step(application, "enter_siak", staff["operator"], siak_reference="R2")
    _everyone_else_is_refused(application, "request_certification", "verifier", staff)
    application = _step(application, "request_certification", staff["verifier"])
    _everyone_else_is_refused(application, "certify", "head_of_office", staff)
    application = _step(application, "certify", staff["head_of_office"])
    application = _step(application, "send", staff["operator"])
    application = _step(application, "archive", staff["operator"])
    assert application.status == S.ARCHIVED


def test_operator_of_another_kecamatan_can_do_nothing(application, staff):
    assert allowed_transitions(application=application, user=staff["operator_elsewhere"]) == []
    with pytest.raises(PermissionDenied):
        _step(application, "accept", staff["operator_elsewhere"])


def test_the_buttons_offered_are_exactly_the_allowed_moves(application, staff):
    actions = {t.action for t in allowed_transitions(application=application, user=staff["operator"])}
    assert actions == {"return", "accept"}
    assert {t.action for t in allowed_transitions(application=application, user=staff["verifier"])} == {"reject"}
    assert allowed_transitions(application=application, user=staff["section_head"]) == []


def test_a_stale_action_is_refused_and_changes_nothing(application, staff):
    seen_status = application.status
    _step(application, "accept", staff["operator"])
    with pytest.raises(StaleTransition) as error:
        application_transition(
            application=application,
            action="return",
            by=staff["operator"],
            expected_status=seen_status,
            reasons=[("nik", "x")],
        )
    assert "Persyaratan sesuai" in " ".join(error.value.messages)
    application.refresh_from_db()
    assert application.status == S.ACCEPTED and application.history.count() == 2


def test_reject_needs_a_reason_and_is_closed_after_print_approval(application, staff):
    with pytest.raises(ValidationError):
        _step(application, "reject", staff["verifier"], note=" ")
    application = _step(application, "reject", staff["verifier"], note="Dokumen palsu.")
    assert application.status == S.REJECTED
    assert application.history.last().note == "Dokumen palsu."


def test_every_transition_is_in_wagtails_audit_log(application, staff):
    _step(application, "accept", staff["operator"])
    entry = ModelLogEntry.objects.get(action="intake.accept", object_id=str(application.pk))
    assert entry.user == staff["operator"] and entry.data["to"] == "accepted"


def test_each_transitions_standard_minutes_are_the_sop_tables(seeded):
    sop = DecreePage.objects.get(number="188.4/22/DISDUKCAPIL/2021")
    minutes = dict(sop.sop_activities.values_list("number", "standard_minutes"))
    for transition in TRANSITIONS:
        assert transition.standard_minutes == sum(minutes[step] for step in transition.sop_steps), transition.action


def test_a_return_reason_or_note_with_a_bidi_override_is_refused_and_nothing_moves(staff, application):
    """Reasons and notes reach the citizen's timeline and e-mail as typed."""
    with pytest.raises(ValidationError) as refused:
        _step(application, "return", staff["operator"], reasons=[("nik", "NIK \u202etidak terbaca")])
    assert refused.value.code == "invisible_characters"
    with pytest.raises(ValidationError) as refused:
        _step(application, "reject", staff["verifier"], note="Ganda\u200b")
    assert refused.value.code == "invisible_characters"
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.history.count() == 1
