"""The portal's search backend: Wagtail's database backend, with each language's own
PostgreSQL text-search configuration (README "Search").

Wagtail's PostgreSQL backend keeps the words of every indexed object in one table
(``IndexEntry``), made into lexemes with one configuration, ``SEARCH_CONFIG``, for all of
them. Here each object's words are made into lexemes with the configuration of its locale's
language (``LANGUAGE_CONFIGS``: "испытания" is stored as "испытан" for a Russian page,
"tests" as "test" for an English one); an object without a locale (a document, an image, a
user) with ``SEARCH_CONFIG``.

A query is made into lexemes with every configuration the index holds, and a page matches
if the query's lexemes of any one of them are all in it. Each page's lexemes were made with
its own language's configuration, so the query meets every page in that one: a Russian page
is found by "испытание" ("испытан"), an English one by "test". The query's language need
not be known, nor match the pages': the public search asks for the pages of the visitor's
language, and a search over every language (or from a process in another language) still
meets each page in its own. (The admin's page, document and image searches are Wagtail's
autocomplete, which matches the beginnings of words with the "simple" configuration.)

On any other database (SQLite in development and tests) this is Wagtail's database backend
as it is; the extra parameters mean nothing there.
"""

from functools import reduce
from operator import or_

from django.db import connection
from wagtail.models import Locale
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)


class LanguagesIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Each object's words with its own language's configuration: the objects of one
        configuration at a time, through Wagtail's own indexing."""
        if not model.get_search_fields():
            return
        by_config = {}
        languages = None
        for obj in objs:
            locale_id = getattr(obj, "locale_id", None)
            if locale_id is not None and languages is None:
                # one query per batch, not one per object
                languages = dict(Locale.objects.values_list("pk", "language_code"))
            language = (languages or {}).get(locale_id)
            by_config.setdefault(self.backend.config_for_language(language), []).append(
                obj
            )
        for config, group in by_config.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


class LanguagesQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return backend.query_configs

    def build_tsquery(self, query, config=None):
        """The query in each configuration, any of them matching (``a | b | c``)."""
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        build = super().build_tsquery
        queries = [build(query, config=each) for each in config]
        queries = [each for each in queries if each is not None]
        return reduce(or_, queries) if queries else None


class LanguagesPostgresSearchBackend(PostgresSearchBackend):
    """``SEARCH_CONFIG``: the configuration of objects without a language (and of a language
    ``LANGUAGE_CONFIGS`` does not name); ``LANGUAGE_CONFIGS``: a language code (its first
    part: "en" for "en-gb") to a PostgreSQL text-search configuration."""

    index_class = LanguagesIndex
    query_compiler_class = LanguagesQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = {
            code.lower(): config
            for code, config in params.get("LANGUAGE_CONFIGS", {}).items()
        }
        # the default first: a search of chosen fields (``fields=``) builds its vectors
        # with the first configuration of the query
        self.query_configs = tuple(
            dict.fromkeys([self.config, *self.language_configs.values()])
        )

    def config_for_language(self, language_code):
        code = (language_code or "").split("-")[0].lower()
        return self.language_configs.get(code, self.config)

    def with_config(self, config):
        """This backend, storing words with ``config`` (for Wagtail's indexer, which reads
        the backend's one ``config``)."""
        backend = object.__new__(type(self))
        backend.__dict__.update(self.__dict__)
        backend.config = config
        return backend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend's module
    if connection.vendor == "postgresql":
        return LanguagesPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
