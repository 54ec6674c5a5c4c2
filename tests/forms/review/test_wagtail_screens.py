"""Wagtail's own Forms, Reports and Site history screens, tried for every staff role: no NIK, scope held, no 500."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from wagtail.admin.menu import admin_menu, reports_menu

from forms.models import Application, ApplicationFormPage
from forms.review.transitions import application_transition
from tests.conftest import give_second_factor

from ..dispatch.conftest import counter_application
from ..helpers import VALID_KK, VALID_NIK, lost_card_form, lost_card_post, office_staff, signed_in, tracking_from

pytestmark = pytest.mark.django_db

EVERY_ROLE = ["operator", "verifier", "section_head", "siak_admin", "head_of_office", "editor", "superuser"]
REPORTS = [
    "/admin/reports/site-history/",
    "/admin/reports/site-history/results/",
    "/admin/reports/locked/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/aging-pages/",
    "/admin/reports/page-types-usage/",
]
SIXTEEN_DIGITS = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])")


@pytest.fixture
def people(seeded):
    staff = office_staff()
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    give_second_factor(root)
    return {**staff, "superuser": root}


@pytest.fixture
def online_application(citizen, people):
    """Filed on the web in Balikpapan Kota (so it is among the form page's submissions), then accepted there."""
    client = Client()
    client.force_login(citizen)
    number = tracking_from(client.post(lost_card_form().url, lost_card_post()))
    application = Application.objects.get(tracking_number=number)
    return application_transition(
        application=application, action="accept", by=people["operator"], expected_status=application.status
    )


@pytest.fixture
def elsewhere_application(people):
    """Recorded at the Balikpapan Utara counter: its audit entries belong to that kecamatan."""
    return counter_application(people["operator_elsewhere"], nik="6471031503850002", kk_number=VALID_KK)


def _menu_urls(menu, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.url for item in menu.menu_items_for_request(request)}


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_no_one_reads_applications_in_wagtails_forms_screens(people, online_application, role):
    client = signed_in(people[role])
    for page in ApplicationFormPage.objects.all():
        base = f"/admin/forms/submissions/{page.pk}/"
        for url in (base, base + "results/", base + "?export=csv", base + "?export=xlsx"):
            response = client.get(url)
            assert response.status_code == 404, url
            assert VALID_NIK.encode() not in _body(response)
    listing = client.get("/admin/forms/")
    assert all(page.title not in listing.content.decode() for page in ApplicationFormPage.objects.all())
    assert not any(url.startswith("/admin/forms/") for url in _menu_urls(admin_menu, people[role]))


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_no_one_deletes_applications_through_wagtails_forms_screen(people, online_application, role):
    url = f"/admin/forms/submissions/{online_application.page_id}/delete/?selected-submissions={online_application.pk}"
    client = signed_in(people[role])
    for response in (client.get(url), client.post(url)):
        # Wagtail's own refusal (its PermissionDenied becomes a redirect to the dashboard), before any listing.
        assert (response.status_code, response.get("Location")) == (302, "/admin/")
    assert Application.objects.filter(pk=online_application.pk).exists()


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_site_history_answers_every_role_without_a_whole_nik(people, online_application, elsewhere_application, role):
    client = signed_in(people[role])
    for url in ("/admin/reports/site-history/", "/admin/reports/site-history/results/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not SIXTEEN_DIGITS.search(response.content.decode()), url


def _site_history_numbers(client):
    page = client.get("/admin/reports/site-history/").content.decode()
    export = _body(client.get("/admin/reports/site-history/?export=csv")).decode()
    labels = {row[1] for row in list(csv.reader(io.StringIO(export)))[1:]}  # columns: id, name, type, ...
    return page, labels


def test_an_operator_sees_no_audit_entry_of_another_kecamatans_application(
    people, online_application, elsewhere_application
):
    page, labels = _site_history_numbers(signed_in(people["operator"]))
    assert online_application.tracking_number in page and online_application.tracking_number in labels
    assert elsewhere_application.tracking_number not in page and elsewhere_application.tracking_number not in labels
    review = f"/admin/permohonan/review/{online_application.pk}/"
    assert f'href="{review}"' in page  # each entry links to the application's review page

    page, labels = _site_history_numbers(signed_in(people["operator_elsewhere"]))
    assert elsewhere_application.tracking_number in page and elsewhere_application.tracking_number in labels
    assert online_application.tracking_number not in page and online_application.tracking_number not in labels


def test_city_wide_roles_see_every_kecamatans_application_entries(people, online_application, elsewhere_application):
    page, labels = _site_history_numbers(signed_in(people["verifier"]))
    assert {online_application.tracking_number, elsewhere_application.tracking_number} <= labels
    assert f'href="/admin/permohonan/review/{elsewhere_application.pk}/"' in page


def test_content_editors_see_no_application_entries(people, online_application, elsewhere_application):
    page, labels = _site_history_numbers(signed_in(people["editor"]))
    for number in (online_application.tracking_number, elsewhere_application.tracking_number):
        assert number not in page and number not in labels


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_every_report_in_a_roles_menu_answers_and_the_others_refuse_without_an_error(people, online_application, role):
    client = signed_in(people[role])
    in_menu = _menu_urls(reports_menu, people[role])
    assert "/admin/reports/site-history/" in in_menu
    for url in REPORTS:
        response = client.get(url)
        if url in in_menu or url.replace("results/", "") in in_menu:
            assert response.status_code == 200, url
        else:
            # Wagtail's own refusal: back to the dashboard with a message.
            assert (response.status_code, response.get("Location")) == (302, "/admin/"), url
