"""schema.org `NewsArticle` for news articles (JSON-LD)."""

from core.structured_data import image_url, publisher


def news_article_json_ld(article, request, authors, settings):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.meta_description,
        "url": article.get_full_url(request),
        "mainEntityOfPage": article.get_full_url(request),
        "datePublished": article.date.isoformat(),
        "inLanguage": article.listing_locale.language_code,
        "publisher": publisher(request, settings),
        "author": [{"@type": "Person", "name": person.name} for person in authors]
        or [publisher(request, settings)],
    }
    if article.last_published_at:
        data["dateModified"] = article.last_published_at.isoformat()
    if picture := image_url(request, article.hero_image):
        data["image"] = [picture]
    return data
