"""The access log: one line per request."""

import logging
import time


class RequestLogMiddleware:
    """One log line per request on stdout: method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.logger = logging.getLogger("requests")

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        milliseconds = (time.perf_counter() - started) * 1000
        self.logger.info(
            '%s "%s" %s %.1fms',
            request.method,
            request.get_full_path()[:500],
            response.status_code,
            milliseconds,
        )
        return response
