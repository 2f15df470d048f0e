"""The language a search is read in, and the PostgreSQL text-search configuration that
stems it: shared by the PostgreSQL and the SQLite backends."""

from django.conf import settings
from django.utils import translation
from modelsearch.query import PlainText

from search.text import query_text


def config_for_language(code):
    """The PostgreSQL text-search configuration of a language (`SEARCH_TEXT_CONFIGS`);
    "simple", which matches whole words, for languages without one (Chinese, which is
    cut into words before it reaches the database)."""
    configs = settings.SEARCH_TEXT_CONFIGS
    code = (code or "").lower()
    return configs.get(code) or configs.get(code.split("-")[0]) or "simple"


def language_of(obj):
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale else settings.LANGUAGE_CODE


class QueryInLanguage:
    """A query compiler that reads the query as the language searched in (the active one
    when the search is made), cut and stemmed as the index was."""

    stemmed = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = translation.get_language() or settings.LANGUAGE_CODE
        if isinstance(self.query, PlainText):
            text = query_text(self.query.query_string, self.language, stemmed=self.stemmed)
            if text.strip():
                self.query = PlainText(text, operator=self.query.operator)
