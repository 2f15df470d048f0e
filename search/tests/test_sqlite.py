"""`make run` searches sensibly on SQLite too: English ranks the page titled with the word
above pages that mention it once, Arabic finds a word with or without its article, and
Chinese finds a word inside a sentence. Run in a separate process on a real SQLite file,
as `make run` does."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json
import django
from bs4 import BeautifulSoup

django.setup()
from django.test import Client
from wagtail.models import Locale, Page, Site

from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory, NewsPageFactory
from partners.factories import PartnerIndexPageFactory, PartnerPageFactory

root = Page.get_first_root_node()
for page in root.get_children():
    page.delete()
home = HomePageFactory(parent=root, locale=Locale.get_default())
Site.objects.create(is_default_site=True, root_page=home, hostname="localhost", port=80)
news = NewsIndexPageFactory(parent=home)
partners = PartnerIndexPageFactory(parent=home)
for name in ("Makerere University", "University of Ghana", "Fudan University",
             "University of Cape Town", "Masaryk University", "Jagiellonian University",
             "Universitas Indonesia", "University of Trento", "Universidade de Coimbra"):
    PartnerPageFactory(parent=partners, title=name,
                       summary="Education and research in health; immunology among them.")
NewsPageFactory(parent=news, title="Introduction to Cutting-edge Immunology",
                summary="A week of online lectures.")
trees = {}
for code in ("ar", "zh-hans"):
    locale, _ = Locale.objects.get_or_create(language_code=code)
    home_copy = home.copy_for_translation(locale)
    home_copy.save_revision().publish()
    news_copy = news.copy_for_translation(locale)
    news_copy.save_revision().publish()
    trees[code] = news_copy
for title in ("مقدمة في علم المناعة المتقدم", "ورشة عمل: مناعة الأمراض المدارية",
              "المدرسة الصيفية: علم المناعة والصحة العالمية"):
    NewsPageFactory(parent=trees["ar"], title=title, summary="محاضرات")
NewsPageFactory(parent=trees["zh-hans"], title="非洲的疫苗生产既需要工厂，也同样需要人才",
                summary="研讨会")
NewsPageFactory(parent=trees["zh-hans"], title="前沿免疫学导论", summary="讲座")

client = Client(HTTP_HOST="localhost")
found = {}
for code, query in [("en", "immunology"), ("ar", "مناعة"), ("ar", "المناعة"),
                    ("zh-hans", "疫苗"), ("zh-hans", "免疫")]:
    response = client.get(f"/{code}/search/", {"q": query})
    assert response.status_code == 200, response.status_code
    html = BeautifulSoup(response.content, "html.parser")
    found[f"{code} {query}"] = [a.get_text().strip() for a in html.select(".search-results h2 a")]
print("RESULT" + json.dumps(found))
"""


@pytest.fixture(scope="module")
def sqlite_results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "RENDERS_PER_ADDRESS_PER_MINUTE": "0",  # many searches from one address
        "SEARCHES_PER_ADDRESS_PER_MINUTE": "0",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "REDIS_URL": "",
        "TASKS_BACKEND": "immediate",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(  # noqa: S603 (our own manage.py)
        [*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=600
    )
    done = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT"))
    return json.loads(line.removeprefix("RESULT"))


def test_english_ranks_the_titled_page_first_on_sqlite(sqlite_results):
    assert sqlite_results["en immunology"][0] == "Introduction to Cutting-edge Immunology"


def test_arabic_finds_the_word_with_or_without_its_article_on_sqlite(sqlite_results):
    expected = {
        "مقدمة في علم المناعة المتقدم",
        "ورشة عمل: مناعة الأمراض المدارية",
        "المدرسة الصيفية: علم المناعة والصحة العالمية",
    }
    assert set(sqlite_results["ar مناعة"]) == expected
    assert set(sqlite_results["ar المناعة"]) == expected


def test_chinese_finds_a_word_inside_a_sentence_on_sqlite(sqlite_results):
    assert sqlite_results["zh-hans 疫苗"] == ["非洲的疫苗生产既需要工厂，也同样需要人才"]
    assert sqlite_results["zh-hans 免疫"] == ["前沿免疫学导论"]
