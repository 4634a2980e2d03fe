"""The upload pipeline's antivirus: a real ClamAV daemon (Debian's clamav-daemon), started
for these tests with a signature database of one signature, the EICAR test file's. The
portal has no internet, so the daemon never downloads the public signatures here."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from submissions.models.applications import Application
from tests.conftest import missing_tool
from tests.factories import PDF, ApplicantFactory, zip_of
from tests.helpers import upload

CLAMD = shutil.which("clamd") or "/usr/sbin/clamd"
pytestmark = pytest.mark.django_db

# The industry's harmless test file, put together here so that no antivirus on a
# developer's machine quarantines this source file.
EICAR = (
    "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!" + "$H+H*"
).encode()


def wait_for_socket(path, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"clamd stopped: {process.stdout.read()}")
        try:
            with socket.socket(socket.AF_UNIX) as conn:
                conn.connect(str(path))
                conn.sendall(b"zPING\0")
                if conn.recv(16).startswith(b"PONG"):
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"clamd did not answer within {seconds} s")


@pytest.fixture(scope="module")
def clamd_socket(tmp_path_factory):
    if not Path(CLAMD).exists():
        missing_tool("ClamAV's daemon (Debian package clamav-daemon) is not installed")
    workdir = tmp_path_factory.mktemp("clamd")
    database = workdir / "db"
    database.mkdir()
    # A body signature: the EICAR text anywhere in any file.
    (database / "portal-test.ndb").write_text(f"Portal.Test.EICAR:0:*:{EICAR.hex()}\n")
    sock = workdir / "clamd.sock"
    config = workdir / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                "Foreground yes",
                f"DatabaseDirectory {database}",
                f"LocalSocket {sock}",
                f"LogFile {workdir / 'clamd.log'}",
                f"TemporaryDirectory {workdir}",
                "ScanArchive yes",
                "",
            ]
        )
    )
    process = subprocess.Popen(
        [CLAMD, "--config-file", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_socket(sock, process)
        yield str(sock)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def application(client, apply_page, settings, clamd_socket):
    settings.CLAMD_SOCKET = clamd_socket
    applicant = ApplicantFactory()
    client.force_login(applicant)
    client.post("/apply/")
    return Application.objects.get(applicant=applicant)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("протокол.pdf", PDF + b"%" + EICAR + b"\n%%EOF\n"),
        ("материалы.zip", zip_of([("readme.txt", EICAR)])),
    ],
)
def test_an_infected_upload_is_refused_with_a_clear_message(
    client, application, name, content
):
    response = upload(client, application, name, content)
    assert response.status_code == 400
    errors = " ".join(e["message"] for e in response.json()["errors"]["file"])
    assert "Антивирус нашёл в файле Portal.Test.EICAR" in errors, errors
    assert not application.files.exists()


def test_a_clean_upload_passes_the_scan(client, application):
    assert upload(client, application, "протокол.pdf", PDF).json()["ok"]
    assert application.files.count() == 1


def test_a_silent_daemon_refuses_the_file_rather_than_letting_it_through(
    client, apply_page, settings, tmp_path
):
    settings.CLAMD_SOCKET = str(tmp_path / "nobody-listens.sock")
    applicant = ApplicantFactory()
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    response = upload(client, application, "протокол.pdf", PDF)
    assert response.status_code == 400
    errors = " ".join(e["message"] for e in response.json()["errors"]["file"])
    assert "Не удалось проверить файл на вирусы" in errors, errors
    assert not application.files.exists()
