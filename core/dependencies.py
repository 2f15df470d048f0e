"""What each cached answer shows, so that a change purges only the answers that showed it.

While an answer is computed (a page, an API or feed answer, a remembered lookup), the code
that reads content names what it shows with tags:

- `page:<translation key>`: a page, in any language: its own text, its card in a listing,
  its title in a breadcrumb, its entry in the language switcher (`<app.model>:<key>` for
  other things shown: a person, a topic);
- `list:<app.model>`: a listing that any page of that type may join once published;
- `about:<translation key>`: a listing of what relates to one page (a partner's events
  and news), which a page joins when it is linked to that one;
- `section:<translation key>`: everything in one section of the site (its part of the
  sitemap);
- `search`: search results, which any page's change may change;
- `site`: what every answer shows (menu, footer, settings, languages); every answer has it.

A cached answer keeps the version each of its tags had when it was computed. Purging a
tag gives it a new version, so every answer that showed it is stale at once, on every
server sharing the cache, and the others stay. Each purge also moves the epoch on: a small
in-process layer keeps answers already checked at the current epoch, so a hit reads one
small key (once per request) instead of the answer and its tags. While the cache is down
nothing matches, and answers are computed afresh.

The moment a live page's expiry time comes counts as a change of that page: the first
request after it purges the page's tags (the worker unpublishes it within the minute).
"""

import contextlib
import datetime
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.core.cache import cache
from django.dispatch import Signal

from core.cache_versions import (
    EPOCH_KEY,
    EXPIRY_KEY,
    NEVER,
    current_versions,
    listener,
    new_version,
    request_state,
    tag_key,
)

logger = logging.getLogger(__name__)

SITE = "site"
SEARCH = "search"  # search results: any page published, changed or removed may change them
REMEMBER_SECONDS = 60 * 60
LOCAL_ENTRIES = 512  # answers and lookups kept in each process

#: Sent after tags are purged (`tags`: a set of tag names), for a CDN to follow.
purged = Signal()


def page_tag(page):
    return f"page:{page.translation_key}"


def object_tag(obj):
    """A page's tag; `<app.model>:<translation key or id>` for anything else shown (a
    person, a topic, an image)."""
    from wagtail.models import Page

    if isinstance(obj, Page):
        return page_tag(obj)
    key = getattr(obj, "translation_key", None) or obj.pk
    return f"{obj._meta.label_lower}:{key}"


def list_tag(model):
    return f"list:{model._meta.label_lower}"


def about_tag(page):
    return f"about:{page.translation_key}"


def section_tag(translation_key):
    """Everything under one page below the home (news, events...), in every language."""
    return f"section:{translation_key}"


# Recording -------------------------------------------------------------------------

_recordings = ContextVar("recordings", default=())


def shows(*tags):
    """The answers being computed show what `tags` name."""
    for recorded in _recordings.get():
        recorded.update(tags)


def recorded():
    """What the answer being computed has shown so far (its innermost recording)."""
    recordings = _recordings.get()
    return set(recordings[-1]) if recordings else set()


@contextlib.contextmanager
def recording():
    """Collect the tags of what is shown inside the block (nested blocks add theirs to the
    enclosing ones too)."""
    tags = {SITE}
    token = _recordings.set((*_recordings.get(), tags))
    try:
        yield tags
    finally:
        _recordings.reset(token)


# The epoch ------------------------------------------------------------------------


def epoch():
    """The current epoch: read once per request (a request sees one state of the
    cache), on every call outside requests (workers, commands); heard instead of read
    while this process listens to purges (Redis)."""
    if request_state.in_request and request_state.epoch is not None:
        return request_state.epoch
    heard = listener.current()
    if heard is not None:
        if request_state.in_request:
            request_state.epoch = heard
        return heard
    found = cache.get_many([EPOCH_KEY, EXPIRY_KEY])
    value = found.get(EPOCH_KEY)
    if value is None:
        value = current_versions([EPOCH_KEY])[EPOCH_KEY]
    next_expiry = found.get(EXPIRY_KEY)
    if next_expiry is None or (next_expiry != NEVER and next_expiry <= time.time()):
        value = _expire_due(next_expiry) or value
        next_expiry = cache.get(EXPIRY_KEY)
    if listener.epoch is not None and listener.epoch == value:
        listener.next_expiry = float("inf") if next_expiry in (None, NEVER) else next_expiry
    if request_state.in_request:
        request_state.epoch = value
    return value


def _expire_due(due):
    """Purge the pages whose expiry time has come since `due` (the last one known), and
    remember the next one. The new epoch if anything was purged."""
    from wagtail.models import Page

    now = datetime.datetime.now(tz=datetime.UTC)
    purged_epoch = None
    if due is not None:
        since = datetime.datetime.fromtimestamp(due, tz=datetime.UTC)
        expired = Page.objects.filter(live=True, expire_at__gte=since, expire_at__lte=now)
        tags = set()
        for page in expired.select_related("content_type"):
            tags |= {page_tag(page), list_tag(page.content_type.model_class() or Page)}
        if tags:
            purged_epoch = purge(tags)
    upcoming = Page.objects.filter(live=True, expire_at__gt=now).order_by("expire_at")
    following = upcoming.values_list("expire_at", flat=True).first()
    cache.set(EXPIRY_KEY, following.timestamp() if following else NEVER, timeout=None)
    return purged_epoch


