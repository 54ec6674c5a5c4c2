"""Staff work complaints in Wagtail's admin: scoped by kecamatan, each role its own actions, every step audited."""

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forms.complaints.models import Complaint
from forms.complaints.services import (
    allowed_actions,
    complaint_assign,
    complaint_close,
    complaint_record,
    complaint_respond,
    complaint_start,
    complaints_escalate_overdue,
)

from .conftest import as_user, kecamatan
from .helpers import new_complaint, wita

pytestmark = pytest.mark.django_db
ADMIN = "/admin/pengaduan/"


@pytest.fixture
def complaint(staff):
    return new_complaint()


@pytest.fixture
def elsewhere(staff):
    return new_complaint(place="Balikpapan Utara", message="Keluhan di Utara.")


def _call(action, complaint, user):
    if action == "start":
        return complaint_start(complaint=complaint, by=user)
    if action == "assign":
        return complaint_assign(complaint=complaint, by=user, tier=complaint.tier)
    if action == "respond":
        return complaint_respond(complaint=complaint, by=user, response="Tanggapan.")
    return complaint_close(complaint=complaint, by=user)


# Who may take each action, at each tier (escalation moves the complaint to leadership).
EXPECTED = {
    "supervisor": {"section_head", "head_of_office"},
    "leadership": {"head_of_office"},
}


@pytest.mark.parametrize("tier", ["supervisor", "leadership"])
@pytest.mark.parametrize("action", ["start", "assign", "respond", "close"])
def test_each_role_may_take_exactly_its_actions(staff, tier, action):
    for name, user in staff.items():
        complaint = new_complaint()
        if tier == "leadership":
            Complaint.objects.filter(pk=complaint.pk).update(tier="leadership")
        if action == "close":
            Complaint.objects.filter(pk=complaint.pk).update(status="answered")
        complaint.refresh_from_db()
        before = (complaint.status, complaint.tier, complaint.events.count())
        if name in EXPECTED[tier]:
            assert action in [a.action for a in allowed_actions(complaint=complaint, user=user)], name
            _call(action, complaint, user)
            assert complaint.events.count() == before[2] + 1
            assert ModelLogEntry.objects.filter(action=f"complaints.{action}", user=user).exists()
        else:
            assert allowed_actions(complaint=complaint, user=user) == [], name
            with pytest.raises(PermissionDenied):
                _call(action, complaint, user)
            complaint.refresh_from_db()
            assert (complaint.status, complaint.tier, complaint.events.count()) == before, name


def test_operator_sees_only_their_own_kecamatans_complaints(staff, complaint, elsewhere):
    body = as_user(staff["operator"]).get(ADMIN).content.decode()
    assert complaint.tracking_number in body and elsewhere.tracking_number not in body
    assert as_user(staff["operator"]).get(f"{ADMIN}detail/{complaint.pk}/").status_code == 200
    city_wide = as_user(staff["verifier"]).get(ADMIN).content.decode()
    assert complaint.tracking_number in city_wide and elsewhere.tracking_number in city_wide


@pytest.mark.parametrize("suffix", ["detail/{pk}/", "detail/{pk}/attachment/"])
def test_operator_of_another_kecamatan_gets_404(staff, complaint, suffix):
    response = as_user(staff["operator_elsewhere"]).get(ADMIN + suffix.format(pk=complaint.pk))
    assert response.status_code == 404


def test_operator_of_another_kecamatan_cannot_act_even_with_a_forged_post(staff, complaint):
    client = as_user(staff["operator_elsewhere"])
    response = client.post(
        f"{ADMIN}detail/{complaint.pk}/",
        {"action": "respond", "expected_status": "received", "respond-response": "Palsu."},
    )
    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == "received" and complaint.events.count() == 1


def test_own_operator_sees_but_cannot_respond_through_the_admin(staff, complaint):
    client = as_user(staff["operator"])
    body = client.get(f"{ADMIN}detail/{complaint.pk}/").content.decode()
    assert complaint.message in body and 'name="action"' not in body
    response = client.post(
        f"{ADMIN}detail/{complaint.pk}/",
        {"action": "respond", "expected_status": "received", "respond-response": "Saya jawab sendiri."},
    )
    assert response.status_code in (302, 403)  # Wagtail answers PermissionDenied with a redirect and a message
    complaint.refresh_from_db()
    assert complaint.status == "received" and complaint.events.count() == 1


def test_citizens_and_content_editors_cannot_open_complaints(staff, complaint, citizen):
    assert as_user(citizen).get(ADMIN).status_code in (302, 403)
    editor = as_user(staff["editor"])
    assert editor.get(ADMIN).status_code in (302, 403)
    assert editor.get(f"{ADMIN}detail/{complaint.pk}/").status_code in (302, 403)
    assert editor.get(f"{ADMIN}new/").status_code in (302, 403)


