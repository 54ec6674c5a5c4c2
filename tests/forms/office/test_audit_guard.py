"""Wagtail's audit log is append-only: PostgreSQL refuses changing, deleting or emptying it, and nothing the portal
or Wagtail does in normal work needs to."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from wagtail.actions.delete_page import DeletePageAction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from forms.intake.retention import citizen_account_erase
from services.models import Kecamatan

pytestmark = pytest.mark.django_db


def _refused(statement, params=()):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        # As on a production connection: only the test settings switch this on, for the flush between tests.
        cursor.execute("SET LOCAL portal.allow_truncate = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for no deferred check of this test's rows
        cursor.execute(statement, params)


@pytest.mark.postgres_only
def test_postgresql_refuses_to_change_delete_or_truncate_the_audit_log(seeded):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's; SQLite is only the development default")
    model_entry = log(instance=Kecamatan.objects.first(), action="dispatch.chain_broken", data={"sequences": [2]})
    page_entry = log(instance=seeded, action="wagtail.edit")
    assert isinstance(model_entry, ModelLogEntry) and isinstance(page_entry, PageLogEntry)

    for table, entry in (("wagtailcore_modellogentry", model_entry), ("wagtailcore_pagelogentry", page_entry)):
        _refused(f"UPDATE {table} SET action = 'wagtail.view' WHERE id = %s", [entry.pk])  # noqa: S608
        _refused(f"DELETE FROM {table} WHERE id = %s", [entry.pk])  # noqa: S608
        _refused(f"TRUNCATE {table}")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ModelLogEntry.objects.filter(pk=model_entry.pk).delete()

    model_entry.refresh_from_db()
    page_entry.refresh_from_db()
    assert (model_entry.action, model_entry.data, page_entry.action) == (
        "dispatch.chain_broken",
        {"sequences": [2]},
        "wagtail.edit",
    )


def test_erasing_a_citizens_account_keeps_the_audit_entries_that_name_them(citizen):
    # The entry's user is a plain id (DO_NOTHING, no constraint): deleting the user touches no log row.
    citizen_id = citizen.pk
    entry = log(instance=citizen, action="wagtail.edit", user=citizen)
    entries_before = ModelLogEntry.objects.count()
    citizen_account_erase(user=citizen)
    assert not get_user_model().objects.filter(pk=citizen_id).exists()
    entry.refresh_from_db()
    assert entry.user_id == citizen_id
    assert ModelLogEntry.objects.count() == entries_before


def test_deleting_a_page_in_wagtail_keeps_its_audit_entries(seeded):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    page = seeded.add_child(instance=Page(title="Pengumuman sementara", slug="pengumuman-sementara"))
    page_id = page.pk
    log(instance=page, action="wagtail.edit", user=admin)
    DeletePageAction(page, user=admin).execute(skip_permission_checks=True)
    assert not Page.objects.filter(pk=page_id).exists()
    assert list(PageLogEntry.objects.filter(page_id=page_id).order_by("pk").values_list("action", flat=True)) == [
        "wagtail.create",
        "wagtail.edit",
        "wagtail.delete",
    ]
