"""Every string the staff screens show is Indonesian (issue 17): Wagtail's, allauth's, django-filter's and the portal's.

The screens are rendered through the test client while every gettext lookup is recorded (tests/home/untranslated.py);
a lookup whose Indonesian answer is still the English msgid is listed. The screens are the sidebar menu's every entry
for an administrator (Wagtail's own screens) and an operator (the portal's rooms), plus the pages those open: the
page editor, a snippet, a user, a group, search, the review, hand-over and counter screens, allauth's screens.
"""

import ast
import json
import re
from pathlib import Path

import pytest
import wagtail.admin
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.template import engines
from django.test import Client
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site, Task, Workflow
from wagtail.users.models import UserProfile

from forms.dispatch.services import card_print
from forms.review.counter import counter_variants
from services.models import Kecamatan, Regulation
from tests.conftest import give_second_factor
from tests.forms.complaints.helpers import new_complaint
from tests.forms.dispatch.conftest import approved_for_print, counter_application, stock_up
from tests.forms.helpers import office_staff, signed_in

from .untranslated import ALLOWED, needs_words, untranslated_lookups

pytestmark = pytest.mark.django_db
PASSWORD = "Sandi-petugas-2026!"


def _menu_urls(html):
    """Every address in the admin's sidebar menu (drawn from JSON props), submenus included."""
    props = json.loads(re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1))
    urls = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("url"), str) and node["url"].startswith("/admin/"):
                urls.append(node["url"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return list(dict.fromkeys(urls))


@pytest.fixture
def screens(seeded):
    """An administrator (Indonesian chosen in Wagtail's preferences, "id-id") and an operator (the portal's "id")."""
    staff = office_staff()
    admin = get_user_model().objects.create_superuser("administrator", "administrator@example.org", "x")
    UserProfile.get_for_user(admin)
    UserProfile.objects.filter(user=admin).update(preferred_language="id-id")
    give_second_factor(admin)
    kota = Kecamatan.objects.get(name="Balikpapan Kota")
    stock_up(staff, kota, 50)
    printed = card_print(application=approved_for_print(staff), by=staff["operator"])
    waiting = counter_application(staff["operator"])
    complaint = new_complaint()
    home = Page.objects.get(depth=2)
    service = home.get_children().live().first()
    group = Group.objects.get(name="Operator")
    image = Image.objects.create(title="Kantor", file=get_test_image_file())
    document = Document.objects.create(title="Maklumat", file=ContentFile(b"%PDF-1.4 maklumat", name="maklumat.pdf"))
    workflow = Workflow.objects.first()
    task = Task.objects.first()
    admin_urls = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/{service.pk}/edit/",
        f"/admin/pages/{home.pk}/add_subpage/",
        f"/admin/pages/{home.pk}/history/",
        "/admin/pages/search/?q=ktp",
        "/admin/pages/?ordering=-latest_revision_created_at",
        reverse("wagtailsnippets_services_regulation:edit", args=[Regulation.objects.first().pk]),
        reverse("wagtailsnippets_services_regulation:add"),
        reverse("wagtailusers_users:edit", args=[admin.pk]),
        reverse("wagtailusers_users:add"),
        reverse("wagtailusers_groups:edit", args=[group.pk]),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtailadmin_account"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtaildocs:edit", args=[document.pk]),
        reverse("wagtailadmin_pages:move", args=[service.pk]),
        reverse("wagtailadmin_pages:delete", args=[service.pk]),
        reverse("wagtailadmin_pages:copy", args=[service.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[service.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[service.pk]),
        reverse("wagtailadmin_pages:usage", args=[service.pk]),
        reverse("wagtailadmin_workflows:edit", args=[workflow.pk]),
        reverse("wagtailadmin_workflows:edit_task", args=[task.pk]),
        reverse("wagtailusers_groups:add"),
        reverse("wagtailredirects:add"),
        reverse("wagtailsites:edit", args=[Site.objects.first().pk]),
        "/admin/reports/site-history/?ordering=-timestamp",
    ]
    operator_urls = [
        "/admin/",
        f"/admin/permohonan/review/{waiting.pk}/",
        f"/admin/permohonan/review/{printed.pk}/",
        "/admin/permohonan/?q=KTP&ordering=due_at",
        "/admin/permohonan/?overdue=true",
        f"/admin/cetak/{kota.pk}/serah-terima/{printed.pk}/",
        reverse("complaints_admin:detail", args=[complaint.pk]),
        reverse("complaints_admin:record"),
        reverse("dispatch:ledger", args=[kota.pk]),
        reverse("dispatch:hand_over_list", args=[kota.pk]),
        reverse("dispatch:manifests", args=[kota.pk]),
        reverse("intake_application:counter") + "?variant=" + first_counter_variant(),
        reverse("intake_application:counter_receipt", args=[waiting.pk]),
        reverse("service_report:index") + "?period=year&year=2026",
        "/akun/2fa/",
        "/akun/email/",
        "/akun/password/change/",
    ]
    # The other roles' dashboards and menus (their panels and rooms differ).
    others = [(staff[who], ["/admin/"]) for who in ("verifier", "section_head", "head_of_office", "siak_admin")]
    return [(admin, admin_urls), (staff["operator"], operator_urls), *others]


def first_counter_variant():
    service, variant = next(iter(counter_variants()))
    return f"{service.pk}:{variant['code']}"


def _allauth_screens():
    """The login, the second-factor stage and the first TOTP set-up, as a member of staff meets them."""
    anonymous = Client()
    for url in ("/akun/login/", "/akun/password/reset/"):
        assert anonymous.get(url).status_code == 200, url
    with_totp = get_user_model().objects.create_user("petugas.2fa", "petugas.2fa@example.org", PASSWORD, is_staff=True)
    EmailAddress.objects.create(user=with_totp, email=with_totp.email, verified=True, primary=True)
    give_second_factor(with_totp)
    stage = Client()
    assert (
        stage.post("/akun/login/", {"login": with_totp.email, "password": PASSWORD})["Location"]
        == "/akun/2fa/authenticate/"
    )
    assert stage.get("/akun/2fa/authenticate/").status_code == 200
    assert "Kode" in stage.post("/akun/2fa/authenticate/", {"code": "000000"}).content.decode()
    first_time = get_user_model().objects.create_user(
        "petugas.baru", "petugas.baru@example.org", PASSWORD, is_staff=True
    )
    EmailAddress.objects.create(user=first_time, email=first_time.email, verified=True, primary=True)
    assert signed_in(first_time).get("/admin/", follow=True).status_code == 200
    return ["/akun/login/", "/akun/password/reset/", "/akun/2fa/authenticate/", "/akun/2fa/totp/activate/"]


def _render(user, urls):
    client = signed_in(user)
    seen = []
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, (user.username, url, response.status_code)
        seen.append(url)
        if url == "/admin/":
            extra = [u for u in _menu_urls(response.content.decode()) if u not in urls]
            for menu_url in extra:
                menu_response = client.get(menu_url, follow=True)
                assert menu_response.status_code == 200, (user.username, menu_url, menu_response.status_code)
                seen.append(menu_url)
    return seen


def test_no_english_is_left_on_the_staff_screens(screens):
    with untranslated_lookups() as untranslated:
        rendered = [url for user, urls in screens for url in _render(user, urls)] + _allauth_screens()
    assert len(rendered) > 40, rendered
    listing = "\n".join(
        f"  {context + ' | ' if context else ''}{msgid!r}" for msgid, context in sorted(untranslated.items())
    )
    assert not untranslated, f"{len(untranslated)} English msgids on the staff screens:\n{listing}"


class _NewEnglishLabel(Component):
    """A dashboard panel added during the test, with a label no catalogue has."""

    order = 1000

    def render_html(self, parent_context=None):
        template = engines["django"].from_string('{% load i18n %}<p>{% translate "Brand-new English label" %}</p>')
        return template.render({})


def _add_new_label(request, panels):
    panels.append(_NewEnglishLabel())


def test_the_checker_reports_a_new_english_label(screens):
    admin, _urls = screens[0]
    with hooks.register_temporarily("construct_homepage_panels", _add_new_label), untranslated_lookups() as found:
        page = signed_in(admin).get("/admin/").content.decode()
    assert "Brand-new English label" in page
    assert "Brand-new English label" in found
    # The same lookup under English is not a finding: only what Indonesian staff would read counts.
    UserProfile.objects.filter(user=admin).update(preferred_language="en")
    with hooks.register_temporarily("construct_homepage_panels", _add_new_label), untranslated_lookups() as found:
        page = signed_in(admin).get("/admin/").content.decode()
    assert "Brand-new English label" in page
    assert "Brand-new English label" not in found


def _wagtail_js_msgids():
    """The msgids of Wagtail's admin JavaScript, read from its own English catalogue."""
    source = Path(wagtail.admin.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
    return {ast.literal_eval(line[6:]) for line in source.read_text().splitlines() if line.startswith('msgid "')} - {""}


def test_wagtails_javascript_strings_are_indonesian(screens):
    """The admin's JS catalogue (wagtailadmin_javascript_catalog) merges LOCALE_PATHS: every string has Indonesian."""
    admin, _urls = screens[0]
    operator, _urls = screens[1]
    for user in (admin, operator):  # "id-id" chosen in the preferences, and the portal's "id"
        script = signed_in(user).get(reverse("wagtailadmin_javascript_catalog")).content.decode()
        catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
        english = [
            msgid
            for msgid in _wagtail_js_msgids()
            if needs_words(msgid)
            and not (catalog.get(msgid) and catalog[msgid] != msgid)
            and msgid.strip().rstrip(":").lower() not in ALLOWED
        ]
        assert not english, sorted(english)
