"""A real clamd for the tests: Debian's clamav-daemon with a one-signature database (EICAR), no internet needed."""

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.forms.upload_samples import EICAR

SIGNATURE_NAME = "Eicar-Test-Signature"
START_TIMEOUT_SECONDS = 60
SKIP_REASON = "clamd is not installed here; `make test` installs Debian's clamav-daemon for this test"


@dataclass(frozen=True)
class ClamdHarness:
    """A running clamd: its unix socket, its log, and how long it took to answer PING."""

    socket_path: str
    log_path: Path
    start_seconds: float


def clamd_binary() -> str | None:
    """Path of the clamd executable, also outside PATH (Debian puts it in /usr/sbin)."""
    return shutil.which("clamd") or shutil.which("clamd", path="/usr/sbin:/usr/local/sbin")


def write_config(workdir: Path) -> Path:
    """A signature database holding only EICAR, and a foreground clamd config on a private socket."""
    database = workdir / "db"
    database.mkdir()
    # .ndb body signature: name, target 0 (any file), offset * (anywhere), hex of the EICAR string.
    (database / "eicar.ndb").write_text(f"{SIGNATURE_NAME}:0:*:{EICAR.hex()}\n")
    config = workdir / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                f"DatabaseDirectory {database}",
                f"LocalSocket {workdir / 'clamd.sock'}",
                f"TemporaryDirectory {workdir}",
                f"LogFile {workdir / 'clamd.log'}",
                "Foreground yes",
                "StreamMaxLength 20M",
                "SelfCheck 0",
                "",
            ]
        )
    )
    return config


def ping(socket_path: str) -> bool:
    """True when clamd answers PONG on the socket."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(1)
            sock.connect(socket_path)
            sock.sendall(b"zPING\0")
            return sock.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def clamd_daemon(tmp_path_factory):
    """Start clamd once per test session, wait for PING/PONG, stop it at the end."""
    binary = clamd_binary()
    if binary is None:
        pytest.skip(SKIP_REASON)
    # tmp_path_factory's top-level dirs are short: a unix socket path must stay under ~100 bytes.
    workdir = tmp_path_factory.mktemp("clamd")
    config = write_config(workdir)
    socket_path = str(workdir / "clamd.sock")
    output = (workdir / "clamd.out").open("wb")
    started = time.monotonic()
    # Fixed argv, no shell: the binary and a config file we just wrote.
    process = subprocess.Popen([binary, f"--config-file={config}"], stdout=output, stderr=subprocess.STDOUT)
    try:
        while not ping(socket_path):
            if process.poll() is not None or time.monotonic() - started > START_TIMEOUT_SECONDS:
                log = (workdir / "clamd.out").read_text(errors="replace")[-2000:]
                pytest.fail(f"clamd did not start (exit {process.poll()}):\n{log}")
            time.sleep(0.02)
        yield ClamdHarness(socket_path, workdir / "clamd.log", time.monotonic() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        output.close()
