"""An editor's change reaches the public only after the Kepala Satuan Kerja Pelaksana approves it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision, WorkflowState

from services.editorial import APPROVERS, CONTENT_EDITORS
from services.models import Regulation, ServiceStandardPage
from tests.conftest import give_second_factor


def _staff(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x-not-used-9!", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    give_second_factor(user)
    return user


@pytest.fixture
def editor(seeded):
    return _staff("editor1", CONTENT_EDITORS)


@pytest.fixture
def approver(seeded):
    return _staff("approver1", APPROVERS)


def test_editor_may_edit_but_not_publish_pages(editor, approver):
    page = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(approver).can_publish()


def test_editors_page_change_is_public_only_after_approval(client, editor, approver):
    page = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    page.product = "KTP Elektronik (edisi revisi)"
    page.save_revision(user=editor)
    workflow = page.get_workflow()
    assert workflow is not None
    workflow_state = workflow.start(page, editor)

    assert "edisi revisi" not in client.get(page.url).content.decode()

    client.force_login(approver)
    task_state = workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": "Sesuai keputusan."})
    assert response.status_code in (200, 302)
    client.logout()

    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert "KTP Elektronik (edisi revisi)" in client.get(page.url).content.decode()


def test_rejected_page_change_never_goes_public(client, editor, approver):
    page = ServiceStandardPage.objects.get(slug="pendaftaran-ikd")
    page.product = "Produk yang ditolak"
    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    client.force_login(approver)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", workflow_state.current_task_state.pk))
    client.post(url, {"comment": "Tidak sesuai."})
    client.logout()
    assert "Produk yang ditolak" not in client.get(page.url).content.decode()


def _regulation_form(regulation, **changes):
    data = {
        "kind": regulation.kind,
        "number": regulation.number,
        "year": regulation.year,
        "designation": regulation.designation,
        "title": regulation.title,
    }
    return data | changes


def test_editors_regulation_change_waits_for_approval_through_the_admin(client, editor, approver):
    regulation = Regulation.objects.get(designation="Permendagri No. 109 Tahun 2019")
    page = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    new_title = "Formulir dan Buku yang Digunakan dalam Pelayanan Administrasi Kependudukan"

    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_services_regulation:edit", args=(regulation.pk,))
    response = client.post(edit_url, _regulation_form(regulation, title=new_title) | {"action-submit": "Submit"})
    assert response.status_code == 302
    client.logout()

    regulation.refresh_from_db()
    assert regulation.title != new_title
    assert new_title not in client.get(page.url).content.decode()
    workflow_state = WorkflowState.objects.for_instance(regulation).get()

    client.force_login(approver)
    url = reverse(
        "wagtailsnippets_services_regulation:workflow_action",
        args=(regulation.pk, "approve", workflow_state.current_task_state.pk),
    )
    client.post(url, {"comment": ""})
    client.logout()

    regulation.refresh_from_db()
    assert regulation.title == new_title
    assert new_title in client.get(page.url).content.decode()


def test_editor_cannot_publish_a_regulation_directly(client, editor):
    regulation = Regulation.objects.get(designation="Permendagri No. 74 Tahun 2015")
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_services_regulation:edit", args=(regulation.pk,))
    client.post(edit_url, _regulation_form(regulation, title="Judul tidak sah") | {"action-publish": "Publish"})
    regulation.refresh_from_db()
    assert regulation.title != "Judul tidak sah"


def test_regulation_form_explains_a_designation_without_its_number(client, approver):
    regulation = Regulation.objects.get(designation="UU No. 24 Tahun 2013")
    client.force_login(approver)
    client.cookies["django_language"] = "id"
    edit_url = reverse("wagtailsnippets_services_regulation:edit", args=(regulation.pk,))
    response = client.post(
        edit_url, _regulation_form(regulation, designation="UU Tahun 2013") | {"action-publish": "1"}
    )
    assert response.status_code == 200
    assert "Sebutan harus memuat nomor 24." in response.content.decode()
    regulation.refresh_from_db()
    assert regulation.designation == "UU No. 24 Tahun 2013"


def test_revisions_and_audit_log_are_kept(editor, approver):
    page = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    before = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    page.summary = "Ringkasan baru"
    page.save_revision(user=editor, log_action=True)
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == before + 1
    assert PageLogEntry.objects.filter(page=page, user=editor, action="wagtail.edit").exists()
