"""Search on SQLite (`make run`), which has no stemming: every word is stemmed in Python
when indexed and when searched for, and titles weigh ten times the body in the ranking.
Imported only on SQLite (its models exist only there)."""

from django.db.models import F
from modelsearch.backends.database.sqlite import sqlite as lite
from modelsearch.backends.database.sqlite.query import BM25
from modelsearch.query import PlainText

from search.languages import QueryInLanguage, language_of
from search.text import index_text

#: Ranking weights of the full-text table's columns (autocomplete, body, title).
COLUMN_WEIGHTS = (1.0, 1.0, 10.0)


class SQLiteObjectIndexer(lite.ObjectIndexer):
    """What SQLite indexes of an object: the stems of its words."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.language = language_of(obj)

    def prepare_value(self, value):
        return index_text(super().prepare_value(value), self.language, stemmed=True)


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
        return f"bm25({lite.SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class StemmedQueryCompiler(QueryInLanguage, lite.SQLiteSearchQueryCompiler):
    stemmed = True

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, PlainText | lite.Phrase | lite.Not):
            return WeightedBM25() * boost if boost != 1.0 else WeightedBM25()
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def get_index_vectors(self):
        # One weighted bm25 over all columns (the index's title_norm would flatten it).
        return [(F("index_entry__body"), 1.0)]


class StemmedSQLiteIndex(lite.SQLiteIndex):
    def add_items(self, model, objs):
        """modelsearch's `SQLiteIndex.add_items`, with our `SQLiteObjectIndexer`."""
        if not model.get_search_fields() or not objs:
            return
        rows = {}
        for obj in objs:
            indexer = SQLiteObjectIndexer(obj, self.backend)
            rows[indexer.id] = (indexer.title, indexer.autocomplete, indexer.body)
        entries = self.entries.filter(content_type_id=lite.get_content_type_pk(model))
        indexed = set(entries.filter(object_id__in=rows).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = rows[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            lite.IndexEntry(
                content_type_id=lite.get_content_type_pk(model),
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in rows.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class StemmedSQLiteSearchBackend(lite.SQLiteSearchBackend):
    query_compiler_class = StemmedQueryCompiler
    index_class = StemmedSQLiteIndex
