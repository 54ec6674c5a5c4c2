"""Editors build the forms in Wagtail's admin; staff read submissions there."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from forms.models import Application, ApplicationFormField, ApplicationFormPage
from services.models import Kecamatan
from tests.conftest import give_second_factor

from ..helpers import lost_card_form, lost_card_post, tracking_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, seeded):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    give_second_factor(admin)
    client.force_login(admin)
    return client


def test_editor_sees_the_form_builder_with_adminduk_field_types(admin_client):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[lost_card_form().pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for label in ("Unggah dokumen", "Nomor HP Indonesia", "Diambil atau dikirim"):
        assert label in body


def test_an_unknown_document_type_is_refused_on_the_field(seeded):
    field = ApplicationFormField(
        page=lost_card_form(), label="Pasfoto", field_type="document", allowed_types="image/gif"
    )
    with pytest.raises(ValidationError) as error:
        field.clean()
    assert "allowed_types" in error.value.message_dict


def test_submissions_belong_to_their_page_but_are_read_only_in_the_staff_queue(admin_client, citizen):
    applicant = Client()
    applicant.force_login(citizen)
    tracking = tracking_from(applicant.post(lost_card_form().url, lost_card_post()))
    # Wagtail's Forms screens would show every NIK unmasked (tests/forms/test_wagtail_screens.py).
    response = admin_client.get(reverse("wagtailforms:list_submissions", args=[lost_card_form().pk]))
    assert response.status_code == 404
    assert Application.objects.get(tracking_number=tracking).page_id == lost_card_form().pk


# 1 December must lie in the visit-booking window (forms.visits), so the booking is made on 24 November 2026.
@time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=8))))
def test_ikd_visit_booking_form_takes_a_date_and_a_kecamatan(client, citizen):
    client.force_login(citizen)
    page = ApplicationFormPage.objects.get(slug="pesan-kunjungan")
    response = client.post(
        page.url,
        {
            "submission_token": "5f0d1c8e-1a7b-4c55-9d7e-2b8f3a6c9e01",
            "nama_lengkap": "Ani Lestari",
            "nik": "6471065208900003",
            "nomor_hp": "081234567890",
            "kecamatan": Kecamatan.objects.get(name="Balikpapan Utara").pk,
            "tanggal_kunjungan": "2026-12-01",
            "saya_memiliki_smartphone_android_versi_10_atau_iphone_versi_12_ke_atas": "on",
            "pernyataan": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get(tracking_number=tracking_from(response))
    assert application.tracking_number.startswith("IKD-")
    assert application.form_data["tanggal_kunjungan"] == "2026-12-01"
    assert application.kecamatan.name == "Balikpapan Utara" and application.variant_code == "ikd"
