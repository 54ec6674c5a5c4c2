"""Editors group a form's fields into steps and set "show only when" conditions; the admin refuses impossible ones."""

import pytest

from forms.constants import ApplicationFieldType as T
from forms.intake.steps import form_plan
from forms.models import ApplicationFormPage
from tests.services.factories import KecamatanFactory

from .test_new_service_admin import _add_url, _errors, _field, _form_data, admin_client, birth_standard  # noqa: F401

pytestmark = pytest.mark.django_db


def _with(field, **extra):
    return {
        **field,
        "step_title": "",
        "condition_field": "",
        "condition_value": "",
        "condition_scope": "field",
        **extra,
    }


def _fields(*conditioned):
    return [
        _with(_field("Nama lengkap", T.SINGLELINE), step_title="Data diri"),
        _with({**_field("Cara pengambilan", T.RADIO), "choices": "Diambil\nDikirim"}),
        _with(_field("Surat keterangan lahir", T.DOCUMENT, requirement="Surat keterangan lahir")),
        *conditioned,
    ]


def _post(admin_client, birth_standard, fields):  # noqa: F811
    office = KecamatanFactory()
    return admin_client.post(_add_url(birth_standard), _form_data(fixed_kecamatan=office.pk, fields=fields))


def test_steps_and_a_step_condition_are_saved_and_planned(admin_client, birth_standard):  # noqa: F811
    address = _with(
        _field("Alamat kirim", T.MULTILINE),
        step_title="Alamat",
        condition_field="Cara pengambilan",
        condition_value="dikirim",
        condition_scope="step",
    )
    response = _post(admin_client, birth_standard, _fields(address))
    assert response.status_code == 302, _errors(response)
    plan = form_plan(ApplicationFormPage.objects.get(slug="akta-baru"))
    assert [(step.title, step.names) for step in plan.steps] == [
        ("Data diri", ["nama_lengkap", "cara_pengambilan", "surat_keterangan_lahir"]),
        ("Alamat", ["alamat_kirim"]),
    ]
    assert plan.steps[1].condition.expected == "Dikirim"  # the editor's spelling resolves to the choice itself
    assert plan.visible({"cara_pengambilan": "Diambil"}) == {
        "nama_lengkap",
        "cara_pengambilan",
        "surat_keterangan_lahir",
    }
    assert "alamat_kirim" in plan.visible({"cara_pengambilan": "Dikirim"})


@pytest.mark.parametrize(
    ("condition", "field", "message"),
    [
        (
            {"condition_field": "Jenis kelamin", "condition_value": "x"},
            "condition_field",
            "tidak memiliki isian berlabel “Jenis kelamin”",
        ),
        (
            {"condition_field": "Cara pengambilan", "condition_value": "Diantar"},
            "condition_value",
            "“Diantar” bukan salah satu jawaban “Cara pengambilan”: Diambil, Dikirim.",
        ),
        (
            {"condition_field": "Nama lengkap", "condition_value": "Ani"},
            "condition_field",
            "tidak memiliki jawaban tetap",
        ),
        ({"condition_field": "Catatan", "condition_value": "ya"}, "condition_field", "berada setelah isian ini"),
        ({"condition_field": "", "condition_value": "Dikirim"}, "condition_field", "Sebutkan isian"),
        (
            {
                "condition_field": "Cara pengambilan",
                "condition_value": "Dikirim",
                "condition_scope": "step",
                "step_title": "Tambahan",
            },
            "condition_field",
            "",
        ),
    ],
    ids=[
        "unknown-field",
        "value-not-a-choice",
        "field-without-choices",
        "later-field",
        "value-without-field",
        "valid-step",
    ],
)
def test_a_condition_that_can_never_be_met_is_refused_on_the_field(
    admin_client,  # noqa: F811
    birth_standard,  # noqa: F811
    condition,
    field,
    message,
):
    conditioned = _with(_field("Alamat kirim", T.MULTILINE), **condition)
    later = _with({**_field("Catatan", T.CHECKBOX), "required": ""})
    response = _post(admin_client, birth_standard, _fields(conditioned, later))
    if not message:
        assert response.status_code == 302, _errors(response)
        return
    assert response.status_code == 200
    errors = _errors(response)[1][3]
    assert message in " ".join(errors[field]), errors


def test_a_condition_on_a_field_in_a_later_step_and_a_cycle_are_refused(admin_client, birth_standard):  # noqa: F811
    first = _with(_field("Nama lengkap", T.SINGLELINE), condition_field="Setuju", condition_value="ya")
    second = _with(
        {**_field("Setuju", T.CHECKBOX), "required": ""},
        step_title="Persetujuan",
        condition_field="Nama lengkap",
        condition_value="x",
    )
    response = _post(admin_client, birth_standard, [first, second])
    assert response.status_code == 200
    field_errors = _errors(response)[1]
    assert "berada setelah isian ini" in " ".join(field_errors[0]["condition_field"])
    assert "tidak memiliki jawaban tetap" in " ".join(field_errors[1]["condition_field"])


def test_a_step_condition_needs_an_answer_from_an_earlier_step(admin_client, birth_standard):  # noqa: F811
    same = _with(
        _field("Alamat kirim", T.MULTILINE),
        condition_field="Cara pengambilan",
        condition_value="Dikirim",
        condition_scope="step",
    )
    response = _post(admin_client, birth_standard, _fields(same))
    assert "Hanya isian yang memulai langkah" in " ".join(_errors(response)[1][3]["condition_scope"])
