"""Full-text search with each language's own stemming on PostgreSQL.

Each object is indexed with the text-search configuration of its locale, and queries use
the configuration of the reader's language; elsewhere (SQLite) the database backend is used
as it is.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection
from django.utils import translation
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

_indexing_config = ContextVar("indexing_config", default=None)


def config_for_language(code):
    """The PostgreSQL text-search configuration of a language (`SEARCH_TEXT_CONFIGS`);
    "simple", which matches whole words, for languages without one (Chinese)."""
    configs = settings.SEARCH_TEXT_CONFIGS
    code = (code or "").lower()
    return configs.get(code) or configs.get(code.split("-")[0]) or "simple"


def config_for_object(obj):
    locale = getattr(obj, "locale", None)
    return config_for_language(locale.language_code) if locale else None


class LocaleIndex(PostgresIndex):
    def add_items(self, model, objs):
        groups = {}
        for obj in objs:
            groups.setdefault(config_for_object(obj), []).append(obj)
        for config, group in groups.items():
            with self.backend.indexing_with(config):
                super().add_items(model, group)


class LocaleQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return config_for_language(translation.get_language())


class LocalePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LocaleQueryCompiler
    index_class = LocaleIndex

    @property
    def config(self):
        return _indexing_config.get() or self._default_config

    @config.setter
    def config(self, value):
        self._default_config = value

    @contextmanager
    def indexing_with(self, config):
        token = _indexing_config.set(config)
        try:
            yield
        finally:
            _indexing_config.reset(token)


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up)
    if connection.vendor == "postgresql":
        return LocalePostgresSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    return DatabaseSearchBackend(params)
