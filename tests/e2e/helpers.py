"""What the browser tests share. Every step waits for the page it expects (Playwright's `expect`), never for a
fixed time and never by reading the page right after an action, so a loaded machine only makes them slower."""

import re

from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from forms.models import StaffProfile
from services.models import Kecamatan
from tests.conftest import current_totp_code, give_second_factor

BROWSER_TIMEOUT_MS = 20_000
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
CITIZEN_PASSWORD = "Sandi-uji-2026!"  # tests.forms.conftest.make_citizen's
STAFF_PASSWORD = "Sandi-petugas-2026!"
# "Kata sandi" and its required-field star, not "Kata sandi (lagi)".
PASSWORD_LABEL = re.compile(r"^Kata sandi\W*$")
# The server checks the code in the period it was read in; leave room for a slow, loaded machine to post it.
TOTP_MARGIN_SECONDS = 12


def assert_accessible(page, *, context=None, fits_phone=False):
    """No WCAG 2.2 AA violation found by axe-core; with fits_phone, no sideways scrolling either."""
    results = Axe().run(page, context=context, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    if fits_phone:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page.url} scrolls sideways on a phone"


SERIOUS = {"serious", "critical"}


def assert_no_serious_violations(page):
    """No axe-core violation at the serious or critical level on the page as it is now."""
    # Wagtail's messages fade in; axe measuring one half-faded reports a contrast the finished page does not have.
    page.wait_for_function(
        "[...document.querySelectorAll('.messages, .messages *')].every(el => getComputedStyle(el).opacity === '1')"
    )
    violations = Axe().run(page, options=WCAG_AA).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}" for v in violations if v["impact"] in SERIOUS
    ]
    assert serious == [], f"{page.url}: {serious}"


def citizen_log_in(page, live_server, email, password=CITIZEN_PASSWORD):
    """Sign in on the login page and wait until the citizen's own page shows them signed in."""
    page.goto(live_server.url + "/akun/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/permohonan/$"))
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def staff_member(username, role, kecamatan=None):
    """A staff user in one group, with a confirmed e-mail and a TOTP second factor; returns (user, secret)."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", STAFF_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if kecamatan:
        StaffProfile.objects.create(user=user, kecamatan=Kecamatan.objects.get(name=kecamatan))
    return user, give_second_factor(user)


def staff_log_in(browser, live_server, user, secret):
    """A desktop browser signed in through the password and TOTP steps, waiting for each; returns (context, page)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label(PASSWORD_LABEL).fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/akun/2fa/authenticate/"))
    page.get_by_label(re.compile(r"^Kode\W*$")).fill(current_totp_code(secret, margin_seconds=TOTP_MARGIN_SECONDS))
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return context, page
