"""The search's text tools are used by every thread of a server at once."""

import itertools
from concurrent.futures import ThreadPoolExecutor

from search.text import stem

WORDS = [
    f"{prefix}{base}"
    for prefix, base in itertools.product(
        ["", "re", "des", "contra", "sobre", "inter", "pre", "sub"],
        [
            "internacionales",
            "organizaciones",
            "investigadoras",
            "colaboraciones",
            "enfermedades",
            "vacunándonos",
            "estudiantes",
            "universidades",
        ],
    )
] * 40


def test_stemming_in_many_threads_at_once_gives_each_word_its_own_stem():
    stem_afresh = stem.__wrapped__  # past the remembered stems: every call stems
    expected = [stem_afresh(word, "es") for word in WORDS]

    def stem_all(_thread):
        return [stem_afresh(word, "es") for word in WORDS]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(stem_all, range(8)))

    assert all(result == expected for result in results)
