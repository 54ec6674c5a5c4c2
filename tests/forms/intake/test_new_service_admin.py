"""A new service's form is built in the admin alone, and each step is checked there before anything is published."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from forms.constants import ApplicationFieldType as T
from forms.constants import Processing
from forms.models import ApplicationFormPage
from services.editorial import CONTENT_EDITORS
from tests.conftest import give_second_factor
from tests.forms.factories import ApplicationFormPageFactory
from tests.services.factories import KecamatanFactory, ServiceStandardPageFactory

from ..helpers import lost_card_form

pytestmark = pytest.mark.django_db

BIRTH_VARIANTS = [
    (
        "variant",
        {
            "name": "Akta kelahiran baru",
            "code": "baru",
            "requirements": ["Surat keterangan lahir", "Kartu Keluarga orang tua"],
            "procedures": [],
        },
    ),
    (
        "variant",
        {"name": "Akta kelahiran hilang", "code": "hilang", "requirements": ["Surat kehilangan"], "procedures": []},
    ),
]


@pytest.fixture
def admin_client(client, seeded):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    give_second_factor(admin)
    client.force_login(admin)
    return client


@pytest.fixture
def birth_standard(seeded):
    return ServiceStandardPageFactory(title="Penerbitan Akta Kelahiran", variants=BIRTH_VARIANTS)


def _field(label, field_type, *, requirement="", allowed_types=("application/pdf",), required=True):
    return {
        "label": label,
        "help_text": "",
        "required": "on" if required else "",
        "field_type": field_type,
        "choices": "",
        "default_value": "",
        "requirement": requirement,
        # A tuple is posted as one value per checked box, as the checkboxes post it.
        "allowed_types": allowed_types,
        "max_size_mb": "5",
    }


def _form_data(*, variant="baru", prefix="AKL", fixed_kecamatan="", fields=None, publish=True, slug="akta-baru"):
    if fields is None:
        fields = [
            _field("Nama lengkap", T.SINGLELINE),
            _field("Surat keterangan lahir", T.DOCUMENT, requirement="Surat keterangan lahir"),
        ]
    data = nested_form_data(
        {
            "title": "Permohonan Akta Kelahiran Baru",
            "slug": slug,
            "intro": "",
            "variant_code": variant,
            "tracking_prefix": prefix,
            "processing": Processing.DIGITAL,
            "fixed_kecamatan": fixed_kecamatan,
            "privacy_note": "Data hanya untuk permohonan ini.",
            "form_fields": inline_formset(fields),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def _add_url(standard):
    return reverse("wagtailadmin_pages:add", args=("intake", "applicationformpage", standard.pk))


def _errors(response):
    form = response.context["form"]
    return form.errors, [child.errors for child in form.formsets["form_fields"].forms]


def test_the_edit_form_offers_the_standards_variants_requirements_and_file_types(admin_client, birth_standard):
    body = admin_client.get(_add_url(birth_standard)).content.decode()
    assert '<option value="baru">Akta kelahiran baru (baru)</option>' in body
    assert '<option value="hilang">Akta kelahiran hilang (hilang)</option>' in body
    # Before a variant is chosen, the field form "add field" copies offers every variant's requirements.
    form = admin_client.get(_add_url(birth_standard)).context["form"]
    empty = form.formsets["form_fields"].empty_form
    assert empty.fields["requirement"].choices[1:] == [
        ("Akta kelahiran baru", [("Surat keterangan lahir",) * 2, ("Kartu Keluarga orang tua",) * 2]),
        ("Akta kelahiran hilang", [("Surat kehilangan",) * 2]),
    ]
    assert list(dict(empty.fields["allowed_types"].choices).values()) == ["PDF", "JPEG", "PNG"]
    assert form.initial.get("tracking_prefix") == ""


def test_a_forms_fields_choose_among_its_own_variants_requirements(admin_client, birth_standard):
    page = ApplicationFormPageFactory(parent=birth_standard, variant_code="hilang", tracking_prefix="AKL")
    form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).context["form"]
    empty = form.formsets["form_fields"].empty_form
    assert empty.fields["requirement"].choices == [("", "---------"), ("Surat kehilangan", "Surat kehilangan")]


def test_a_form_for_a_variant_not_on_its_standard_is_refused_on_the_field_and_nothing_is_published(
    admin_client, birth_standard
):
    response = admin_client.post(_add_url(birth_standard), _form_data(variant="kematian", fixed_kecamatan=""))
    assert response.status_code == 200
    errors, _ = _errors(response)
    assert errors["variant_code"] == ["Standar pelayanan di atas formulir ini tidak memiliki varian dengan kode ini."]
    assert not ApplicationFormPage.objects.child_of(birth_standard).exists()


def test_changing_a_published_form_to_a_variant_not_on_its_standard_is_refused(admin_client, seeded):
    page = lost_card_form()
    data = _form_data(variant="hilangg", prefix="KTP", slug=page.slug, fields=[_field("Kecamatan", T.KECAMATAN)])
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert "variant_code" in _errors(response)[0]
    page.refresh_from_db()
    assert page.variant_code == "hilang" and page.live and not page.has_unpublished_changes


def test_a_form_that_routes_to_no_operator_cannot_be_published(admin_client, birth_standard):
    response = admin_client.post(_add_url(birth_standard), _form_data())
    assert response.status_code == 200
    errors, _ = _errors(response)
    assert errors["fixed_kecamatan"] == [
        "Permohonan dari formulir ini tidak akan sampai ke operator mana pun: tambahkan isian Kecamatan yang wajib "
        "diisi, atau pilih kantor yang menerimanya."
    ]
    assert not ApplicationFormPage.objects.child_of(birth_standard).exists()


def test_an_editors_form_that_routes_to_no_operator_cannot_be_sent_for_approval(client, birth_standard):
    editor = get_user_model().objects.create_user("editor1", "editor1@example.org", "x", is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    give_second_factor(editor)
    client.force_login(editor)
    data = _form_data(publish=False) | {"action-submit": "action-submit"}
    response = client.post(_add_url(birth_standard), data)
    assert response.status_code == 200
    assert "fixed_kecamatan" in _errors(response)[0]
    assert not ApplicationFormPage.objects.child_of(birth_standard).exists()


def test_an_optional_kecamatan_field_is_no_route(admin_client, birth_standard):
    fields = [_field("Kecamatan", T.KECAMATAN, required=False)]
    response = admin_client.post(_add_url(birth_standard), _form_data(fields=fields))
    assert "fixed_kecamatan" in _errors(response)[0]


def test_a_draft_without_a_route_may_be_saved_but_stays_unpublished(admin_client, birth_standard):
    response = admin_client.post(_add_url(birth_standard), _form_data(publish=False))
    assert response.status_code == 302
    page = ApplicationFormPage.objects.child_of(birth_standard).get()
    assert not page.live


def test_a_form_with_a_fixed_office_and_chosen_requirements_and_file_types_is_published(admin_client, birth_standard):
    office = KecamatanFactory()
    fields = [
        _field("Nama lengkap", T.SINGLELINE, allowed_types=()),
        _field(
            "Surat keterangan lahir",
            T.DOCUMENT,
            requirement="Surat keterangan lahir",
            allowed_types=("application/pdf", "image/png"),
        ),
    ]
    response = admin_client.post(_add_url(birth_standard), _form_data(fixed_kecamatan=office.pk, fields=fields))
    assert response.status_code == 302, _errors(response)
    page = ApplicationFormPage.objects.child_of(birth_standard).get()
    assert page.live and page.fixed_kecamatan == office and page.variant_code == "baru"
    document = page.form_fields.get(field_type=T.DOCUMENT)
    assert document.requirement == "Surat keterangan lahir"
    assert document.allowed_types == "application/pdf,image/png"
    birth_standard.refresh_from_db()  # the tree's child count is read from the row
    assert birth_standard.application_forms() == {"baru": page}


def test_a_kecamatan_field_routes_the_form(admin_client, birth_standard):
    fields = [_field("Kecamatan", T.KECAMATAN), _field("Surat", T.DOCUMENT, requirement="Surat keterangan lahir")]
    response = admin_client.post(_add_url(birth_standard), _form_data(fields=fields))
    assert response.status_code == 302, _errors(response)
    assert ApplicationFormPage.objects.child_of(birth_standard).get().live


def test_a_document_field_takes_its_requirement_from_the_variant(admin_client, birth_standard):
    office = KecamatanFactory()
    fields = [
        _field("Surat kehilangan", T.DOCUMENT, requirement="Surat kehilangan"),  # the other variant's
        _field("Dokumen lain", T.DOCUMENT, requirement=""),
    ]
    response = admin_client.post(_add_url(birth_standard), _form_data(fixed_kecamatan=office.pk, fields=fields))
    assert response.status_code == 200
    _, field_errors = _errors(response)
    assert "requirement" in field_errors[0]
    assert field_errors[1]["requirement"] == ["Pilih persyaratan standar yang dijawab dokumen ini."]
    assert not ApplicationFormPage.objects.child_of(birth_standard).exists()


def test_a_tracking_prefix_of_another_service_is_refused(admin_client, birth_standard):
    office = KecamatanFactory()
    response = admin_client.post(_add_url(birth_standard), _form_data(prefix="KTP", fixed_kecamatan=office.pk))
    assert response.status_code == 200
    assert _errors(response)[0]["tracking_prefix"] == ["KTP sudah menjadi awalan nomor pelacakan layanan lain."]
    assert not ApplicationFormPage.objects.child_of(birth_standard).exists()


def test_forms_of_one_service_share_its_prefix(admin_client, birth_standard):
    office = KecamatanFactory()
    ApplicationFormPageFactory(parent=birth_standard, variant_code="hilang", tracking_prefix="AKL", slug="hilang")
    response = admin_client.post(_add_url(birth_standard), _form_data(prefix="AKL", fixed_kecamatan=office.pk))
    assert response.status_code == 302, _errors(response)


@pytest.mark.parametrize("prefix", ["AK", "AKLHR"])
def test_a_prefix_is_two_to_five_capital_letters(admin_client, birth_standard, prefix):
    office = KecamatanFactory()
    response = admin_client.post(_add_url(birth_standard), _form_data(prefix=prefix, fixed_kecamatan=office.pk))
    assert response.status_code == 302, _errors(response)


@pytest.mark.parametrize("prefix", ["A", "akl", "AK1", "AKLAHR"])
def test_a_prefix_that_is_not_two_to_five_capital_letters_is_refused(admin_client, birth_standard, prefix):
    office = KecamatanFactory()
    response = admin_client.post(_add_url(birth_standard), _form_data(prefix=prefix, fixed_kecamatan=office.pk))
    assert response.status_code == 200
    assert "tracking_prefix" in _errors(response)[0]


def test_a_second_published_form_for_the_same_variant_is_refused(admin_client, birth_standard):
    office = KecamatanFactory()
    ApplicationFormPageFactory(parent=birth_standard, variant_code="baru", tracking_prefix="AKL", slug="lama")
    response = admin_client.post(_add_url(birth_standard), _form_data(fixed_kecamatan=office.pk))
    assert response.status_code == 200
    assert "variant_code" in _errors(response)[0]


def test_a_seeded_form_publishes_again_unchanged(admin_client, seeded):
    page = lost_card_form()
    form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).context["form"]
    data = {**_bound_data(form), "action-publish": "action-publish"}
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, _errors(response)


def _bound_data(form):
    """What the edit form would post back unchanged: every field's current value under its HTML name."""
    data = {}
    for bound in [form[name] for name in form.fields]:
        data.update(_value(bound))
    for formset in form.formsets.values():
        data.update({bound.html_name: bound.value() for bound in formset.management_form})
        for child in formset.forms:
            for name in child.fields:
                data.update(_value(child[name]))
    return data


def _value(bound):
    value = bound.value()
    if value is None or value is False:
        return {}
    if value is True:
        return {bound.html_name: "on"}
    return {bound.html_name: tuple(value) if isinstance(value, list) else value}


def test_an_editor_sees_a_preview_of_a_new_form(admin_client, birth_standard):
    url = reverse("wagtailadmin_pages:preview_on_add", args=("intake", "applicationformpage", birth_standard.pk))
    posted = admin_client.post(url, _form_data(publish=False))
    assert posted.json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Surat keterangan lahir" in body and "Kirim permohonan" in body


def test_the_standards_preview_shows_the_apply_link_of_a_draft_form(admin_client, birth_standard):
    draft = ApplicationFormPageFactory(parent=birth_standard, variant_code="baru", tracking_prefix="AKL", live=False)
    assert birth_standard.application_forms() == {}
    url = reverse("wagtailadmin_pages:view_draft", args=[birth_standard.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert f'href="{draft.url}"' in response.content.decode()
    assert f'href="{draft.url}"' not in admin_client.get(birth_standard.url).content.decode()
