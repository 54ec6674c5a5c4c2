"""The example Kartu Keluarga reprint: a digital-document service anyone can try after `make run`."""

from django.core.management import call_command

from forms.constants import Processing
from forms.models import ApplicationFormPage
from home.example_service import SLUG
from services.models import ServiceStandardPage


def test_the_example_service_is_published_with_a_digital_form_and_marked_for_review(seeded, client):
    call_command("load_example_service", verbosity=0)
    call_command("load_example_service", verbosity=0)
    standard = ServiceStandardPage.objects.live().get(slug=SLUG)
    assert standard.is_example and standard.product == "Kartu Keluarga"
    assert (standard.duration_value, standard.duration_unit, standard.fee_amount) == (1, "working_days", 0)
    [form] = ApplicationFormPage.objects.child_of(standard).live()
    assert form.processing == Processing.DIGITAL and form.variant_code == "hilang-rusak"
    requirements = [field.requirement for field in form.get_form_fields() if field.field_type == "document"]
    assert requirements == list(standard.variants[0].value["requirements"])
    page = client.get(standard.url)
    assert page.status_code == 200
    assert "Contoh layanan." in page.content.decode()
    assert form.url in page.content.decode()
