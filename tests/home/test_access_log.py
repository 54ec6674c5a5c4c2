"""A real gunicorn, started from the repository root as in production, writes no whole NIK to its access log."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

REPO_ROOT = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).with_name("gunicorn")
NIK = "6471065208900003"
MASKED = "6471********0003"
# Committed, not inside a test transaction: the server must read the database while the test runs (on SQLite a
# test transaction would hold the write lock that every request's transaction waits for).
pytestmark = pytest.mark.django_db(transaction=True)
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
START_TIMEOUT_SECONDS = 60


def _database_url():
    """The test database as a DATABASE_URL, so the server reads the same migrated and seeded data."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def gunicorn_server(transactional_db, tmp_path):
    """gunicorn on a free port, one worker, its access and error logs in files; yields (base URL, log paths)."""
    access_log, error_log = tmp_path / "access.log", tmp_path / "error.log"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": _database_url(),
    }
    process = subprocess.Popen(  # noqa: S603  (a fixed command line of our own)
        [
            str(GUNICORN),
            "portal.wsgi",
            "--bind=127.0.0.1:0",
            "--workers=1",
            "--no-control-socket",  # several servers may run at once on one machine
            f"--access-logfile={access_log}",
            f"--error-logfile={error_log}",
        ],
        cwd=REPO_ROOT,  # gunicorn reads ./gunicorn.conf.py from here, as in production
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base_url = _wait_until_serving(process, error_log)
        yield base_url, access_log, error_log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(process, error_log):
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}: {error_log.read_text()[-2000:]}")
        found = LISTENING.search(error_log.read_text()) if error_log.exists() else None
        if found:
            base_url = f"http://127.0.0.1:{found.group(1)}"
            try:
                urllib.request.urlopen(f"{base_url}/healthz", timeout=10).close()  # noqa: S310  (our own server)
            except urllib.error.HTTPError:
                pass  # any answer means the worker is up
            except OSError:
                time.sleep(0.2)
                continue
            return base_url
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not start in {START_TIMEOUT_SECONDS} s: {error_log.read_text()[-2000:]}")


def _get(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310  (our own server)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _access_lines(access_log, count):
    """The access log's lines once there are count of them besides the readiness check's /healthz; a worker
    writes each line just after its response."""
    deadline = time.monotonic() + 10
    while True:
        lines = [line for line in access_log.read_text().splitlines() if "/healthz" not in line]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def test_the_access_log_of_a_gunicorn_server_carries_no_16_digit_run_after_a_nik_search(gunicorn_server):
    base_url, access_log, error_log = gunicorn_server
    grouped = "+".join([NIK[:4], NIK[4:8], NIK[8:12], NIK[12:]])  # typed with spaces, encoded by the browser
    requests = [
        f"/lacak/?nomor=KTP-2026-7QX4M2K&nik={NIK}",
        f"/admin/permohonan/?q={NIK}",
        f"/admin/permohonan/?q={grouped}&export=csv",
    ]
    referer = f"{base_url}/admin/permohonan/?q={NIK}"
    for path in requests:
        # Followed like a browser: the admin sends a visitor to the login page, with the search in ?next=.
        assert _get(base_url + path, Referer=referer) == 200, path

    lines = _access_lines(access_log, 2 * len(requests) - 1)
    assert len(lines) == 5, lines  # /lacak/, and each admin search plus its login page
    assert sum('"GET /akun/login/?next=' in line for line in lines) == 2, lines
    for line in lines:
        assert MASKED in line, line
        assert f'"{base_url}/admin/permohonan/?q={MASKED}"' in line, line  # the Referer atom too
    log = access_log.read_text() + error_log.read_text()
    assert not re.search(r"\d{16}", log), log
    assert not re.search(r"6471\D{0,3}0652\D{0,3}0890\D{0,3}0003", log), log  # nor written in groups
