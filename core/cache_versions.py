"""Versions of the cache's tags and its epoch (`core.dependencies` explains them), and how
each process hears of a purge made by another."""

import itertools
import logging
import os
import threading
import time

from django.core.cache import cache
from django.core.signals import request_finished, request_started

logger = logging.getLogger(__name__)

EPOCH_KEY = "cache-epoch"
EXPIRY_KEY = "cache-next-expiry"  # when the next live page expires (a timestamp)
NEVER = 0

# Versions ---------------------------------------------------------------------------

_counter = itertools.count()


def new_version():
    """A value no tag had before, on any server: the time it was made comes first."""
    return f"{time.time_ns():x}.{threading.get_ident():x}.{next(_counter)}"


def version_time(version):
    """When `version` (a `new_version()`) was made, in seconds; now for anything else."""
    try:
        return int(version.split(".", 1)[0], 16) / 1e9
    except (AttributeError, ValueError):
        return time.time()


def tag_key(tag):
    return f"tag:{tag}"


def current_versions(keys):
    """The stored value of each key, a new one where none is stored yet; fresh values
    while the cache is down, so that nothing matches."""
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, new_version(), timeout=None)
        found |= cache.get_many(missing)
        found |= {key: new_version() for key in keys if key not in found}
    return found


class RequestState(threading.local):
    """The epoch read once per request (see `core.dependencies.epoch`)."""

    epoch = None
    in_request = False


request_state = RequestState()


def _request_started(**_kwargs):
    request_state.epoch, request_state.in_request = None, True


def _request_finished(**_kwargs):
    request_state.epoch, request_state.in_request = None, False


request_started.connect(_request_started, dispatch_uid="dependencies-request-started")
request_finished.connect(_request_finished, dispatch_uid="dependencies-request-finished")


class Listener:
    """With Redis, each process hears of every purge on a channel, so that a request
    knows the epoch without asking Redis. Until it listens (and whenever the connection
    drops) the epoch is read from Redis as before; a purge from this process sets it at
    once, and one from another arrives within a millisecond or so."""

    CHANNEL = "cache-epoch"

    def __init__(self):
        self.pid = None
        self.epoch = None  # the epoch heard, while listening
        self.next_expiry = 0  # the next expiry known here; 0: read it from Redis

    def client(self):
        backend = getattr(cache, "_cache", None)
        return backend.get_client(write=True) if hasattr(backend, "get_client") else None

    def current(self):
        """The epoch heard, or None (not listening, or an expiry is due)."""
        if self.pid != os.getpid():
            self.start()
        if self.epoch is not None and time.time() < self.next_expiry:
            return self.epoch
        return None

    def start(self):
        self.pid, self.epoch, self.generation = os.getpid(), None, self.generation + 1
        if self.client() is not None:
            generation = self.generation
            threading.Thread(
                target=self.listen, args=(generation,), name="cache-epoch", daemon=True
            ).start()

    generation = 0  # a restarted listener (tests swapping the cache) stops the old one

    def listen(self, generation):
        while generation == self.generation:
            try:
                pubsub = self.client().pubsub()
                pubsub.subscribe(self.CHANNEL)
                for message in pubsub.listen():
                    if generation != self.generation:
                        break
                    if message["type"] == "subscribe":  # from now on every purge is heard
                        self.epoch = current_versions([EPOCH_KEY])[EPOCH_KEY]
                    elif message["type"] == "message":
                        self.heard(message["data"])
                pubsub.close()
            except Exception:  # noqa: BLE001 - any failure: read from Redis until back
                logger.warning("cache purges not heard: reading the epoch from the cache")
                self.epoch = None
                time.sleep(1)

    def heard(self, value):
        if self.epoch is not None:  # listening
            self.epoch = value.decode() if isinstance(value, bytes) else value
        self.next_expiry = 0  # the change may have set an expiry: read it again

    def reset(self):
        self.pid, self.epoch, self.next_expiry = None, None, 0
        self.generation += 1

    def announce(self, value):
        self.heard(value)
        client = self.client()
        if client is not None:
            try:
                client.publish(self.CHANNEL, value)
            except Exception:  # noqa: BLE001 - the others read the epoch from Redis
                logger.warning("cache purge not announced")
                self.epoch = None


listener = Listener()
