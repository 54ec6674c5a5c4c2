"""Batch actions in the queue: each ticked case is done as if alone (role, kecamatan, staleness), in its own
transaction, and the result says how many were done and which were refused, and why."""

import re

import pytest
from wagtail.models import ModelLogEntry

from forms.constants import ApplicationStatus
from forms.models import Application
from forms.review.batch import seen_token
from forms.review.holding import case_take
from forms.review.transitions import application_transition

from ..dispatch.conftest import counter_application
from ..helpers import make_staff, office_staff, signed_in

pytestmark = pytest.mark.django_db
S = ApplicationStatus
QUEUE = "/admin/permohonan/"
BATCH = "/admin/permohonan/tindakan-massal/"


@pytest.fixture
def staff(seeded):
    return office_staff()


def _rows(page):
    """(id, token) of every row's checkbox, as the queue drew them."""
    return dict(re.findall(r'name="seen-(\d+)" value="([^"]+)" form="queue-batch"', page))


def _post(client, action, seen, **extra):
    data = {"action": action, "case": list(seen), **{f"seen-{pk}": token for pk, token in seen.items()}, **extra}
    return client.post(BATCH, data)


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _handed_over(operator):
    application = counter_application(operator)
    Application.objects.filter(pk=application.pk).update(status=S.HANDED_OVER)
    return Application.objects.get(pk=application.pk)


def test_a_batch_item_outside_the_users_kecamatan_is_refused_and_the_others_done(staff):
    mine = [_handed_over(staff["operator"]) for _ in range(3)]
    elsewhere = _handed_over(staff["operator_elsewhere"])
    seen = {str(a.pk): seen_token(a) for a in [*mine, elsewhere]}
    response = _post(signed_in(staff["operator"]), "archive", seen)
    text = _text(response)
    assert response.status_code == 200
    assert "3 kasus selesai: Arsipkan." in text
    assert f"#{elsewhere.pk} Tidak di kecamatan Anda: tidak ada yang dilakukan." in text
    assert elsewhere.tracking_number not in text  # nothing of another office's case is shown
    assert sorted(Application.objects.filter(status=S.ARCHIVED).values_list("pk", flat=True)) == [a.pk for a in mine]
    elsewhere.refresh_from_db()
    assert elsewhere.status == S.HANDED_OVER
    # Each archived case has its own audit entry, as if archived alone.
    assert ModelLogEntry.objects.filter(action="intake.archive", user=staff["operator"]).count() == 3


def test_the_verifier_approves_printing_from_the_queue_and_a_case_changed_meanwhile_is_refused(staff):
    cases = []
    for index in range(4):
        application = counter_application(staff["operator"])
        cases.append(
            application_transition(
                application=application,
                action="enter_siak",
                by=staff["operator"],
                expected_status=S.ACCEPTED,
                siak_reference=f"S-{index}",
            )
        )
    client = signed_in(staff["verifier"])
    page = client.get(QUEUE, {"status": S.SIAK_ENTERED}).content.decode()
    seen = _rows(page)
    assert set(seen) == {str(a.pk) for a in cases}
    assert 'id="queue-batch"' in page and '<option value="approve_print">Setujui pencetakan</option>' in page

    # After the page was drawn another verifier takes one case.
    case_take(application=cases[2], by=make_staff("verif.dua", "Verifikator"))
    text = _text(_post(client, "approve_print", seen))
    assert "3 kasus selesai: Setujui pencetakan." in text
    assert "1 kasus ditolak" in text
    assert f"{cases[2].tracking_number} Diubah oleh petugas lain setelah halaman antrean Anda dimuat" in text
    statuses = dict(Application.objects.filter(pk__in=[a.pk for a in cases]).values_list("pk", "status"))
    assert [statuses[a.pk] for a in cases] == [S.PRINT_APPROVED, S.PRINT_APPROVED, S.SIAK_ENTERED, S.PRINT_APPROVED]


def test_a_batch_refuses_what_the_single_case_would_refuse_and_does_the_rest(staff):
    ready = _handed_over(staff["operator"])
    not_yet = counter_application(staff["operator"])  # requirements met, not handed over: no archive yet
    seen = {str(a.pk): seen_token(a) for a in (ready, not_yet)}
    text = _text(_post(signed_in(staff["operator"]), "archive", seen))
    assert "1 kasus selesai: Arsipkan." in text
    assert f"{not_yet.tracking_number} Langkah ini tidak dapat dilakukan untuk permohonan ini sekarang." in text


def test_a_head_of_unit_assigns_in_batch_leaving_cases_held_by_others_unless_told_to_reassign(
    staff, django_capture_on_commit_callbacks
):
    free, held = counter_application(staff["operator"]), counter_application(staff["operator"])
    colleague = make_staff("op.kota.dua", "Operator", "Balikpapan Kota", first_name="Dewi")
    case_take(application=held, by=colleague)
    held.refresh_from_db()
    client = signed_in(staff["section_head"])
    seen = {str(a.pk): seen_token(a) for a in (free, held)}
    with django_capture_on_commit_callbacks(execute=True):
        text = _text(_post(client, "assign", seen, officer=staff["operator"].pk))
    assert "1 kasus selesai: Tugaskan kepada petugas." in text
    assert f"{held.tracking_number} Dewi memegang kasus ini sejak" in text
    held.refresh_from_db()
    assert held.holder == colleague

    text = _text(_post(client, "assign", {str(held.pk): seen_token(held)}, officer=staff["operator"].pk, reassign="1"))
    assert "1 kasus selesai" in text
    held.refresh_from_db()
    assert held.holder == staff["operator"]


def test_each_role_is_offered_only_its_batch_actions_and_cannot_post_another(staff):
    counter_application(staff["operator"])
    offered = {}
    for name in ("operator", "verifier", "section_head", "siak_admin"):
        page = signed_in(staff[name]).get(QUEUE).content.decode()
        offered[name] = re.findall(r'<option value="(assign|approve_print|archive)">', page)
    assert offered == {
        "operator": ["archive"],
        "verifier": ["approve_print"],
        "section_head": ["assign"],
        "siak_admin": [],
    }
    assert 'name="case"' not in signed_in(staff["siak_admin"]).get(QUEUE).content.decode()
    ready = _handed_over(staff["operator"])
    response = _post(signed_in(staff["verifier"]), "archive", {str(ready.pk): seen_token(ready)})
    assert response.status_code in (302, 403)  # Wagtail's admin turns PermissionDenied into a redirect
    ready.refresh_from_db()
    assert ready.status == S.HANDED_OVER
