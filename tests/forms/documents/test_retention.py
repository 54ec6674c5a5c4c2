"""The issued PDF is personal data: exported, erased and swept with the application; its QR still verifies after."""

import pytest
from django.test import Client
from django.utils import timezone

from forms.constants import ApplicationStatus
from forms.documents.models import IssuedDocument
from forms.intake.data_export import citizen_data
from forms.intake.retention import application_anonymise, personal_data_holders
from forms.office.storage import private_storage

from .conftest import certify

pytestmark = pytest.mark.django_db


def test_the_sweep_deletes_the_file_of_an_anonymised_application_and_the_page_still_answers(awaiting, staff):
    document = certify(awaiting, staff["head_of_office"])
    name = document.object_name
    assert citizen_data(awaiting.applicant)["issued_documents"][0]["sha256"] == document.sha256

    awaiting.refresh_from_db()
    type(awaiting).objects.filter(pk=awaiting.pk).update(status=ApplicationStatus.ARCHIVED)
    application_anonymise(application=awaiting, now=timezone.now())
    for holder in personal_data_holders():
        holder.retention_apply()

    document = IssuedDocument.objects.get(pk=document.pk)
    assert document.object_name == "" and document.file_deleted_at is not None
    assert not private_storage().exists(name)
    assert Client().get(f"/verifikasi/{document.code}/").status_code == 200
    assert signed_in_download(awaiting) == 404


def signed_in_download(application):
    client = Client()
    client.force_login(application.applicant)
    return client.get(f"/permohonan/{application.tracking_number}/dokumen-terbit/").status_code
