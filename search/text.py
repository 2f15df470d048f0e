"""Words of a text as search sees them, the same for the index and for the query.

Chinese is written without spaces, so it is cut into words with jieba before any
database sees it. Where the database has no stemming of its own (SQLite), each word is
also reduced to its Snowball stem, which for Arabic takes off the article and evens out
the alef, hamza and ta marbuta spellings. The snippet shown under a result marks the
words of the text that match the query by the same rules.
"""

import logging
import re
import threading
from functools import lru_cache

import jieba
import snowballstemmer
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

jieba.setLogLevel(logging.WARNING)

WORD = re.compile(r"\w+")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SNIPPET_WORDS = 32


#: Arabic words may carry a conjunction, a preposition and the article before them
#: ("والمناعة", "لمختبرات"); PostgreSQL's stemmer takes off only some of these.
ARABIC_PROCLITICS = re.compile(r"^[وف]?[بلك]?(?:ال)?(?=\w{4})")


def base_language(code):
    return (code or "").lower().split("-")[0]


_stemmers = threading.local()


def _stemmer(language):
    """Snowball's stemmer of the language PostgreSQL stems it as (`SEARCH_TEXT_CONFIGS`:
    the same names), or None (Chinese). One per thread: a stemmer keeps the word it is
    working on in itself, so two threads of a server sharing one garble each other's."""
    found = getattr(_stemmers, "by_language", None)
    if found is None:
        found = _stemmers.by_language = {}
    if language not in found:
        name = settings.SEARCH_TEXT_CONFIGS.get(language)
        found[language] = (
            snowballstemmer.stemmer(name) if name in snowballstemmer.algorithms() else None
        )
    return found[language]


def words(text, language, for_query=False):
    """The words of `text`, lower-cased; Chinese (in any language's pages) cut into words,
    with the finer pieces too when indexing, so a query for part of a compound word
    still matches."""
    text = text or ""
    if HAN.search(text):
        pieces = jieba.cut(text) if for_query else jieba.cut_for_search(text)
        return [piece.lower() for piece in pieces if WORD.fullmatch(piece)]
    return [word.lower() for word in WORD.findall(text)]


def variants(word, language):
    """`word`, and for Arabic the word without what is written before it."""
    if base_language(language) == "ar":
        bare = ARABIC_PROCLITICS.sub("", word)
        if bare != word:
            return [word, bare]
    return [word]


@lru_cache(maxsize=65536)
def stem(word, language):
    """A word's Snowball stem (remembered: snippets stem every word of their text)."""
    stemmer = _stemmer(base_language(language))
    return stemmer.stemWord(word) if stemmer else word


def index_text(text, language, stemmed=False):
    """`text` as stored in the index: words separated by spaces, stemmed if the database
    does not stem (`stemmed=True`). Text without Chinese goes to a stemming database
    unchanged."""
    extra = []
    if base_language(language) == "ar":
        extra = [bare for word in words(text, language) for bare in variants(word, language)[1:]]
    if not stemmed and not HAN.search(text or ""):
        return " ".join([text, *extra]) if extra else text
    found = [*words(text, language), *extra]
    return " ".join(stem(word, language) for word in found) if stemmed else " ".join(found)


def query_text(query, language, stemmed=False):
    """The reader's query in the form `index_text` gives the indexed text."""
    arabic = base_language(language) == "ar"
    if not stemmed and not arabic and not HAN.search(query or ""):
        return query
    found = words(query, language, for_query=True)
    if arabic:  # the index holds each word without its proclitics too
        found = [variants(word, language)[-1] for word in found]
    if stemmed:
        found = [stem(word, language) for word in found]
    return " ".join(dict.fromkeys(found))


def highlight(text, query, language, length=SNIPPET_WORDS):
    """An HTML snippet of `text` around the first word that matches the query, every
    matching word in <mark>; the text's own opening when nothing matches."""
    text = text or ""
    keys = {stem(word, language) for word in words(query, language, for_query=True)}
    if HAN.search(text):
        return _highlight_unspaced(text, keys, length * 3)
    tokens = [piece for piece in re.split(r"(\w+)", text) if piece]
    matched = [
        bool(WORD.fullmatch(piece))
        and any(stem(form, language) in keys for form in variants(piece.lower(), language))
        for piece in tokens
    ]
    positions = [i for i, piece in enumerate(tokens) if WORD.fullmatch(piece)]
    first = next((i for i in positions if matched[i]), None)
    before = [i for i in positions if first is not None and i < first][-(length // 4) :]
    start = before[0] if before else (first or 0)
    shown = [i for i in positions if i >= start][:length]
    end = shown[-1] + 1 if shown else len(tokens)
    more = bool(positions) and positions[-1] >= end
    return _marked(tokens[start:end], matched[start:end], start > 0, more)


def _highlight_unspaced(text, keys, length):
    """Chinese: a window of characters around the first match, matches marked."""
    keys = sorted((key for key in keys if key), key=len, reverse=True)
    if not keys:
        return _marked([text[:length]], [False], False, len(text) > length)
    pattern = re.compile("|".join(re.escape(key) for key in keys), re.IGNORECASE)
    found = pattern.search(text)
    start = max(0, found.start() - length // 4) if found else 0
    window = text[start : start + length]
    tokens, matched, last = [], [], 0
    for match in pattern.finditer(window):
        tokens += [window[last : match.start()], match.group()]
        matched += [False, True]
        last = match.end()
    tokens.append(window[last:])
    matched.append(False)
    return _marked(tokens, matched, start > 0, start + length < len(text))


def _marked(tokens, matched, cut_before, cut_after):
    parts = ["… "] if cut_before else []
    for piece, hit in zip(tokens, matched, strict=True):
        parts.append(f"<mark>{escape(piece)}</mark>" if hit else escape(piece))
    if cut_after:
        parts.append(" …")
    return mark_safe("".join(parts).strip())  # noqa: S308 (every piece escaped above)
