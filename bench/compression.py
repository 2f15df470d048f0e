"""Static files gzipped as production sends them, for measurements on a slow link."""

import gzip

from django.conf import settings


def compress_static(app):
    """`app` with static files gzipped for browsers that accept it. In production
    WhiteNoise sends the compressed copies collectstatic makes (where they save at least
    5%); the test settings read the source folders and send them as they are."""

    def compressed(environ, start_response):
        static = environ["PATH_INFO"].startswith(settings.STATIC_URL)
        if not static or "gzip" not in environ.get("HTTP_ACCEPT_ENCODING", ""):
            return app(environ, start_response)
        answer = {}
        response = app(
            environ,
            lambda status, headers, exc_info=None: answer.update(status=status, headers=headers),
        )
        try:
            body = b"".join(response)
        finally:
            response.close()
        headers = [
            (name, value) for name, value in answer["headers"] if name.lower() != "content-length"
        ]
        packed = gzip.compress(body)
        if answer["status"].startswith("200") and len(packed) <= 0.95 * len(body):
            body = packed
            headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        start_response(answer["status"], [*headers, ("Content-Length", str(len(body)))])
        return [body]

    return compressed
