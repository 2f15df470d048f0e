"""Liveness and readiness for load balancers and orchestrators."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from media.storage import check_storage
from operations.security import PERMISSIONS_POLICY, media_origin, public_policy

logger = logging.getLogger(__name__)


@require_GET
@never_cache
def healthz(request):
    """The process answers; no I/O."""
    return JsonResponse({"status": "ok"})


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


PROBES = {"/healthz": healthz, "/readyz": readyz}


class ProbesMiddleware:
    """`/healthz` and `/readyz` answered first, before any other middleware: a liveness
    probe costs what a trivial view does, probes every few seconds are not logged, they
    work whatever Host header the orchestrator sends, and readiness reports the cache
    down instead of failing on it earlier. They carry the headers every public answer
    carries (operations.security), set once."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": public_policy(media_origin()),
            "Permissions-Policy": PERMISSIONS_POLICY,
            "X-Frame-Options": "DENY",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
            "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
        }

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            response = probe(request)
            for name, value in self.headers.items():
                response[name] = value
            return response
        return self.get_response(request)
