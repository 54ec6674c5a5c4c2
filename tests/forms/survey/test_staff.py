"""The staff side: a printable counter QR code scoped like the queue and audited, and this quarter's index."""

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forms.constants import ApplicationStatus, Channel
from forms.survey.models import SurveyInvitation
from forms.survey.tokens import survey_token
from services.models import Kecamatan

from ..helpers import signed_in
from .helpers import make_application, make_responses

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def walk_in(seeded):
    application = make_application(status=S.HANDED_OVER, channel=Channel.COUNTER, applicant=None)
    SurveyInvitation.objects.create(application=application)
    return application


def test_operator_prints_the_qr_code_of_their_own_kecamatan_and_it_is_audited(walk_in, staff):
    response = signed_in(staff["operator"]).get(f"/admin/survei/qr/{walk_in.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and f"/survei-kepuasan/{survey_token(walk_in).split(':')[0]}:" in body
    assert "Pindai kode ini dengan ponsel Anda" in body
    assert "no-store" in response["Cache-Control"]
    entry = ModelLogEntry.objects.get(action="survey.print_qr")
    assert entry.user == staff["operator"] and entry.object_id == str(walk_in.pk)


@pytest.mark.parametrize("who", ["operator_elsewhere"])
def test_an_operator_of_another_kecamatan_gets_a_404(walk_in, staff, who):
    assert signed_in(staff[who]).get(f"/admin/survei/qr/{walk_in.pk}/").status_code == 404
    assert walk_in.tracking_number not in signed_in(staff[who]).get("/admin/survei/").content.decode()
    assert not ModelLogEntry.objects.filter(action="survey.print_qr").exists()


def test_city_wide_roles_see_every_kecamatan(walk_in, staff):
    assert signed_in(staff["verifier"]).get(f"/admin/survei/qr/{walk_in.pk}/").status_code == 200
    assert walk_in.tracking_number in signed_in(staff["section_head"]).get("/admin/survei/").content.decode()


def test_content_editors_and_citizens_cannot_open_the_staff_pages(walk_in, staff, citizen):
    editor = signed_in(staff["editor"])
    for url in (f"/admin/survei/qr/{walk_in.pk}/", "/admin/survei/"):
        response = editor.get(url)  # Wagtail turns the PermissionDenied into a redirect to the dashboard
        assert response.status_code in (302, 403) and b"<svg" not in response.content
    assert signed_in(citizen).get(f"/admin/survei/qr/{walk_in.pk}/").status_code in (302, 403)
    assert Client().get(f"/admin/survei/qr/{walk_in.pk}/").status_code == 302
    assert not ModelLogEntry.objects.filter(action="survey.print_qr").exists()


def test_no_qr_code_before_the_hand_over(seeded, staff):
    application = make_application(status=S.PRINT_APPROVED, channel=Channel.COUNTER)
    body = signed_in(staff["operator"]).get(f"/admin/survei/qr/{application.pk}/").content.decode()
    assert "<svg" not in body and "Survei dibuka setelah dokumen diserahkan atau dikirim" in body
    assert not ModelLogEntry.objects.filter(action="survey.print_qr").exists()


def test_the_survey_page_lists_recent_hand_overs_to_print(walk_in, staff):
    body = signed_in(staff["operator"]).get("/admin/survei/").content.decode()
    assert walk_in.tracking_number in body and f"/admin/survei/qr/{walk_in.pk}/" in body


def test_dashboard_shows_this_quarters_index_and_the_operators_own_kecamatan(seeded, staff):
    kota = Kecamatan.objects.get(name="Balikpapan Kota")
    utara = Kecamatan.objects.get(name="Balikpapan Utara")
    make_responses([(4,) * 9] * 5, answered_at=timezone.now(), kecamatan=utara)
    make_responses([(3,) * 9] * 2, answered_at=timezone.now(), kecamatan=kota)
    body = signed_in(staff["operator"]).get("/admin/").content.decode()
    assert "Indeks kepuasan, Triwulan" in body
    assert "<strong>92,86</strong>" in body  # (5 x 100 + 2 x 75) / 7 = 92.857..., city-wide
    assert "Balikpapan Kota" in body and "Tidak ditampilkan bila responden kurang dari 5" in body  # 2 at Kota
    verifier = signed_in(staff["verifier"]).get("/admin/").content.decode()
    assert "<strong>92,86</strong>" in verifier and "Tidak ditampilkan bila" not in verifier
    editor = signed_in(staff["editor"]).get("/admin/").content.decode()
    assert "Indeks kepuasan" not in editor and "/admin/survei/" not in editor
