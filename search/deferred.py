"""Search indexing held back while a command saves many objects, then done in bulk.

Each save of an indexed object normally re-indexes it at once (one task per save). A
command that builds a site saves a page several times (created, revised, published,
translated), so `deferred_indexing()` records what was saved and indexes each object
once, at the end, with one insert per model and language.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler

BATCH = 200


def auto_updated_models():
    return [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]


@contextmanager
def deferred_indexing():
    """Index what is saved inside the block once, when the block ends without error."""
    saved = defaultdict(set)

    def record(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    models = auto_updated_models()
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(record, sender=model, weak=False, dispatch_uid=("deferred", model))
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(sender=model, dispatch_uid=("deferred", model))
            post_save.connect(post_save_signal_handler, sender=model)
    index_now(saved)


def index_now(saved):
    """Index the objects {model: pks} as they are now; those gone or not indexed are left."""
    indexed = defaultdict(dict)
    for model, pks in saved.items():
        for obj in model._default_manager.filter(pk__in=pks):
            target = index.get_indexed_instance(obj, check_exists=False)
            if target is not None:
                indexed[type(target)][target.pk] = target
    for model, objects in indexed.items():
        wanted = set(
            model.get_indexed_objects().filter(pk__in=objects).values_list("pk", flat=True)
        )
        batch = [obj for pk, obj in objects.items() if pk in wanted]
        for backend in get_search_backends(with_auto_update=True):
            for start in range(0, len(batch), BATCH):
                backend.add_bulk(model, batch[start : start + BATCH])
