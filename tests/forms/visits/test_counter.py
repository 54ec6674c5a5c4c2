"""The counter: call the next number, record activation or why not, by role and office, never twice, always audited."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from forms.constants import ApplicationStatus
from forms.visits.constants import NotCompletedReason, VisitStatus
from forms.visits.models import VisitBooking, VisitOffice
from forms.visits.services import StaleVisitAction, visit_activate, visit_call_next, visit_not_complete

from ..helpers import signed_in
from .conftest import WEDNESDAY, WITA, at, citizens, ikd_page, ikd_post, office

pytestmark = pytest.mark.django_db
LIST = "/admin/kunjungan-ikd/"
THURSDAY_MORNING = datetime.datetime(2026, 8, 13, 8, 30, tzinfo=WITA)


@pytest.fixture
def queue(visit_staff, wednesday):
    """Three citizens booked Balikpapan Kota and one Balikpapan Utara for Thursday; it is now Thursday morning."""
    people = citizens(4)
    for person, kecamatan in zip(people, ["Balikpapan Kota"] * 3 + ["Balikpapan Utara"], strict=True):
        assert signed_in(person).post(ikd_page().url, ikd_post(kecamatan=kecamatan)).status_code == 302
    wednesday.move_to(THURSDAY_MORNING)
    mail.outbox.clear()
    return {b.queue_code: b for b in VisitBooking.objects.select_related("application")}


def _refused(response):
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard with an error message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def _fresh(booking):
    return VisitBooking.objects.select_related("application").get(pk=booking.pk)


def test_operator_calls_the_lowest_waiting_number_and_sees_now_serving(queue, visit_staff):
    operator = signed_in(visit_staff["operator"])
    body = operator.get(LIST).content.decode()
    assert "Panggil berikutnya: KTA-001" in body and "UTR-001" not in body
    response = operator.post(LIST + "panggil/", {"kecamatan": office("Balikpapan Kota").pk, "expected_number": 1})
    assert response.status_code == 302
    called = _fresh(queue["KTA-001"])
    assert called.status == VisitStatus.CALLED
    assert called.called_by == visit_staff["operator"]
    assert called.called_at == datetime.datetime(2026, 8, 13, 8, 30, tzinfo=WITA)
    body = operator.get(LIST).content.decode()
    assert '<strong class="now-serving">KTA-001</strong>' in body
    assert "Panggil berikutnya: KTA-002" in body
    entry = ModelLogEntry.objects.get(action="visits.call")
    assert entry.user == visit_staff["operator"] and entry.object_id == str(called.pk)


def test_a_number_someone_else_already_called_is_refused_as_stale(queue, visit_staff):
    kota = office("Balikpapan Kota")
    visit_call_next(kecamatan=kota, by=visit_staff["operator"], expected_number=1)
    with pytest.raises(StaleVisitAction) as refused:
        visit_call_next(kecamatan=kota, by=visit_staff["operator_two"], expected_number=1)
    assert refused.value.messages == [
        "KTA-001 sudah berstatus “Dipanggil” (op.kota). Muat ulang daftar untuk melihatnya."
    ]
    assert _fresh(queue["KTA-002"]).status == VisitStatus.WAITING
    # The same through the screen: a warning, and nothing else moves.
    response = signed_in(visit_staff["operator_two"]).post(
        LIST + "panggil/", {"kecamatan": kota.pk, "expected_number": 1}, follow=True
    )
    assert "KTA-001 sudah berstatus" in response.content.decode()
    assert VisitBooking.objects.filter(status=VisitStatus.CALLED).count() == 1


def test_activation_hands_the_application_over_audited_and_mailed(
    queue, visit_staff, django_capture_on_commit_callbacks
):
    operator = signed_in(visit_staff["operator"])
    operator.post(LIST + "panggil/", {"kecamatan": office("Balikpapan Kota").pk, "expected_number": 1})
    booking = queue["KTA-001"]
    with django_capture_on_commit_callbacks(execute=True):
        response = operator.post(f"{LIST}{booking.pk}/aktif/", {"expected_status": "called"})
    assert response.status_code == 302
    booking = _fresh(booking)
    assert booking.status == VisitStatus.ACTIVATED and booking.closed_by == visit_staff["operator"]
    assert booking.application.status == ApplicationStatus.HANDED_OVER
    assert booking.application.history.last().by == visit_staff["operator"]
    assert ModelLogEntry.objects.filter(action="visits.activate", object_id=str(booking.pk)).exists()
    assert ModelLogEntry.objects.filter(action="intake.ikd_activate", object_id=str(booking.application.pk)).exists()
    # The status e-mail, and (since the IKD is now in the citizen's hands) the satisfaction-survey invitation.
    status_mails = [m for m in mail.outbox if "Sudah diserahkan" in m.body]
    assert len(status_mails) == 1 and "Nomor antrean: KTA-001" in status_mails[0].body
    assert len(mail.outbox) == 2 and any("survei-kepuasan" in m.body for m in mail.outbox)


def test_closing_a_visit_twice_is_refused_as_stale(queue, visit_staff):
    kota = office("Balikpapan Kota")
    called = visit_call_next(kecamatan=kota, by=visit_staff["operator"])
    visit_activate(booking=called, by=visit_staff["operator"], expected_status=VisitStatus.CALLED)
    with pytest.raises(StaleVisitAction, match="KTA-001 sudah berstatus “IKD diaktifkan”"):
        visit_not_complete(
            booking=called, by=visit_staff["operator_two"], reason=NotCompletedReason.NO_SHOW, expected_status="called"
        )
    with pytest.raises(StaleVisitAction):
        visit_activate(booking=called, by=visit_staff["operator_two"], expected_status="called")
    assert _fresh(called).status == VisitStatus.ACTIVATED
    assert _fresh(called).application.history.count() == 2  # submitted, handed over: once


def test_only_a_called_visit_can_be_closed(queue, visit_staff):
    with pytest.raises(ValidationError, match="Hanya kunjungan yang sudah dipanggil"):
        visit_activate(booking=queue["KTA-001"], by=visit_staff["operator"], expected_status="waiting")
    assert _fresh(queue["KTA-001"]).application.status == ApplicationStatus.SUBMITTED


def test_not_completed_needs_a_reason_keeps_the_application_open_and_tells_the_citizen(
    queue, visit_staff, django_capture_on_commit_callbacks
):
    operator = visit_staff["operator"]
    called = visit_call_next(kecamatan=office("Balikpapan Kota"), by=operator)
    with pytest.raises(ValidationError, match="Pilih alasan kunjungan tidak selesai."):
        visit_not_complete(booking=called, by=operator, reason="")
    with pytest.raises(ValidationError, match="Jelaskan alasannya pada catatan."):
        visit_not_complete(booking=called, by=operator, reason=NotCompletedReason.OTHER, note="  ")
    assert _fresh(called).status == VisitStatus.CALLED
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(operator).post(
            f"{LIST}{called.pk}/tidak-selesai/", {"expected_status": "called", "reason": "face_failed", "note": ""}
        )
    assert response.status_code == 302
    closed = _fresh(called)
    assert (closed.status, closed.reason, closed.closed_by) == (VisitStatus.NOT_COMPLETED, "face_failed", operator)
    assert closed.application.status == ApplicationStatus.SUBMITTED
    assert ModelLogEntry.objects.get(action="visits.not_complete").data["reason"] == "face_failed"
    assert len(mail.outbox) == 1
    assert "Verifikasi wajah gagal" in mail.outbox[0].body
    assert f"/kunjungan-ikd/{closed.application.tracking_number}/pesan-ulang/" in mail.outbox[0].body


def test_operator_of_another_kecamatan_cannot_see_or_act_on_its_list(queue, visit_staff):
    kota, outsider = office("Balikpapan Kota"), visit_staff["operator_elsewhere"]
    client = signed_in(outsider)
    own = client.get(LIST).content.decode()
    assert "UTR-001" in own and "KTA-00" not in own
    assert _refused(client.get(LIST + f"?kecamatan={kota.pk}"))
    assert _refused(client.post(LIST + "panggil/", {"kecamatan": kota.pk, "expected_number": 1}))
    booking = queue["KTA-001"]
    visit_call_next(kecamatan=kota, by=visit_staff["operator"])
    assert client.post(f"{LIST}{booking.pk}/aktif/", {"expected_status": "called"}).status_code == 404
    reason = {"expected_status": "called", "reason": "no_show"}
    assert client.post(f"{LIST}{booking.pk}/tidak-selesai/", reason).status_code == 404
    with pytest.raises(PermissionDenied):
        visit_call_next(kecamatan=kota, by=outsider)
    with pytest.raises(PermissionDenied):
        visit_activate(booking=booking, by=outsider)
    with pytest.raises(PermissionDenied):
        visit_not_complete(booking=booking, by=outsider, reason=NotCompletedReason.NO_SHOW)
    assert _fresh(booking).status == VisitStatus.CALLED
    assert not ModelLogEntry.objects.filter(user=outsider).exists()


@pytest.mark.parametrize("role", ["verifier", "section_head", "siak_admin", "head_of_office"])
def test_city_wide_roles_see_every_office_but_the_counter_is_the_operators(queue, visit_staff, role):
    user, kota = visit_staff[role], office("Balikpapan Kota")
    client = signed_in(user)
    overview = client.get(LIST).content.decode()
    assert "Balikpapan Kota" in overview and "Balikpapan Utara" in overview
    listing = client.get(LIST + f"?kecamatan={kota.pk}").content.decode()
    assert "KTA-001" in listing and "Panggil berikutnya" not in listing
    with pytest.raises(PermissionDenied):
        visit_call_next(kecamatan=kota, by=user)
    assert _refused(client.post(LIST + "panggil/", {"kecamatan": kota.pk, "expected_number": 1}))
    assert _fresh(queue["KTA-001"]).status == VisitStatus.WAITING


def test_content_editors_and_citizens_get_no_visit_list(queue, visit_staff):
    assert _refused(signed_in(visit_staff["editor"]).get(LIST))
    citizen = queue["KTA-001"].application.applicant
    response = signed_in(citizen).get(LIST)
    assert response.status_code == 302 and "KTA-001" not in response.content.decode()
    assert "Kunjungan IKD" not in signed_in(visit_staff["editor"]).get("/admin/").content.decode()
    assert "Kunjungan IKD" in signed_in(visit_staff["operator"]).get("/admin/").content.decode()


def test_dashboard_panel_counts_todays_visits_in_the_users_scope(queue, visit_staff):
    visit_call_next(kecamatan=office("Balikpapan Kota"), by=visit_staff["operator"])
    operator_home = signed_in(visit_staff["operator"]).get("/admin/").content.decode()
    assert "Kunjungan IKD hari ini" in operator_home
    assert 'Balikpapan Kota</a></th><td class="visit-waiting">2</td>' in operator_home
    assert "Balikpapan Utara" not in operator_home.split("Kunjungan IKD hari ini")[1]
    verifier_home = signed_in(visit_staff["verifier"]).get("/admin/").content.decode()
    panel = verifier_home.split("Kunjungan IKD hari ini")[1]
    assert 'Balikpapan Utara</a></th><td class="visit-waiting">1</td>' in panel
    assert 'Balikpapan Timur</a></th><td class="visit-waiting">0</td>' in panel


def test_the_siak_administrator_sets_an_offices_capacity_and_an_operator_cannot(visit_staff):
    url = "/admin/kunjungan-ikd/kantor/"
    kota = office("Balikpapan Kota")
    operator = signed_in(visit_staff["operator"])
    assert _refused(operator.get(url))
    assert _refused(operator.post(url + "new/", {"kecamatan": kota.pk, "daily_capacity": 5}))
    assert not VisitOffice.objects.exists()
    admin = signed_in(visit_staff["siak_admin"])
    assert admin.get(url).status_code == 200
    response = admin.post(url + "new/", {"kecamatan": kota.pk, "daily_capacity": 25, "queue_prefix": "BPK"})
    assert response.status_code == 302
    assert VisitOffice.objects.get(kecamatan=kota).daily_capacity == 25
    assert ModelLogEntry.objects.filter(action="wagtail.create", user=visit_staff["siak_admin"]).exists()
    assert signed_in(visit_staff["section_head"]).get("/admin/kunjungan-ikd/tutup/").status_code == 200


def test_the_day_list_reads_a_flat_number_of_queries(queue, visit_staff):
    operator = signed_in(visit_staff["operator"])
    visit_call_next(kecamatan=office("Balikpapan Kota"), by=visit_staff["operator"])
    with CaptureQueriesContext(connection) as few:
        operator.get(LIST)
    with at(WEDNESDAY):
        for person in citizens(5, prefix="lagi"):
            assert signed_in(person).post(ikd_page().url, ikd_post()).status_code == 302
    with CaptureQueriesContext(connection) as more:
        body = operator.get(LIST).content.decode()
    assert "KTA-008" in body
    assert len(more.captured_queries) == len(few.captured_queries)
