"""Applicants' files on S3-compatible object storage (the settings' ``s3_storage``), against
a real S3 API server on loopback (moto's server, spoken to over HTTP by boto3): the file is
written under a server-made name with a private ACL, nobody reads it from the bucket without
credentials, and the applicant gets it back through the permission-checked view."""

import urllib.error
import urllib.request

import boto3
import pytest
from django.utils.module_loading import import_string

from config.settings.base import s3_storage
from submissions.models.applications import Application, ApplicationFile
from tests.conftest import free_port
from tests.factories import PDF, ApplicantFactory
from tests.helpers import upload

moto_server = pytest.importorskip("moto.server")
pytestmark = pytest.mark.django_db
BUCKET = "opi-private"
CREDENTIALS = {"access_key": "portal", "secret_key": "portal-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def bucket_storage(s3_endpoint, monkeypatch):
    """The private storage exactly as the settings build it when S3_BUCKET is set."""
    config = s3_storage(
        "private",
        bucket=BUCKET,
        endpoint_url=s3_endpoint,
        region="us-east-1",
        encrypt=False,
        **CREDENTIALS,
    )
    storage = import_string(config["BACKEND"])(**config["OPTIONS"])
    field = ApplicationFile._meta.get_field("file")
    monkeypatch.setattr(field, "storage", storage)
    return storage


def test_an_upload_goes_to_the_bucket_privately_and_comes_back_through_the_portal(
    client, apply_page, bucket_storage, s3_endpoint
):
    applicant = ApplicantFactory()
    client.force_login(applicant)
    client.post("/apply/")
    application = Application.objects.get(applicant=applicant)
    assert upload(client, application, "протокол испытаний.pdf", PDF).json()["ok"]

    record = application.files.get()
    key = f"private/{record.file.name}"
    assert "протокол" not in key  # a name made by the server
    s3 = bucket_storage.connection.meta.client
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == PDF
    grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all("AllUsers" not in str(grant["Grantee"]) for grant in grants)

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_endpoint}/{BUCKET}/{key}", timeout=10)
    assert refused.value.code == 403

    response = client.get(f"/files/applications/{record.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