def forget_next_expiry():
    """A page's expiry time was set or changed: look the next one up again."""
    cache.delete(EXPIRY_KEY)
    listener.next_expiry = 0
    request_state.epoch = None


def purge(tags, announce=True):
    """Every answer that showed any of `tags` is stale from now on, in every process;
    `announce`: tell a CDN too (the `purged` signal). The new epoch."""
    tags = set(tags)
    if not tags:
        return None
    # The epoch moves before and after the versions: an answer computed while a purge
    # runs is never stored as current (see `store`).
    cache.set(EPOCH_KEY, new_version(), timeout=None)
    cache.set_many({tag_key(tag): new_version() for tag in tags}, timeout=None)
    value = new_version()
    cache.set(EPOCH_KEY, value, timeout=None)
    if cache.get(EPOCH_KEY) != value:
        logger.warning("cache unavailable: could not purge %s", ", ".join(sorted(tags)))
    listener.announce(value)
    request_state.epoch = None
    _local.forget(tags)
    if announce:
        purged.send(sender=None, tags=tags)
    return value


def purge_everything():
    """A site-wide change (menu, footer, settings, languages): every answer has `site`."""
    return purge({SITE})


# Stored answers ----------------------------------------------------------------------


class _Local:
    """The answers this process has checked, most recently used last."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()  # key: (stored, epoch checked at, expiry time)
        self.lock = threading.Lock()

    def get(self, key):
        """(stored, epoch checked at) of a live entry, else None."""
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            if found[2] <= time.time():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return found[:2]

    def put(self, key, stored, checked_at, expires):
        with self.lock:
            self.entries[key] = (stored, checked_at, expires)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def forget(self, tags):
        with self.lock:
            stale = [
                key for key, (stored, *_rest) in self.entries.items() if tags & stored[1].keys()
            ]
            for key in stale:
                del self.entries[key]

    def clear(self):
        with self.lock:
            self.entries.clear()


_local = _Local(LOCAL_ENTRIES)


def cached(key):
    """`(value, tags)` stored under `key` if nothing it showed has changed since, else
    None. A hit adds the answer's tags to the answers being computed."""
    now = epoch()
    found = _local.get(key)
    if found is not None and found[1] == now:
        stored = found[0]
    else:
        # Checked again after a purge: this process's copy, else the shared one (which
        # another process may have made again since).
        stored = (found and _still_current(key, found[0])) or _still_current(key, cache.get(key))
        if stored is None:
            return None
    shows(*stored[1])
    return stored[0], stored[1].keys()


def _still_current(key, stored):
    """`stored` if none of its tags was purged since it was made (and kept here under
    `key`), else None."""
    if not (isinstance(stored, tuple) and len(stored) == 3):  # none, or an older release's
        return None
    _value, tags, expires = stored
    current = current_versions([*(tag_key(tag) for tag in tags), EPOCH_KEY])
    if any(current[tag_key(tag)] != version for tag, version in tags.items()):
        return None
    _local.put(key, stored, current[EPOCH_KEY], expires)
    return stored


def store(key, value, tags, timeout, started):
    """Keep `value` under `key` with the current versions of `tags`, unless a purge
    happened since the epoch `started` was read (the value may show what it purged)."""
    keys = {tag_key(tag): tag for tag in tags}
    current = current_versions([*keys, EPOCH_KEY])
    if current[EPOCH_KEY] != started:
        return False
    expires = time.time() + timeout
    stored = (value, {tag: current[key] for key, tag in keys.items()}, expires)
    cache.set(key, stored, timeout)
    _local.put(key, stored, started, expires)
    return True


def once_per_request(request, key, compute):
    """`compute()` once per request (every time without one); each use names what it
    shows, for whichever part of the page is being kept (core.templatetags.fragments)."""
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_once_per_request", {})
    if key not in memo:
        with recording() as shown:
            memo[key] = (compute(), shown)
    value, shown = memo[key]
    shows(*shown)
    return value


def remembered_key(key):
    """Where `remember(key, ...)` keeps its value (keys may hold any text: a query)."""
    return "remember:" + hashlib.sha256(key.encode()).hexdigest()[:40]


def remember(key, compute, tags=(), timeout=REMEMBER_SECONDS):
    """`compute()`, cached until something it shows changes (what it reads is recorded;
    `tags` adds what it cannot record itself) or `timeout` seconds pass."""
    full_key = remembered_key(key)
    found = cached(full_key)
    if found is not None:
        return found[0]
    started = epoch()
    with recording() as shown:
        shows(*tags)
        value = compute()
    store(full_key, value, shown, timeout, started)
    return value


def forget_stored(key):
    """Drop one stored answer, here and in the shared cache (benchmarks that render it)."""
    cache.delete(key)
    with _local.lock:
        _local.entries.pop(key, None)


def clear_local():
    """Forget this process's layer and what it heard (tests that swap the cache)."""
    _local.clear()
    listener.reset()
    request_state.epoch = None
