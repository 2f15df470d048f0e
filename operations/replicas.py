"""Anonymous readers' reads from a PostgreSQL read replica (DATABASE_REPLICA_URL); everything
else reads and writes the primary.

A request reads the replica only where a slightly older state of the database harms no
one: a GET or HEAD without a session cookie (no editor, no visitor let into a protected
page), outside the admin, documents (whose restrictions purge nothing) and the
registrant's pages (`/<language>/registrations/`, which show what the registrant has just
done: sent the form, confirmed, cancelled), until its first write, outside transactions,
while the replica answers (one that cannot be reached is left alone for
REPLICA_RETRY_SECONDS), and not within DATABASE_REPLICA_LAG_SECONDS of a purge (core.dependencies):
a purge means a change was just committed and the cached answers that showed it dropped,
and a replica still behind it would fill the page cache with the page as it was. Commands,
the worker, tests and everything outside such a request use the primary.
"""

import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError, connections
from django.urls import reverse

from core.cache_versions import version_time
from core.dependencies import epoch

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
ROUTER = "operations.replicas.ReplicaRouter"


#: What the ORM writes with (and raw SQL mostly): the statements that end replica reads.
WRITES = ("INSERT", "UPDATE", "DELETE")


class _Reads:
    """Where the current request reads: the replica until it writes to the primary."""

    __slots__ = ("alias", "transactions")

    def __init__(self):
        self.alias = REPLICA
        self.transactions = len(connections[PRIMARY].atomic_blocks)  # open when it began

    def watch(self, execute, sql, params, many, context):
        """A primary connection's execute wrapper: the first write statement sends the
        request's later reads to the primary, which has what it wrote. (The router is told
        of writes, but also of reads meant for one, such as `get_or_create`'s.)"""
        if sql.lstrip()[:6].upper() in WRITES:
            self.alias = PRIMARY
        return execute(sql, params, many, context)


# Set by the middleware for the request being served (each thread or task has its own).
_reads = ContextVar("replica_reads", default=None)


def replica_in_use():
    return ROUTER in settings.DATABASE_ROUTERS


def last_purge():
    """When the last purge happened, on any server: when the epoch was made. It is read
    once per request (the page cache reads it anyway), and heard rather than read while
    this process listens to purges. While the cache is unreachable every epoch is made
    afresh, so it says "just now" and the primary answers all."""
    return version_time(epoch())


#: Seconds a process leaves a replica it could not reach alone (readers get the primary).
REPLICA_RETRY_SECONDS = 30
_unreachable_until = 0.0


def replica_reachable():
    """Whether the replica's connection is open, or opens now; once it could not, the
    primary answers this process's readers for REPLICA_RETRY_SECONDS before it is tried
    again (a replica down costs one connect timeout per process and retry, not a 503 for
    every reader)."""
    global _unreachable_until  # noqa: PLW0603 (one flag per process)
    if time.time() < _unreachable_until:
        return False
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError as error:
        _unreachable_until = time.time() + REPLICA_RETRY_SECONDS
        logger.warning(
            "read replica unreachable, readers get the primary for %s s: %s",
            REPLICA_RETRY_SECONDS,
            error,
        )
        return False
    return True


class ReplicaReadsMiddleware:
    """Sends a safe request's reads to the replica (see above). Without the router it is
    not loaded at all."""

    def __init__(self, get_response):
        if not replica_in_use():
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.primary_paths = (
            reverse("wagtailadmin_home"),
            # Whether a document may be seen changes with its collection's restrictions,
            # which purge no cache: the lag guard would not cover them.
            "/documents/",
            *(f"/{code}/registrations/" for code, _name in settings.LANGUAGES),
        )

    def replica_safe(self, request):
        """Cheapest checks first; the session cookie is looked for, never loaded."""
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path_info.startswith(self.primary_paths)
            and time.time() - last_purge() >= settings.DATABASE_REPLICA_LAG_SECONDS
            and replica_reachable()
        )

    def __call__(self, request):
        if not self.replica_safe(request):
            return self.get_response(request)
        reads = _Reads()
        token = _reads.set(reads)
        try:
            with connections[PRIMARY].execute_wrapper(reads.watch):
                return self.get_response(request)
        finally:
            _reads.reset(token)


class ReplicaRouter:
    """Reads of a safe request go to the replica until it writes, every other query to
    the primary."""

    def db_for_read(self, model, **hints):
        reads = _reads.get()
        if reads is None:
            return PRIMARY
        if len(connections[PRIMARY].atomic_blocks) > reads.transactions:
            return PRIMARY  # inside a transaction the request began: it builds on what it reads
        return reads.alias

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        """One database reached two ways: an object read from either relates to any."""
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        """The replica follows the primary's schema by replication."""
        return db == PRIMARY
