"""Names and addresses are what they look like: every form where people type free text refuses bidi-control
and zero-width characters on the field itself, and stores nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.forms import CharField, EmailField, URLField

from forms.complaints.models import Complaint
from forms.constants import Channel, StaffRole
from forms.dispatch.forms import CourierDispatchForm, PickupForm
from forms.intake.validators import VisibleTextValidator
from forms.models import Application, CitizenProfile

from ..complaints.conftest import complaint_post
from ..dispatch.conftest import ktp_service
from ..helpers import VALID_KK, VALID_NIK, lost_card_form, lost_card_post, make_staff, signed_in

pytestmark = pytest.mark.django_db

RIGHT_TO_LEFT_OVERRIDE = "\u202e"
ZERO_WIDTH_SPACE = "\u200b"
DISGUISED_NAME = f"Ani {RIGHT_TO_LEFT_OVERRIDE}iratseL"  # staff would read "Ani Lestari"
HIDDEN_SPACE_NAME = f"Ani{ZERO_WIDTH_SPACE} Lestari"


def field_error_codes(response, field):
    assert response.status_code == 200, response.get("Location")
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


@pytest.mark.parametrize("name", [DISGUISED_NAME, HIDDEN_SPACE_NAME], ids=["rlo", "zwsp"])
def test_an_application_form_refuses_a_name_with_a_bidi_override_or_zero_width_space(citizen, name):
    response = signed_in(citizen).post(lost_card_form().url, lost_card_post(nama_lengkap=name))
    assert field_error_codes(response, "nama_lengkap") == ["invisible_characters"]
    assert not Application.objects.exists()


def test_an_application_form_refuses_a_courier_address_with_a_zero_width_space(citizen):
    data = lost_card_post(
        pengambilan_ktp_el="courier",
        pengambilan_ktp_el_alamat=f"Jl. Ahmad Yani No. 3{ZERO_WIDTH_SPACE}, RT 03",
    )
    response = signed_in(citizen).post(lost_card_form().url, data)
    assert field_error_codes(response, "pengambilan_ktp_el_alamat") == ["invisible_characters"]
    assert not Application.objects.exists()


def test_an_application_in_an_arabic_script_name_is_accepted(citizen):
    response = signed_in(citizen).post(lost_card_form().url, lost_card_post(nama_lengkap="محمد عبد الله"))
    assert response.status_code == 302
    assert Application.objects.get().form_data["nama_lengkap"] == "محمد عبد الله"


def test_every_free_text_field_the_form_builder_makes_refuses_invisible_characters(seeded):
    fields = lost_card_form().get_form_class().base_fields
    # Plain text fields; the NIK, KK and mobile fields are subclasses that accept digits only.
    text_fields = [name for name, field in fields.items() if type(field) in {CharField, EmailField, URLField}]
    assert "nama_lengkap" in text_fields and "pengambilan_ktp_el_alamat" in text_fields
    for name in text_fields:
        assert VisibleTextValidator() in fields[name].validators, name


@pytest.mark.parametrize("name", [DISGUISED_NAME, HIDDEN_SPACE_NAME], ids=["rlo", "zwsp"])
def test_sign_up_refuses_a_name_with_a_bidi_override_or_zero_width_space(client, seeded, name):
    response = client.post(
        "/akun/signup/",
        {
            "email": "dewi@example.org",
            "full_name": name,
            "mobile": "0811 2233 4455",
            "password1": "Balikpapan-Barat-2026",
            "password2": "Balikpapan-Barat-2026",
        },
    )
    assert field_error_codes(response, "full_name") == ["invisible_characters"]
    assert not CitizenProfile.objects.exists()
    assert not get_user_model().objects.filter(email="dewi@example.org").exists()


def _counter_post(**overrides):
    service = ktp_service()
    requirements = list(next(b.value for b in service.variants if b.value["code"] == "baru")["requirements"])
    data = {
        "variant": f"{service.pk}:baru",
        "applicant_name": "Budi Santoso",
        "nik": VALID_NIK,
        "kk_number": VALID_KK,
        "delivery_method": "pickup",
        "delivery_address": "",
        "documents_seen": requirements,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("applicant_name", f"Budi {RIGHT_TO_LEFT_OVERRIDE}otnaS"),
        ("applicant_name", f"Budi{ZERO_WIDTH_SPACE} Santoso"),
        ("delivery_address", f"Jl. Sudirman{ZERO_WIDTH_SPACE} 12"),
    ],
    ids=["name-rlo", "name-zwsp", "address-zwsp"],
)
def test_the_counter_form_refuses_invisible_characters_in_the_name_and_the_address(seeded, field, value):
    operator = make_staff("op.kota", StaffRole.OPERATOR, "Balikpapan Kota")
    overrides = {field: value}
    if field == "delivery_address":
        overrides["delivery_method"] = "courier"
    response = signed_in(operator).post("/admin/permohonan/loket/", _counter_post(**overrides))
    assert field_error_codes(response, field) == ["invisible_characters"]
    assert not Application.objects.filter(channel=Channel.COUNTER).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", DISGUISED_NAME),
        ("name", HIDDEN_SPACE_NAME),
        ("message", f"Petugas {RIGHT_TO_LEFT_OVERRIDE}kaditkaditkadit ramah."),
        ("email", f"ani@exa{ZERO_WIDTH_SPACE}mple.org"),
    ],
    ids=["name-rlo", "name-zwsp", "message-rlo", "email-zwsp"],
)
def test_the_public_complaint_form_refuses_invisible_characters(client, seeded, field, value):
    response = client.post("/pengaduan/", complaint_post(**{field: value}))
    assert field_error_codes(response, field) == ["invisible_characters"]
    assert not Complaint.objects.exists()


def test_a_complaint_with_emoji_and_an_arabic_script_name_is_accepted(client, seeded):
    response = client.post(
        "/pengaduan/",
        complaint_post(name="أحمد", message="Antrean lama 🤦‍♀️ tapi petugas ramah 👍🏽 terima kasih 🙏"),
    )
    assert response.status_code == 302
    assert Complaint.objects.get().message.endswith("🙏")


@pytest.mark.parametrize("value", ["Budi\u202eSantoso", "Budi\u200bSantoso"])
def test_the_hand_over_and_courier_forms_refuse_invisible_characters(value):
    pickup = PickupForm(data={"collected_by_name": value})
    courier = CourierDispatchForm(data={"courier_name": value, "courier_reference": "JNE-1"})
    assert "collected_by_name" in pickup.errors and pickup.errors.as_data()["collected_by_name"][0].code == (
        "invisible_characters"
    )
    assert courier.errors.as_data()["courier_name"][0].code == "invisible_characters"
