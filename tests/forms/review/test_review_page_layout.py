"""The review page speaks the officer's language (choice labels, file types, not raw codes) and puts what the
officer may do at the top, the rooms' own links included."""

import pytest
from django.test import Client
from wagtail import hooks

from forms.models import Application
from forms.review.admin_views import REVIEW_ACTION_HOOK

from ..helpers import lost_card_form, lost_card_post, signed_in, tracking_from
from .test_review_transitions import staff  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(citizen):
    client = Client()
    client.force_login(citizen)
    return Application.objects.get(tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post())))


def _rows(response):
    return dict(response.context["form_rows"])


def test_the_review_page_shows_choice_labels_and_file_types_not_raw_values(application, staff):  # noqa: F811
    response = signed_in(staff["operator"]).get(f"/admin/permohonan/review/{application.pk}/")
    body = response.content.decode()
    rows = _rows(response)
    assert application.form_data["pengambilan_ktp_el"] == "pickup"
    assert "pickup" not in rows.values()
    assert "Diambil di kantor kecamatan" in rows.values()
    assert "image/jpeg" not in body and "application/pdf" not in body
    assert "Gambar JPEG" in body and "Dokumen PDF" in body
    assert any(str(value).startswith("IMG_2041.jpg (Gambar JPEG") for value in rows.values())


def test_the_actions_and_the_rooms_links_come_before_the_form_data(application, staff):  # noqa: F811
    def room_link(*, application, user):
        return ("Ruang uji", f"/admin/uji/{application.pk}/")

    with hooks.register_temporarily(REVIEW_ACTION_HOOK, room_link):
        body = signed_in(staff["operator"]).get(f"/admin/permohonan/review/{application.pk}/").content.decode()
    actions = body.index('id="review-actions-h"')
    assert actions < body.index('value="accept"') < body.index(">Data formulir</h2>")
    assert actions < body.index(f'href="/admin/uji/{application.pk}/"') < body.index(">Data formulir</h2>")
    assert body.index(">Data formulir</h2>") < body.index('id="review-documents-h"') < body.index(">Riwayat</h2>")
