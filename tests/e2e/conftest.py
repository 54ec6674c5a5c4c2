import os
import shutil

import pytest
from playwright.sync_api import expect, sync_playwright

from .helpers import BROWSER_TIMEOUT_MS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; `make test` installs it, Playwright never downloads one."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is missing: run `make test`, which installs Debian's chromium package")
    # Django refuses ORM calls from a thread with a running event loop; Playwright's sync API runs one.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Every wait, `expect` included (5 s by default), gets the same room on a loaded machine.
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A small phone screen, as most citizens use."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()