def test_section_head_responds_in_the_admin_and_the_complainant_is_emailed(
    staff, complaint, django_capture_on_commit_callbacks
):
    client = as_user(staff["section_head"])
    page = client.get(f"{ADMIN}detail/{complaint.pk}/").content.decode()
    assert "Kirim tanggapan" in page and complaint.message in page and complaint.nik in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{ADMIN}detail/{complaint.pk}/",
            {"action": "respond", "expected_status": "received", "respond-response": "Sudah kami perbaiki."},
            follow=True,
        )
    assert "Selesai: Kirim tanggapan." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == "answered" and complaint.first_response_at is not None
    assert [message.to for message in mail.outbox] == [["ani.warga@example.org"]]
    log = ModelLogEntry.objects.get(action="complaints.respond")
    assert log.user == staff["section_head"] and log.data["from"] == "received" and log.data["to"] == "answered"
    # Staff can tell the complainant when the answer went out, as on an application's case page.
    page = client.get(f"{ADMIN}detail/{complaint.pk}/").content.decode()
    sent = page.split("Pesan tentang pengaduan ini")[1].split("</table>")[0]
    assert "Pengaduan dijawab" in sent and "an*******@example.org" in sent and "Terkirim" in sent


def test_an_empty_response_is_refused_on_the_field(staff, complaint):
    body = (
        as_user(staff["section_head"])
        .post(
            f"{ADMIN}detail/{complaint.pk}/",
            {"action": "respond", "expected_status": "received", "respond-response": ""},
        )
        .content.decode()
    )
    assert "harus diisi" in body and 'aria-invalid="true"' in body and 'id="id_respond-response_error"' in body
    complaint.refresh_from_db()
    assert complaint.status == "received"


def test_a_stale_button_press_is_told_and_changes_nothing(staff, complaint):
    client = as_user(staff["section_head"])
    client.post(f"{ADMIN}detail/{complaint.pk}/", {"action": "start", "expected_status": "received"})
    response = client.post(
        f"{ADMIN}detail/{complaint.pk}/", {"action": "start", "expected_status": "received"}, follow=True
    )
    assert "Petugas lain sudah mengubah pengaduan ini" in response.content.decode()
    assert complaint.events.count() == 2


def test_close_only_after_an_answer_and_the_history_shows_every_step(staff, complaint):
    head = staff["section_head"]
    with pytest.raises(ValidationError):
        complaint_close(complaint=complaint, by=head)
    complaint_start(complaint=complaint, by=head)
    complaint_respond(complaint=complaint, by=head, response="Jawaban.")
    complaint_close(complaint=complaint, by=head, note="Pengadu puas.")
    complaint.refresh_from_db()
    assert complaint.status == "closed" and complaint.closed_at is not None
    body = as_user(staff["verifier"]).get(f"{ADMIN}detail/{complaint.pk}/").content.decode()
    for text in ("Dikirim melalui formulir web", "Ditandai sedang ditangani", "Tanggapan dikirim", "Pengadu puas."):
        assert text in body


