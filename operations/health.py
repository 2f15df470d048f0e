"""Liveness and readiness for load balancers and orchestrators."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from media.storage import check_storage

logger = logging.getLogger(__name__)


@require_GET
@never_cache
def healthz(request):
    """The process answers; no I/O."""
    return JsonResponse({"status": "ok"})


class LivenessMiddleware:
    """`/healthz` answered first, before any other middleware: a probe costs what a
    trivial view does, is not logged once every few seconds, and works whatever Host
    header the orchestrator sends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":  # a tolerant cache hides errors: check it kept the value
        raise ConnectionError("the cache did not keep a value")
    cache.delete(key)


CHECKS = {"database": check_database, "storage": check_storage, "cache": check_cache}


@require_GET
@never_cache
def readyz(request):
    """200 when the database, the media storage and the cache answer; 503 naming those
    that do not."""
    down = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure means not ready
            logger.warning("readiness check %s failed: %s", name, error)
            down[name] = error.__class__.__name__
    if down:
        return JsonResponse({"status": "unavailable", "down": down}, status=503)
    return JsonResponse({"status": "ok", "checked": list(CHECKS)})
