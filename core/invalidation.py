"""What a change purges from the caches: the answers that showed what changed (see
core.dependencies for the tags).

- A page published, changed while live, unpublished, moved or deleted: its tag (every
  language: the switcher and hreflang of its translations show it), the listings of its
  type, the listings about the pages it is linked to (its parent, its partners) and the
  pages that link to it (Wagtail's reference index: rich text, choosers). Homes, the pages
  in the menu and aliases are site-wide. A new draft, a revision or a lock: nothing.
- A person, a topic, an image or a document: its tag, the listings of its type and the
  pages that refer to it (also through a snippet that does).
- Languages, settings, footer texts, view restrictions and sites: everything.

Purges run once the transaction commits, when what readers will see is in the database.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import post_page_move

from core.dependencies import (
    SEARCH,
    SITE,
    about_tag,
    forget_next_expiry,
    list_tag,
    object_tag,
    page_tag,
    purge,
    section_tag,
)

#: Saves of these fields alone change nothing readers see (drafts, locks, counters, the
#: size and hash Wagtail fills in on a file's first use).
BOOKKEEPING_FIELDS = {
    "comments",
    "wagtail_admin_comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",
    "file_size",
    "file_hash",
}
#: The depth of the pages in the menu (root 1, homes 2, sections 3).
MENU_DEPTH = 3
#: A move or a deletion of more pages than this purges everything.
MOST_PAGES_NAMED = 200


def purge_on_commit(tags):
    """Purge now, for what this transaction reads next, and again once it commits: an
    answer computed elsewhere meanwhile may show the state before it. Only the second
    goes on to a CDN."""
    tags = set(tags)
    if not tags:
        return
    if transaction.get_connection().in_atomic_block:
        purge(tags, announce=False)
    transaction.on_commit(lambda: purge(tags))


def referrers(obj, depth=2):
    """The tags of what refers to `obj` in Wagtail's reference index: pages, and through
    snippets that refer to it, the pages that refer to those."""
    tags = set()
    rows = ReferenceIndex.get_references_to(obj).values_list("base_content_type", "object_id")
    by_type = {}
    for content_type_id, object_id in rows:
        by_type.setdefault(content_type_id, set()).add(object_id)
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        for source in model._default_manager.filter(pk__in=ids):
            if isinstance(source, Page):
                tags |= page_tags(source, referred=False)
            else:
                tags.add(object_tag(source))
                if depth > 1:
                    tags |= referrers(source, depth - 1)
    return tags


def page_tags(page, referred=True):
    """What showed `page` or may show it now."""
    if page.depth <= MENU_DEPTH or page.alias_of_id:
        return {SITE}
    page = page.specific_deferred if type(page) is Page else page
    tags = {page_tag(page), list_tag(type(page)), SEARCH}
    listed_about = getattr(page, "listed_about", lambda: [page.get_parent()])
    tags |= {about_tag(other) for other in listed_about() if other is not None}
    section = Page.objects.filter(path=page.path[: Page.steplen * MENU_DEPTH]).first()
    if section is not None:
        tags.add(section_tag(section.translation_key))
    if referred:
        tags |= referrers(page)
    return tags


def subtree_tags(page):
    """A page and every page below it (a move changes all their addresses)."""
    pages = list(Page.objects.descendant_of(page, inclusive=True)[: MOST_PAGES_NAMED + 1])
    if len(pages) > MOST_PAGES_NAMED:
        return {SITE}
    tags = set()
    for each in pages:
        tags |= page_tags(each.specific_deferred, referred=each.pk == page.pk)
    return tags


def page_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """Published, changed while live or unpublished; a new draft no answer showed."""
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if created and not instance.live:
        return
    if instance.expire_at is not None or "expire_at" in (update_fields or ()):
        forget_next_expiry()
    purge_on_commit(page_tags(instance))


def page_deleted(sender, instance, **kwargs):
    purge_on_commit(page_tags(instance))


def page_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    tags = subtree_tags(instance)
    tags |= {about_tag(parent) for parent in (parent_page_before, parent_page_after) if parent}
    purge_on_commit(tags)


def snippet_saved(sender, instance, update_fields=None, **kwargs):
    """A person, topic, image or document (anything pages refer to)."""
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    purge_on_commit({object_tag(instance), list_tag(type(instance)), *referrers(instance)})


def site_wide_changed(sender, instance, update_fields=None, **kwargs):
    purge_on_commit({SITE})


def connect_shown(models):
    """Snippets and media that pages refer to."""
    for model in models:
        uid = f"invalidate-{model._meta.label_lower}"
        post_save.connect(snippet_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(snippet_saved, sender=model, dispatch_uid=f"{uid}-delete")


def connect(shown_models, site_wide_models):
    """Pages; `shown_models`: snippets and media pages refer to; `site_wide_models`:
    what every answer shows."""
    connect_shown(shown_models)
    for model in (*site_wide_models, Locale, Site, PageViewRestriction):
        uid = f"invalidate-{model._meta.label_lower}"
        post_save.connect(site_wide_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(site_wide_changed, sender=model, dispatch_uid=f"{uid}-delete")
    # Every page type (each sends its signals as its own class).
    post_save.connect(page_saved_any, dispatch_uid="invalidate-page-save")
    pre_delete.connect(page_deleted_any, dispatch_uid="invalidate-page-delete")
    post_page_move.connect(page_moved, dispatch_uid="invalidate-page-move")


def page_saved_any(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_saved(sender, instance, **kwargs)


def page_deleted_any(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_deleted(sender, instance, **kwargs)
