"""private_orphans_sweep: deletes private objects no row names once they are an hour old, and nothing else."""

import os
import time
import uuid
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from storages.backends.s3 import S3Storage

from forms.intake.orphans import private_orphans_sweep
from forms.intake.uploads import inspect_upload
from forms.models import Application

from ..complaints.helpers import new_complaint
from ..helpers import lost_card_form, lost_card_post, signed_in, tracking_from
from ..s3_faults import private_s3_options, private_s3_storage, stored_keys
from ..upload_samples import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_folder(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    return storages["private"]


def orphan(storage) -> str:
    """An object as a failed submission leaves it: a generated name that no row holds."""
    return storage.save(f"permohonan/KTP-2026-ORPHAN0/2026/12/{uuid.uuid4().hex}.pdf", ContentFile(b"%PDF-1.7 ..."))


def referenced_objects(client) -> list[str]:
    """Two application documents and a complaint attachment, each named by its row."""
    application = Application.objects.get(
        tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post()))
    )
    photo = inspect_upload(SimpleUploadedFile("bukti.jpg", jpeg_bytes(), "image/jpeg"))
    complaint = new_complaint(attachment=photo)
    return [*application.documents.values_list("object_name", flat=True), complaint.attachment.object_name]


def make_old(storage, name, age: timedelta) -> None:
    then = time.time() - age.total_seconds()
    os.utime(storage.path(name), (then, then))


def sweep() -> str:
    out = StringIO()
    call_command("private_orphans_sweep", stdout=out)
    return out.getvalue()


def test_sweep_deletes_old_unreferenced_objects_and_keeps_referenced_and_young_ones(citizen, private_folder):
    referenced = referenced_objects(signed_in(citizen))
    old_orphan, young_orphan = orphan(private_folder), orphan(private_folder)
    for name in [*referenced, old_orphan]:
        make_old(private_folder, name, timedelta(hours=3))
    make_old(private_folder, young_orphan, timedelta(minutes=59))

    output = sweep()

    assert not private_folder.exists(old_orphan)
    assert all(private_folder.exists(name) for name in [*referenced, young_orphan])
    assert "Checked 5 private object(s): deleted 1 " in output and "kept 3 referenced and 1 younger" in output
    assert "deleted 0 " in sweep()  # safe to repeat
    assert all(private_folder.exists(name) for name in [*referenced, young_orphan])


def test_dry_run_counts_orphans_and_deletes_nothing(citizen, private_folder):
    name = orphan(private_folder)
    make_old(private_folder, name, timedelta(hours=2))
    out = StringIO()
    call_command("private_orphans_sweep", "--dry-run", stdout=out)
    assert "would delete 1 " in out.getvalue() and private_folder.exists(name)


def test_sweep_works_on_s3_under_the_private_prefix_only(citizen, settings, s3_endpoint):
    storage = private_s3_storage(settings, s3_endpoint)
    # Another prefix in the same bucket (the public storage's, or another environment's) is never touched.
    neighbour = S3Storage(**private_s3_options(s3_endpoint))
    with time_machine.travel(timezone.now() - timedelta(hours=2)):
        referenced = referenced_objects(signed_in(citizen))
        old_orphan, outside = orphan(storage), orphan(neighbour)
    young_orphan = orphan(storage)

    result = private_orphans_sweep()

    assert (result.checked, result.deleted, result.referenced, result.young) == (5, 1, 3, 1)
    assert stored_keys(s3_endpoint, storage) == sorted(
        f"{storage.location}/{name}" for name in [*referenced, young_orphan]
    )
    assert old_orphan not in stored_keys(s3_endpoint, storage)
    assert stored_keys(s3_endpoint, neighbour) == [f"{neighbour.location}/{outside}"]
