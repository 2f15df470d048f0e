"""Inserting pages in bulk: tree paths computed here, rows written per table, and their
search-index rows in plain SQL (see `bench_data`)."""

from django.core.management.base import CommandError
from django.db import connection
from modelsearch.index import AutocompleteField
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from search.backend import ObjectIndexer, config_for_object

BATCH = 1000


def tree_step(number):
    """The `number`th child's step of a materialized path (Page.steplen digits in
    Page.alphabet)."""
    digits = ""
    base = len(Page.alphabet)
    while number:
        number, digit = divmod(number, base)
        digits = Page.alphabet[digit] + digits
    if len(digits) > Page.steplen:
        raise CommandError("Too many children for one parent page.")
    return digits.rjust(Page.steplen, Page.alphabet[0])


def last_child_number(parent):
    """The step number of the parent's last child (0 when it has none): new children
    follow it, whatever gaps deletions left."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return int(last[-Page.steplen :], len(Page.alphabet)) if last else 0


def insert_pages(pages):
    """Insert new pages of one specific type: their wagtailcore_page rows first (bulk_create
    on Page returns the ids), then the rows of the page type's own table, keyed by
    page_ptr_id."""
    model = type(pages[0])
    Page.objects.bulk_create(pages, batch_size=BATCH)
    for page in pages:
        page.page_ptr_id = page.id
    fields = model._meta.local_concrete_fields
    for start in range(0, len(pages), BATCH):
        model._base_manager._insert(pages[start : start + BATCH], fields=fields)


def search_entry(backend, content_type, page):
    """One search-index row: (SQL of the values, parameters)."""
    with backend.indexing_with(config_for_object(page)):
        indexer = ObjectIndexer(page, backend)
    texts = {"title": [], "autocomplete": [], "body": []}
    for field in indexer.search_fields:
        for found, weight, value in indexer.prepare_field(page, field):
            if not value.strip():
                continue
            if isinstance(found, AutocompleteField):
                texts["autocomplete"].append((value.strip(), weight))
            elif found.field_name == "title":
                texts["title"].append((value.strip(), weight))
            else:
                texts["body"].append((value.strip(), weight))
    sql, params = ["%s", "%s"], [content_type, str(page.pk)]
    for name, config in (
        ("title", indexer.config),
        ("autocomplete", indexer.autocomplete_config),
        ("body", indexer.config),
    ):
        vectors = []
        for text, weight in texts[name]:
            if config:
                vectors.append("setweight(to_tsvector(%s::regconfig, %s), %s)")
                params += [config, text, weight]
            else:
                vectors.append("setweight(to_tsvector(%s), %s)")
                params += [text, weight]
        sql.append(" || ".join(vectors) or "to_tsvector('')")
    sql += ["1.0", "%s", "%s"]
    params += [" ".join(text for text, _w in texts["title"])]
    params += [" ".join(text for text, _w in texts["body"])]
    return f"({', '.join(sql)})", params


def insert_search_entries(rows):
    values = ", ".join(sql for sql, _params in rows)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title, "  # noqa: S608
            f"autocomplete, body, title_norm, title_text, body_text) VALUES {values} "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
            "title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
            "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
            [param for _sql, params in rows for param in params],
        )


def tree_problems(full=False):
    """A few aggregate queries find what bulk inserts could get wrong: a depth that does
    not match the path, a page without its parent, a wrong numchild. `full` adds Wagtail's
    own (slow) check. Counts by kind of problem."""
    steplen = Page.steplen
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM wagtailcore_page WHERE depth * %s <> length(path)",
            [steplen],
        )
        (wrong_depth,) = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM wagtailcore_page child WHERE child.depth > 1 AND NOT "
            "EXISTS (SELECT 1 FROM wagtailcore_page parent WHERE parent.path = "
            "substr(child.path, 1, length(child.path) - %s))",
            [steplen],
        )
        (orphans,) = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM wagtailcore_page parent LEFT JOIN (SELECT substr(path, 1, "
            "length(path) - %s) AS parent_path, count(*) AS children FROM wagtailcore_page "
            "WHERE depth > 1 GROUP BY 1) counted ON counted.parent_path = parent.path "
            "WHERE parent.numchild <> coalesce(counted.children, 0)",
            [steplen],
        )
        (wrong_numchild,) = cursor.fetchone()
    problems = {
        "wrong depth": wrong_depth,
        "orphans": orphans,
        "wrong numchild": wrong_numchild,
    }
    if full:
        names = (
            "bad characters",
            "bad step length",
            "orphans",
            "wrong depth",
            "wrong numchild",
        )
        for name, ids in zip(names, Page.find_problems(), strict=True):
            problems[name] = problems.get(name, 0) + len(ids)
    return problems
