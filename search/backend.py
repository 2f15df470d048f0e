"""Full-text search that works in each of our languages, on PostgreSQL and on SQLite.

On PostgreSQL each object is indexed with the text-search configuration of its locale and
queries use the configuration of the language searched in. Chinese, which PostgreSQL
keeps as one token per unbroken run of characters, is cut into words (`search.text`)
at both ends. SQLite (`make run`) has no stemming: there every word is stemmed in Python
at both ends, and titles weigh ten times the body in the ranking.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F
from modelsearch.backends.database.postgres import postgres as pg
from modelsearch.query import PlainText

from search.languages import QueryInLanguage, config_for_language, language_of
from search.text import index_text

_indexing_config = ContextVar("indexing_config", default=None)

# How much a title holding the words exactly as typed adds to a result's rank.
EXACT_TITLE_WEIGHT = 1.0


def config_for_object(obj):
    locale = getattr(obj, "locale", None)
    return config_for_language(locale.language_code) if locale else None


class ObjectIndexer(pg.ObjectIndexer):
    """What PostgreSQL indexes of an object: its text with Chinese cut into words."""

    stemmed = False

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.language = language_of(obj)

    def prepare_value(self, value):
        return index_text(super().prepare_value(value), self.language, stemmed=self.stemmed)


class LocaleIndex(pg.PostgresIndex):
    def add_items(self, model, objs):
        groups = {}
        for obj in objs:
            groups.setdefault(config_for_object(obj), []).append(obj)
        for config, group in groups.items():
            with self.backend.indexing_with(config):
                self._add_group(model, group)

    def _add_group(self, model, objs):
        """modelsearch's `PostgresIndex.add_items`, with our `ObjectIndexer`."""
        if not model.get_search_fields() or not objs:
            return
        indexers = [ObjectIndexer(obj, self.backend) for obj in objs]
        compiler = pg.InsertQuery(pg.IndexEntry).get_compiler(connection=self.write_connection)
        content_type_pk = pg.get_content_type_pk(model)
        rows, params = [], []
        for indexer in indexers:
            params += [content_type_pk, indexer.id]
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    pg.IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params += value_params
            params += [indexer.title_text, indexer.body_text]
            rows.append(f"(%s, %s, {', '.join(vectors)}, 1.0, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {pg.IndexEntry._meta.db_table} (content_type_id, object_id, "  # noqa: S608
                f"title, autocomplete, body, title_norm, title_text, body_text) "
                f"(VALUES {', '.join(rows)}) ON CONFLICT (content_type_id, object_id) "
                "DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, "
                "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )
        self._refresh_title_norms()


class LocaleQueryCompiler(QueryInLanguage, pg.PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return config_for_language(self.language)

    def _build_rank_expression(self, vectors, config):
        """Stemming makes "tecnológico" find "tecnologías" too; a title with the very
        words typed ranks above titles that only share their stem."""
        rank = super()._build_rank_expression(vectors, config)
        if self.fields is not None or not isinstance(self.query, PlainText):
            return rank
        words = SearchQuery(self.query.query_string, config="simple", search_type="plain")
        title = SearchVector(F("index_entries__title_text"), config="simple")
        return rank + SearchRank(title, words) * EXACT_TITLE_WEIGHT


class LocalePostgresSearchBackend(pg.PostgresSearchBackend):
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

    backend = DatabaseSearchBackend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":  # SQLite with full-text search
        # Imported only here: its module loads SQLite's full-text search classes.
        from search.sqlite import StemmedSQLiteSearchBackend

        return StemmedSQLiteSearchBackend(params)
    return backend
