"""Every log the portal writes masks NIKs and KK numbers: Django's loggers, runserver's access log, the app's own."""

import contextlib
import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIRequestHandler
from gunicorn.glogging import SafeAtoms

from portal.logging import NIKMaskingFilter, id_numbers_mask

NIK = "6471065208900003"
KK = "6471060101100007"
MASKED = "6471********0003"
WHOLE_NUMBER = re.compile(r"\d{16}")


@contextlib.contextmanager
def written_by(handler_name, logger_name=None):
    """What the configured handler of that name writes while the block runs (its stream swapped for a buffer)."""
    logger = logging.getLogger(logger_name)
    handler = next((h for h in logger.handlers if h.name == handler_name), None)
    if handler is None:
        pytest.fail(f"the {logger.name} logger has no {handler_name!r} handler: LOGGING is not configured")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        yield buffer
    finally:
        handler.setStream(previous)


def test_django_request_404_warning_with_a_nik_in_the_path_is_masked(client, db, settings):
    settings.DEBUG = True  # the console handler writes only then, as on a developer's machine
    with written_by("console") as written:
        response = client.get(f"/lacak/{NIK}/", {"nik": NIK})
    assert response.status_code == 404
    log = written.getvalue()
    assert f"Not Found: /lacak/{MASKED}/" in log
    assert not WHOLE_NUMBER.search(log), log


def test_runservers_access_log_masks_a_nik_in_the_query_string():
    # runserver's own request handler, logging one request line as it does after each response.
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.request = None
    handler.requestline = f"GET /admin/permohonan/?q={NIK}&kk={KK} HTTP/1.1"
    with written_by("django.server", "django.server") as written:
        handler.log_request(200, 5123)
    log = written.getvalue()
    assert f'"GET /admin/permohonan/?q={MASKED}&kk=6471********0007 HTTP/1.1" 200 5123' in log
    assert not WHOLE_NUMBER.search(log), log


def test_the_portals_own_loggers_mask_a_nik_in_arguments_and_in_a_traceback(settings):
    settings.DEBUG = True
    with written_by("console") as written:
        try:
            raise LookupError(f"no application for NIK {NIK}")
        except LookupError:
            logging.getLogger("forms.services").exception("Search for %s failed", NIK)
    log = written.getvalue()
    assert f"Search for {MASKED} failed" in log
    assert f"LookupError: no application for NIK {MASKED}" in log  # the traceback's last line
    assert not WHOLE_NUMBER.search(log), log


def test_every_handler_of_the_settings_and_of_production_carries_the_mask():
    assert all("mask_id_numbers" in handler["filters"] for handler in settings.LOGGING["handlers"].values())
    # Production settings refuse to load without a secret, so they are read in a process of their own.
    read = "import json, portal.settings.production as p; print(json.dumps(p.LOGGING))"
    environment = {**os.environ, "SECRET_KEY": "x" * 50}
    production = json.loads(
        subprocess.run(  # noqa: S603  (our own interpreter and a fixed line)
            [sys.executable, "-c", read], env=environment, capture_output=True, check=True, text=True
        ).stdout
    )
    assert production["root"]["handlers"] == ["console"]
    assert all("mask_id_numbers" in handler["filters"] for handler in production["handlers"].values())
    assert "require_debug_true" not in production["handlers"]["console"]["filters"]  # production logs at LOG_LEVEL


def _record(msg, args, name="gunicorn.access"):
    return logging.LogRecord(name, logging.INFO, __file__, 1, msg, args, None)


def test_gunicorns_access_atoms_are_masked_whichever_atom_carries_the_nik():
    atoms = SafeAtoms({"h": "127.0.0.1", "r": f"GET /lacak/?nik={NIK} HTTP/1.1", "s": 200, "f": f"/?q={NIK}"})
    record = _record('%(h)s "%(r)s" %(s)s "%(f)s" "%(a)s"', (atoms,))
    assert NIKMaskingFilter().filter(record) is True
    assert record.getMessage() == f'127.0.0.1 "GET /lacak/?nik={MASKED} HTTP/1.1" 200 "/?q={MASKED}" "-"'


def test_a_record_with_nothing_to_mask_is_left_as_it_was():
    args = ("KTP-2026-7QX4M2K", 200)
    record = _record("%s answered %s", args)
    NIKMaskingFilter().filter(record)
    assert record.msg == "%s answered %s" and record.args == args


def test_a_malformed_logging_call_is_masked_and_does_not_raise():
    record = _record("%s and %s", (NIK,))
    assert NIKMaskingFilter().filter(record) is True
    assert NIK not in f"{record.msg} {record.args}" and MASKED in str(record.args)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"q={NIK}", f"q={MASKED}"),
        ("6471 0652 0890 0003", MASKED),
        ("6471.0652.0890.0003", MASKED),
        ("647106-520890-0003", MASKED),
        ("q=6471+0652+0890+0003", f"q={MASKED}"),
        ("q=6471%200652%200890%200003", f"q={MASKED}"),
        ("next=/admin/%3Fq%3D6471%2B0652%2B0890%2B0003", f"next=/admin/%3Fq%3D{MASKED}"),
        (f"{NIK}7", "*" * 16),  # a mistyped NIK is still one
        ('"GET / HTTP/1.1" 200 5123 12345 1234', '"GET / HTTP/1.1" 200 5123 12345 1234'),
        ("2026-12-01 10:05:56 +0000 pid 15746", "2026-12-01 10:05:56 +0000 pid 15746"),
        ("KTP-2026-7QX4M2K, NIK ****0003", "KTP-2026-7QX4M2K, NIK ****0003"),
    ],
)
def test_id_numbers_are_masked_as_typed_or_url_encoded_and_other_numbers_kept(text, expected):
    assert id_numbers_mask(text) == expected
