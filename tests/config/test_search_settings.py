"""The search's settings from SEARCH_URL: without it the database searches, each language
with its own text-search configuration; with it Wagtail's OpenSearch or Elasticsearch
backend, which reads the servers, the credentials, the index names and the analyzers from
them. The settings are read in a process of their own; no search server is asked."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.models import Page

from tests.helpers import ROOT

READ_BACKENDS = (
    "import json, config.settings.test as settings; "
    "print(json.dumps(settings.WAGTAILSEARCH_BACKENDS))"
)


def settings_with(**env):
    """The settings module run with ``env``: (its search backends, or None; stderr)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SEARCH_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", READ_BACKENDS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    backends = json.loads(result.stdout) if result.returncode == 0 else None
    return backends, result.stderr


class RecordingClient:
    """Stands for the search server's client: records what it was made with."""

    def __init__(self, **options):
        self.options = options


class Backend(ElasticsearchBaseSearchBackend):
    client_class = RecordingClient


def server_backend(backends):
    params = dict(backends["default"])
    params.pop("BACKEND")
    return Backend(params)


def test_without_search_url_the_database_searches_each_language_in_its_own():
    backends, stderr = settings_with()
    assert backends == {
        "default": {
            "BACKEND": "home.search_backend",
            "SEARCH_CONFIG": "russian",
            "LANGUAGE_CONFIGS": {"ru": "russian", "kk": "simple", "en": "english"},
        }
    }, stderr


def test_a_search_url_makes_opensearch_the_backend():
    backends, stderr = settings_with(
        SEARCH_URL="https://search:s3cret@opensearch.internal:9200/opi"
    )
    assert backends, stderr
    default = backends["default"]
    assert default["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert importlib.util.find_spec(default["BACKEND"]) is not None

    backend = server_backend(backends)
    assert backend.hosts == [
        {
            "host": "opensearch.internal",
            "port": 9200,
            "url_prefix": "",
            "use_ssl": True,
            "verify_certs": True,
            "http_auth": ("search", "s3cret"),
        }
    ]
    assert backend.get_index_for_model(Page).name == "opi_wagtailcore_page"


def test_the_server_stems_russian_and_english_and_keeps_wagtails_analyzers():
    backends, stderr = settings_with(SEARCH_URL="http://opensearch:9200/opi")
    analysis = server_backend(backends).settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["filter"] == [
        "lowercase",
        "kazakh_words",
        "russian_stemmer",
        "english_stemmer",
    ]
    assert analysis["filter"]["russian_stemmer"]["language"] == "russian"
    assert analysis["filter"]["english_stemmer"]["language"] == "english"
    # Wagtail's own analyzers of the autocomplete stay
    assert {"ngram_analyzer", "edgengram_analyzer"} <= set(analysis["analyzer"])


def test_the_scheme_names_another_of_wagtails_backends_and_servers_are_listed():
    backends, stderr = settings_with(
        SEARCH_URL="elasticsearch8+https://es1:9200/portal,"
        "elasticsearch8+https://es2:9200/portal"
    )
    assert backends, stderr
    default = backends["default"]
    assert default["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert importlib.util.find_spec(default["BACKEND"]) is not None
    assert default["URLS"] == ["https://es1:9200", "https://es2:9200"]
    assert default["INDEX_PREFIX"] == "portal_"


def test_without_a_path_the_indexes_keep_wagtails_names():
    backends, _stderr = settings_with(SEARCH_URL="http://opensearch:9200")
    assert backends["default"]["INDEX_PREFIX"] == ""
    assert server_backend(backends).get_index_for_model(Page).name == (
        "wagtailcore_page"
    )


@pytest.mark.parametrize(
    "url",
    [
        "ftp://opensearch:9200/opi",
        "solr+https://solr:8983/opi",
        "opensearch:9200",
        "https:///opi",
        "https://os1:9200/opi,https://os2:9200/other",
        "opensearch3+https://os1:9200/opi,elasticsearch8+https://os2:9200/opi",
    ],
)
def test_a_search_url_wagtail_could_not_use_stops_the_start(url):
    backends, stderr = settings_with(SEARCH_URL=url)
    assert backends is None
    assert "ImproperlyConfigured: SEARCH_URL must be" in stderr
