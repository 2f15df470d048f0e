"""Server errors without the database: a plain 500 page, or, when the database cannot be
reached, a 503 maintenance page asking readers to come back (`Retry-After`). Both render
from templates alone, so they work while everything else is down; the next request
reconnects by itself once the database is back."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

#: Seconds after which readers and crawlers may try again.
RETRY_AFTER_SECONDS = 30


def database_unreachable(error):
    """Connection refused, lost or timed out, or the server shutting down (psycopg's
    errors as Django wraps them). A statement timeout, a deadlock or a full disk is a
    server error (500), for alerts to catch."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    code = getattr(error.__cause__, "pgcode", None)  # None: no answer from the server
    return code is None or code.startswith(("08", "57P"))


def server_error(request):
    """Django's `handler500`: called while the failing request's exception is handled."""
    error = sys.exc_info()[1]
    if database_unreachable(error):
        logger.error("database unreachable, answering 503: %s", error)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponse(render_to_string("500.html"), status=500)
    response["Cache-Control"] = "no-store"
    return response
