"""The staff queue in Wagtail's admin: scoped by kecamatan, masked NIK, exports, review actions, flat queries."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forms.models import Application
from services.models import Kecamatan

from ..helpers import VALID_NIK, lost_card_form, lost_card_post, signed_in, tracking_from
from .test_review_transitions import staff  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
QUEUE = "/admin/permohonan/"


@pytest.fixture
def application(citizen):
    client = Client()
    client.force_login(citizen)
    return Application.objects.get(tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post())))


def test_operator_sees_own_kecamatan_with_masked_nik(application, staff):  # noqa: F811
    body = signed_in(staff["operator"]).get(QUEUE).content.decode()
    assert application.tracking_number in body
    assert "6471********0003" in body and VALID_NIK not in body


@pytest.mark.parametrize("suffix", ["", "review/{pk}/", "review/{pk}/document/{doc}/", "?export=csv", "?export=xlsx"])
def test_operator_of_another_kecamatan_gets_nothing(application, staff, suffix):  # noqa: F811
    client = signed_in(staff["operator_elsewhere"])
    url = QUEUE + suffix.format(pk=application.pk, doc=application.documents.first().pk)
    response = client.get(url)
    if suffix.startswith("review"):
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert application.tracking_number.encode() not in content


def test_exports_mask_the_nik_and_are_audited(application, staff):  # noqa: F811
    client = signed_in(staff["verifier"])
    response = client.get(QUEUE + "?export=csv")
    content = b"".join(response.streaming_content).decode()
    assert application.tracking_number in content and "6471********0003" in content and VALID_NIK not in content
    assert ModelLogEntry.objects.filter(action="intake.export", user=staff["verifier"]).exists()


def test_search_box_finds_by_tracking_number_or_name_never_part_of_a_nik(application, staff):  # noqa: F811
    # The exact NIK is posted to the NIK search instead (tests/forms/test_nik_search.py).
    client = signed_in(staff["verifier"])
    assert application.tracking_number not in client.get(QUEUE, {"q": VALID_NIK[:10]}).content.decode()
    assert application.tracking_number in client.get(QUEUE, {"q": application.tracking_number.lower()}).content.decode()
    assert application.tracking_number in client.get(QUEUE, {"q": "Ani"}).content.decode()


def test_review_page_shows_whole_nik_and_only_allowed_buttons(application, staff):  # noqa: F811
    body = signed_in(staff["operator"]).get(f"{QUEUE}review/{application.pk}/").content.decode()
    assert VALID_NIK in body
    assert 'value="accept"' in body and 'value="return"' in body and 'value="approve_print"' not in body
    assert "Surat Keterangan hilang dari Kepolisian (untuk KTP-el yang hilang)" in body  # the checklist


def test_operator_returns_with_a_reason_per_requirement_through_the_review_page(application, staff):  # noqa: F811
    client = signed_in(staff["operator"])
    client.post(
        f"{QUEUE}review/{application.pk}/",
        {
            "action": "return",
            "expected_status": "submitted",
            "reason-surat_keterangan_hilang_dari_kepolisian": "Surat tidak terbaca.",
            "reason-nik": "",
        },
    )
    application.refresh_from_db()
    assert application.status == "returned"
    reasons = list(application.history.last().reasons.values_list("field_name", "reason"))
    assert reasons == [("surat_keterangan_hilang_dari_kepolisian", "Surat tidak terbaca.")]


def test_a_stale_button_press_is_told_and_changes_nothing(application, staff):  # noqa: F811
    client = signed_in(staff["operator"])
    client.post(f"{QUEUE}review/{application.pk}/", {"action": "accept", "expected_status": "submitted"})
    response = client.post(
        f"{QUEUE}review/{application.pk}/", {"action": "accept", "expected_status": "submitted"}, follow=True
    )
    assert "Petugas lain sudah memindahkan permohonan ini" in response.content.decode()
    assert application.history.count() == 2


def test_viewing_a_document_is_audited(application, staff):  # noqa: F811
    document = application.documents.first()
    response = signed_in(staff["verifier"]).get(f"{QUEUE}review/{application.pk}/document/{document.pk}/")
    assert response.status_code == 200
    assert ModelLogEntry.objects.filter(action="intake.view_document", user=staff["verifier"]).count() == 1


def test_citizens_and_content_editors_cannot_open_the_queue(application, staff, citizen):  # noqa: F811
    assert signed_in(citizen).get(QUEUE).status_code in (302, 403)
    editor = signed_in(staff["editor"])
    assert editor.get(QUEUE).status_code in (302, 403)
    assert editor.get(f"{QUEUE}review/{application.pk}/").status_code in (302, 403)  # Wagtail's refusal


def test_audit_entries_have_no_edit_or_delete_in_the_admin(application, staff):  # noqa: F811

    for name in ("wagtailadmin_reports:site_history_edit", "wagtailadmin_reports:site_history_delete"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


def _clone(application, count):
    kota = Kecamatan.objects.get(name="Balikpapan Kota")
    Application.objects.bulk_create(
        Application(
            page=application.page,
            form_data=application.form_data,
            tracking_number=f"TST-2026-{index:06d}",
            applicant=application.applicant,
            service=application.service,
            service_title=application.service_title,
            variant_code="hilang",
            variant_name=application.variant_name,
            nik=VALID_NIK,
            kecamatan=kota,
            due_at=application.due_at,
        )
        for index in range(count)
    )


def test_queue_query_count_stays_flat_from_ten_to_a_thousand(application, staff):  # noqa: F811
    client = signed_in(staff["operator"])
    _clone(application, 9)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as ten:
        client.get(QUEUE)
    Application.objects.filter(tracking_number__startswith="TST-2026-").delete()
    _clone(application, 999)
    with CaptureQueriesContext(connection) as thousand:
        response = client.get(QUEUE)
    assert response.status_code == 200
    assert Application.objects.count() == 1000
    assert len(thousand) == len(ten)


def test_dashboard_counts_overdue_applications_in_the_users_scope(application, staff):  # noqa: F811

    Application.objects.filter(pk=application.pk).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    mine = signed_in(staff["operator"]).get("/admin/").content.decode()
    assert "1 permohonan lewat tenggat" in mine
    elsewhere = signed_in(staff["operator_elsewhere"]).get("/admin/").content.decode()
    assert "0 permohonan lewat tenggat" in elsewhere
    overdue_list = signed_in(staff["operator"]).get(QUEUE, {"overdue": "true"}).content.decode()
    assert application.tracking_number in overdue_list


def test_overdue_applications_are_flagged_in_the_queue(application, staff):  # noqa: F811

    Application.objects.filter(pk=application.pk).update(due_at=timezone.now() - datetime.timedelta(minutes=5))
    body = signed_in(staff["operator"]).get(QUEUE).content.decode()
    assert "Lewat tenggat" in body


def test_image_documents_are_previewed_inline_on_the_review_page(application, staff):  # noqa: F811
    image = application.documents.get(content_type="image/jpeg")
    body = signed_in(staff["operator"]).get(f"{QUEUE}review/{application.pk}/").content.decode()
    assert f'<img src="{QUEUE}review/{application.pk}/document/{image.pk}/"' in body
