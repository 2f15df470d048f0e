"""The site as `config.wsgi` serves it, with static files compressed as in production
(WhiteNoise sends collectstatic's compressed copies there): for `make bench`'s slow link."""

import os

from django.core.wsgi import get_wsgi_application

from bench.compression import compress_static

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

application = compress_static(get_wsgi_application())
