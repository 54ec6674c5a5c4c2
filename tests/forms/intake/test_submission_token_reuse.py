"""A submission token belongs to the citizen whose form carried it: another citizen posting it gets nothing."""

import pytest

from forms.models import Application

from ..conftest import BUCKET
from ..helpers import VALID_KK, lost_card_form, lost_card_post, signed_in, tracking_from

pytestmark = pytest.mark.django_db


def _stored_objects(s3):
    return {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_another_citizen_posting_a_used_submission_token_is_refused_and_nothing_is_stored(
    citizen, other_citizen, s3_storage
):
    url = lost_card_form().url
    first = lost_card_post()
    tracking = tracking_from(signed_in(citizen).post(url, first))
    original = Application.objects.get(tracking_number=tracking)
    original_documents = sorted(original.documents.values_list("object_name", flat=True))
    objects_before = _stored_objects(s3_storage)

    # Budi replays Ani's hidden token (read off her screen, or from a shared computer's history) with his own data.
    replay = lost_card_post(
        submission_token=first["submission_token"],
        nama_lengkap="Budi Santoso",
        nik="6471061203850001",
        nomor_kk=VALID_KK,
    )
    response = signed_in(other_citizen).post(url, replay)

    assert response.status_code == 403
    assert tracking not in response.content.decode()
    assert Application.objects.count() == 1
    original.refresh_from_db()
    assert (original.applicant, original.applicant_name, original.nik) == (citizen, "Ani Lestari", "6471065208900003")
    assert sorted(original.documents.values_list("object_name", flat=True)) == original_documents
    assert _stored_objects(s3_storage) == objects_before
