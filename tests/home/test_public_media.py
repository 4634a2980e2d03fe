"""Public media serves page images only: a document, above all one of a private
collection, is reached through Wagtail's /documents/<id>/<name> and its privacy check,
never through /media/… under any spelling of the path (encoded, double-encoded,
backslashes, absolute paths), neither from the local disk nor from the bucket."""

import http.client
import io
from urllib.parse import urlsplit

import boto3
import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import cache
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import testcases
from django.utils.module_loading import import_string
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image, Rendition
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from config.settings.base import s3_storage
from tests.conftest import free_port
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4\nprotocol of a confidential test: secret-marker-7Q\n%%EOF\n"
PUBLIC = b"%PDF-1.4\npublic rules of pilot testing\n%%EOF\n"

# Every spelling of "go up from the image folders into documents/" we could think of;
# {name} is the document's file name, {abs} the absolute path of its file.
HOSTILE_PATHS = [
    "/media/original_images/../documents/{name}",
    "/media/original_images/..%2fdocuments/{name}",
    "/media/original_images/..%2Fdocuments/{name}",
    "/media/images/..%2fdocuments/{name}",
    "/media/original_images/..%252fdocuments/{name}",
    "/media/original_images/..%25252fdocuments/{name}",
    "/media/original_images/..\\documents/{name}",
    "/media/original_images/..%5cdocuments/{name}",
    "/media/original_images/..%5Cdocuments/{name}",
    "/media/original_images/..%255cdocuments/{name}",
    "/media/original_images/%2e%2e/documents/{name}",
    "/media/original_images/%2e%2e%2fdocuments/{name}",
    "/media/original_images/%252e%252e%252fdocuments/{name}",
    "/media/original_images/.%2e/documents/{name}",
    "/media/original_images/..;/documents/{name}",
    "/media/original_images/..%00/documents/{name}",
    "/media/original_images/%c0%ae%c0%ae%c0%afdocuments/{name}",
    "/media/original_images/%ef%bc%8e%ef%bc%8e%ef%bc%8fdocuments/{name}",
    "/media/original_images//{abs}",
    "/media/original_images/%2f{abs}",
    "/media/images/{abs}",
    "/media/original_images/./../documents/{name}",
    "/media/original_images/x/../../documents/{name}",
    "/media//documents/{name}",
    "/media/documents/{name}",
]


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 40), (11, 58, 91)).save(buffer, "PNG")
    return buffer.getvalue()


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture(autouse=True)
def no_cached_renditions():
    """Wagtail keeps renditions in the cache by image id, which the next test reuses."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Служебные")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.LOGIN
    )
    return collection


@pytest.fixture
def password_collection(db):
    collection = Collection.get_first_root_node().add_child(name="По паролю")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=BaseViewRestriction.PASSWORD,
        password="collection-password",
    )
    return collection


@pytest.fixture
def secret_document(media_root, private_collection):
    return Document.objects.create(
        title="Протокол испытаний",
        file=SimpleUploadedFile("secret-protocol.pdf", SECRET),
        collection=private_collection,
    )


@pytest.fixture
def public_document(media_root):
    return Document.objects.create(
        title="Правила ОПИ", file=SimpleUploadedFile("rules.pdf", PUBLIC)
    )


@pytest.fixture
def page_image(media_root):
    return Image.objects.create(
        title="Схема установки",
        file=SimpleUploadedFile("scheme.png", png_bytes(), content_type="image/png"),
    )


def hostile_paths(document):
    name = document.file.name.split("/", 1)[1]
    absolute = document.file.path.lstrip("/")
    return [path.format(name=name, abs=absolute) for path in HOSTILE_PATHS]


def refused(response, secret=SECRET):
    return response.status_code in (400, 404) and secret not in body_of(response)


class TestDocuments:
    def test_a_private_document_is_never_served_under_media(
        self, client, secret_document
    ):
        served = [
            path
            for path in hostile_paths(secret_document)
            if not refused(client.get(path))
        ]
        assert served == []

    def test_nor_is_a_public_one(self, client, public_document):
        for path in hostile_paths(public_document):
            assert refused(client.get(path), PUBLIC), path

    def test_a_private_document_asks_an_anonymous_visitor_to_log_in(
        self, client, secret_document
    ):
        response = client.get(secret_document.url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        assert SECRET not in body_of(response)

    def test_a_password_protected_document_asks_for_the_password(
        self, client, media_root, password_collection
    ):
        document = Document.objects.create(
            title="Протокол",
            file=SimpleUploadedFile("protocol.pdf", SECRET),
            collection=password_collection,
        )
        response = client.get(document.url)
        assert response.status_code == 200
        assert SECRET not in body_of(response)
        assert 'name="password"' in response.content.decode()
        for path in hostile_paths(document):
            assert refused(client.get(path)), path

    def test_a_logged_in_person_gets_a_login_restricted_document(
        self, client, secret_document
    ):
        client.force_login(ApplicantFactory())
        response = client.get(secret_document.url)
        assert response.status_code == 200
        assert body_of(response) == SECRET

    def test_a_public_document_is_served_by_wagtail(self, client, public_document):
        assert public_document.url == (
            f"/documents/{public_document.pk}/{public_document.filename}"
        )
        response = client.get(public_document.url)
        assert response.status_code == 200
        assert body_of(response) == PUBLIC
        assert "max-age=31536000" not in response.get("Cache-Control", "")


class TestImages:
    def test_an_original_image_is_served(self, client, page_image):
        response = client.get(page_image.file.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert body_of(response) == page_image.file.open("rb").read()
        cache = response["Cache-Control"]
        assert "public" in cache and "max-age=3600" in cache

    def test_a_rendition_is_served(self, client, page_image):
        rendition = page_image.get_rendition("fill-32x20")
        assert rendition.url.startswith("/media/images/")
        response = client.get(rendition.url)
        assert response.status_code == 200
        assert body_of(response)[:8] == b"\x89PNG\r\n\x1a\n"

    def test_a_file_that_is_no_image_record_is_not_served(
        self, client, media_root, page_image
    ):
        (media_root / "original_images" / "stray.png").write_bytes(png_bytes())
        assert client.get("/media/original_images/stray.png").status_code == 404

    def test_an_image_of_a_private_collection_is_not_public(
        self, client, media_root, private_collection
    ):
        image = Image.objects.create(
            title="Внутренняя схема",
            file=SimpleUploadedFile("inner.png", png_bytes()),
            collection=private_collection,
        )
        rendition = image.get_rendition("fill-32x20")
        assert client.get(image.file.url).status_code == 404
        assert client.get(rendition.url).status_code == 404
        client.force_login(ApplicantFactory())
        response = client.get(image.file.url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


@pytest.fixture
def portal_server(transactional_db, monkeypatch):
    """The portal behind Django's threaded test server, as a visitor meets it: without
    the test server's own handler of MEDIA_URL, which would serve all of MEDIA_ROOT
    itself (pytest-django's live_server keeps that handler)."""
    monkeypatch.setattr(testcases, "_MediaFilesHandler", lambda handler: handler)
    shared = {
        db.alias: db
        for db in connections.all()
        if db.vendor == "sqlite" and db.is_in_memory_db()
    }
    thread = testcases.LiveServerThread(
        "127.0.0.1", StaticFilesHandler, connections_override=shared
    )
    thread.daemon = True
    for db in shared.values():
        db.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        for db in shared.values():
            db.dec_thread_sharing()


def raw_get(server, path):
    """One GET with the path sent exactly as written: no client library normalises or
    re-encodes it (the test client decodes it its own way)."""
    address = urlsplit(server)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=20)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", address.netloc)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_server_given_the_raw_paths_serves_no_document(
    portal_server, media_root, private_collection
):
    document = Document.objects.create(
        title="Протокол испытаний",
        file=SimpleUploadedFile("secret-protocol.pdf", SECRET),
        collection=private_collection,
    )
    image = Image.objects.create(
        title="Схема", file=SimpleUploadedFile("scheme.png", png_bytes())
    )
    answers = {path: raw_get(portal_server, path) for path in hostile_paths(document)}
    leaked = {
        path: status
        for path, (status, body) in answers.items()
        if status == 200 or SECRET in body
    }
    assert leaked == {}
    status, body = raw_get(portal_server, document.url)
    assert status == 302 and SECRET not in body
    status, body = raw_get(portal_server, image.file.url)
    assert status == 200 and body[:4] == b"\x89PNG"


