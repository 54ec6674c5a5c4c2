"""UU 27/2022: a citizen deletes their account and personal data at once, after proving it is them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.test import Client
from wagtail.models import ModelLogEntry

from forms.complaints.models import Complaint
from forms.constants import ApplicationStatus
from forms.intake.retention import citizen_account_erase
from forms.models import Application, ApplicationDocument
from forms.review.transitions import application_transition

from ..complaints.helpers import new_complaint
from ..helpers import lost_card_form, lost_card_post, office_staff, signed_in, tracking_from

pytestmark = pytest.mark.django_db
URL = "/akun/hapus-akun/"
S = ApplicationStatus


def _signed_in(user):
    """Signed in, and the password given again on allauth's reauthentication page just now."""
    client = Client()
    client.force_login(user)
    response = client.post("/akun/reauthenticate/", {"password": "Sandi-uji-2026!"})
    assert response.status_code == 302
    return client


def _rejected_application(client, staff):
    application = Application.objects.get(
        tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post()))
    )
    return application_transition(
        application=application, action="reject", by=staff["verifier"], expected_status=S.SUBMITTED, note="Ganda"
    )


def test_a_citizen_erases_their_account_and_the_personal_data_of_finished_applications(
    citizen, other_citizen, django_capture_on_commit_callbacks
):
    staff = office_staff()
    client = _signed_in(citizen)
    finished = _rejected_application(client, staff)
    files = list(ApplicationDocument.objects.filter(application=finished).values_list("object_name", flat=True))
    complaint = new_complaint(complainant=citizen)
    Complaint.objects.filter(pk=complaint.pk).update(status="closed")
    others = Application.objects.get(
        tracking_number=tracking_from(signed_in(other_citizen).post(lost_card_form().url, lost_card_post()))
    )
    page = client.get(URL).content.decode()
    assert "Hapus akun dan data saya" in page and 'name="confirm"' in page
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not get_user_model().objects.filter(email="ani@example.org").exists()
    finished.refresh_from_db()
    assert finished.applicant is None and finished.anonymised_at is not None
    assert (finished.nik, finished.applicant_name, finished.form_data) == ("", "", {})
    assert finished.status == S.REJECTED and finished.history.count() == 2  # what the office counts stays
    assert not any(storages["private"].exists(name) for name in files)
    complaint.refresh_from_db()
    assert (complaint.complainant, complaint.email, complaint.nik) == (None, "", "")
    entry = ModelLogEntry.objects.for_instance(finished).get(action="intake.anonymise")
    assert entry.data["reason"] == "erasure_request"
    [confirmation] = mail.outbox
    assert confirmation.to == ["ani@example.org"] and confirmation.subject == "Akun dan data pribadi Anda telah dihapus"
    assert client.get("/permohonan/").status_code == 302  # signed out
    others.refresh_from_db()
    assert others.applicant == other_citizen and others.nik and others.anonymised_at is None


def test_erasure_waits_while_an_application_or_complaint_is_still_open(citizen):
    client = _signed_in(citizen)
    open_application = Application.objects.get(
        tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post()))
    )
    open_complaint = new_complaint(complainant=citizen)
    page = client.get(URL).content.decode()
    assert "Belum bisa: masih ada yang sedang diproses" in page
    assert open_application.tracking_number in page and open_complaint.tracking_number in page
    assert 'name="confirm"' not in page
    client.post(URL, {"confirm": "on"})  # a forged post is refused by the service too
    assert get_user_model().objects.filter(pk=citizen.pk).exists()
    open_application.refresh_from_db()
    assert open_application.nik and open_application.applicant == citizen


def test_the_box_must_be_ticked_and_an_old_sign_in_must_give_the_password_again(citizen):
    client = _signed_in(citizen)
    body = client.post(URL, {}).content.decode()
    assert "Centang kotak untuk memastikan bahwa Anda ingin semuanya dihapus." in body
    assert 'id="id_confirm_error"' in body
    stale = signed_in(citizen)  # signed in earlier: the password must be given again first
    response = stale.post(URL, {"confirm": "on"})
    assert response.status_code == 302 and response["Location"].startswith("/akun/reauthenticate/")
    assert get_user_model().objects.filter(pk=citizen.pk).exists()
    reauthenticate = response["Location"]
    wrong = stale.post(reauthenticate, {"password": "salah"})
    assert wrong.status_code == 200 and get_user_model().objects.filter(pk=citizen.pk).exists()
    # With the right password allauth resumes the request it held back: the erasure goes through.
    stale.post(reauthenticate, {"password": "Sandi-uji-2026!"})
    assert not get_user_model().objects.filter(pk=citizen.pk).exists()


def test_staff_accounts_are_not_erased_from_the_citizens_page(seeded):
    staff = office_staff()
    client = signed_in(staff["operator"])
    assert client.get(URL).status_code == 404


def test_staff_made_in_wagtails_users_screen_are_not_erased_either(seeded):
    """Wagtail's Users screen gives admin access through a group and never sets is_staff."""
    operator = get_user_model().objects.create_user(
        username="operator-baru", email="operator-baru@example.test", password="Sandi-uji-2026!"
    )
    operator.groups.add(Group.objects.get(name="Operator"))
    assert not operator.is_staff
    assert _signed_in(operator).get(URL).status_code == 404
    with pytest.raises(PermissionDenied):
        citizen_account_erase(user=operator)
    assert get_user_model().objects.filter(pk=operator.pk).exists()