def test_assigning_to_a_person_and_raising_to_leadership(staff, complaint, django_capture_on_commit_callbacks):
    head = staff["section_head"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint_assign(complaint=complaint, by=head, tier="leadership", assignee=staff["head_of_office"])
    complaint.refresh_from_db()
    assert complaint.tier == "leadership" and complaint.assigned_to == staff["head_of_office"]
    assert complaint.escalated_at is not None
    assert [message.to for message in mail.outbox] == [["kadis@example.org"]]
    # Raised by hand: the automatic escalation leaves it alone, even after leadership sends it back.
    complaint_assign(complaint=complaint, by=staff["head_of_office"], tier="supervisor")
    complaints_escalate_overdue(now=timezone.now() + timezone.timedelta(days=30))
    complaint.refresh_from_db()
    assert complaint.tier == "supervisor" and not complaint.events.filter(kind="escalated").exists()


def test_only_a_member_of_the_chosen_level_can_be_assigned(staff, complaint):
    with pytest.raises(ValidationError):
        complaint_assign(complaint=complaint, by=staff["section_head"], tier="supervisor", assignee=staff["operator"])


def test_staff_record_a_whatsapp_message_for_their_own_kecamatan_only(staff):
    client = as_user(staff["operator"])
    form = client.get(f"{ADMIN}new/").content.decode()
    assert "Balikpapan Kota" in form and "Balikpapan Utara" not in form
    data = {
        "channel": "whatsapp",
        "received_at": "2026-08-10T09:30",
        "category": "masukan",
        "kecamatan": str(kecamatan().pk),
        "message": "Pesan WA: mohon tambah kursi.",
        "name": "Pak Joko",
        "mobile": "0813-1111-2222",
    }
    with time_machine.travel(wita(2026, 8, 10, 11, 0), tick=False):
        response = client.post(f"{ADMIN}new/", data)
        refused = client.post(f"{ADMIN}new/", {**data, "kecamatan": str(kecamatan("Balikpapan Utara").pk)})
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{ADMIN}detail/{complaint.pk}/"
    assert complaint.channel == "whatsapp" and complaint.recorded_by == staff["operator"]
    assert complaint.received_at == wita(2026, 8, 10, 9, 30) and complaint.escalation_due_at == wita(2026, 8, 13, 16, 0)
    assert complaint.mobile == "+6281311112222" and complaint.tier == "supervisor"
    assert refused.status_code == 200 and "pilihan yang valid" in refused.content.decode()
    assert ModelLogEntry.objects.filter(action="complaints.record", user=staff["operator"]).count() == 1
    with pytest.raises(PermissionDenied):
        complaint_record(
            by=staff["operator"],
            channel="email",
            received_at=timezone.now(),
            category="saran",
            kecamatan=kecamatan("Balikpapan Utara"),
            message="x",
        )


@pytest.mark.parametrize("role", ["verifier", "siak_admin", "editor"])
def test_roles_that_do_not_take_complaints_cannot_record_them(staff, role):
    assert as_user(staff[role]).get(f"{ADMIN}new/").status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        complaint_record(
            by=staff[role], channel="email", received_at=timezone.now(), category="saran", kecamatan=None, message="x"
        )


def test_the_web_form_channel_and_future_dates_cannot_be_recorded_by_staff(staff):
    for channel, received in (("web_form", timezone.now()), ("email", timezone.now() + timezone.timedelta(days=1))):
        with pytest.raises(ValidationError):
            complaint_record(
                by=staff["section_head"],
                channel=channel,
                received_at=received,
                category="saran",
                kecamatan=None,
                message="x",
            )


def test_listing_filters_by_status_tier_category_channel_kecamatan_and_overdue(staff):
    old = new_complaint(wita(2026, 8, 3, 9, 0), category="saran")
    complaints_escalate_overdue(now=wita(2026, 8, 7, 9, 0))
    fresh = new_complaint(category="masukan", place="Balikpapan Utara")
    answered = new_complaint()
    complaint_respond(complaint=answered, by=staff["section_head"], response="Ok.")
    whatsapp = complaint_record(
        by=staff["section_head"],
        channel="whatsapp",
        received_at=timezone.now(),
        category="pengaduan",
        kecamatan=kecamatan(),
        message="WA",
    )
    client = as_user(staff["head_of_office"])
    cases = {
        "status=answered": {answered},
        "tier=leadership": {old},
        "category=saran": {old},
        "category=masukan": {fresh},
        "channel=whatsapp": {whatsapp},
        f"kecamatan={kecamatan('Balikpapan Utara').pk}": {fresh},
        "overdue=true": {old},
    }
    everyone = {old, fresh, answered, whatsapp}
    for query, expected in cases.items():
        body = client.get(f"{ADMIN}?{query}").content.decode()
        shown = {c for c in everyone if c.tracking_number in body}
        assert shown == expected, query


def test_dashboard_panel_counts_open_escalated_and_overdue_in_scope(staff):
    new_complaint(wita(2026, 8, 3, 9, 0))
    complaints_escalate_overdue(now=wita(2026, 8, 7, 9, 0))
    new_complaint()
    new_complaint(place="Balikpapan Utara")
    operator = as_user(staff["operator"]).get("/admin/").content.decode()
    panel = operator[operator.index('id="complaint-panel-heading"') :]
    cells = [int(n) for n in __import__("re").findall(r"<td>(\d+)</td>", panel)[:3]]
    assert cells == [2, 1, 1]
    city = as_user(staff["head_of_office"]).get("/admin/").content.decode()
    panel = city[city.index('id="complaint-panel-heading"') :]
    assert [int(n) for n in __import__("re").findall(r"<td>(\d+)</td>", panel)[:3]] == [3, 1, 1]
    editor = as_user(staff["editor"]).get("/admin/")
    assert editor.status_code != 200 or b"complaint-panel-heading" not in editor.content


def test_exports_are_audited_and_scoped(staff, complaint, elsewhere):
    response = as_user(staff["operator"]).get(f"{ADMIN}?export=csv")
    content = b"".join(response.streaming_content).decode()
    assert complaint.tracking_number in content and elsewhere.tracking_number not in content
    assert complaint.nik not in content
    assert ModelLogEntry.objects.filter(action="complaints.export", user=staff["operator"]).exists()


def test_the_listing_takes_the_same_number_of_queries_for_more_complaints(staff):
    client = as_user(staff["head_of_office"])
    for _ in range(2):
        new_complaint()
    client.get(ADMIN)
    with CaptureQueriesContext(connection) as few:
        client.get(ADMIN)
    for place in ("Balikpapan Utara", "Balikpapan Barat", "Balikpapan Timur", "Balikpapan Kota", "Balikpapan Kota"):
        new_complaint(place=place)
    with CaptureQueriesContext(connection) as more:
        client.get(ADMIN)
    assert len(more.captured_queries) == len(few.captured_queries)