BUCKET = "opi-media"
CREDENTIALS = {"access_key": "portal", "secret_key": "portal-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    moto_server = pytest.importorskip("moto.server")
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
def bucket_media(s3_endpoint, monkeypatch, db):
    """The default storage as the settings build it when S3_BUCKET is set: page images
    and documents in the bucket under media/."""
    config = s3_storage(
        "media",
        bucket=BUCKET,
        endpoint_url=s3_endpoint,
        region="us-east-1",
        encrypt=False,
        **CREDENTIALS,
    )
    config["OPTIONS"].update(
        custom_domain="testserver", url_protocol="http:", querystring_auth=False
    )
    storage = import_string(config["BACKEND"])(**config["OPTIONS"])
    monkeypatch.setitem(storages._storages, "default", storage)
    for model in (Image, Rendition, Document):
        monkeypatch.setattr(model._meta.get_field("file"), "storage", storage)
    return storage


def test_from_the_bucket_images_only_and_the_same_checks(client, bucket_media):
    collection = Collection.get_first_root_node().add_child(name="Служебные")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.LOGIN
    )
    document = Document.objects.create(
        title="Протокол испытаний",
        file=SimpleUploadedFile("secret-protocol.pdf", SECRET),
        collection=collection,
    )
    assert bucket_media.exists(document.file.name)
    name = document.file.name.split("/", 1)[1]
    paths = [
        path.format(name=name, abs=f"media/{document.file.name}")
        for path in HOSTILE_PATHS
    ]
    # What the bucket itself would take for a key if handed the raw text.
    paths += [
        f"/media/original_images/..%2fdocuments%2f{name}",
        f"/media/original_images/documents%2f{name}",
    ]
    for path in paths:
        assert refused(client.get(path)), path

    image = Image.objects.create(
        title="Схема", file=SimpleUploadedFile("scheme.png", png_bytes())
    )
    assert image.file.url == f"http://testserver/media/{image.file.name}"
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert body_of(response)[:4] == b"\x89PNG"
    rendition = image.get_rendition("fill-32x20")
    assert client.get(f"/media/{rendition.file.name}").status_code == 200

    private_image = Image.objects.create(
        title="Внутренняя",
        file=SimpleUploadedFile("inner.png", png_bytes()),
        collection=collection,
    )
    assert client.get(f"/media/{private_image.file.name}").status_code == 404
