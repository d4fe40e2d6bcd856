"""Settings of the gunicorn that the load and fault tests start: the product's settings in
production mode (DEBUG off: no query log, the real error pages), over plain HTTP on the
loopback, with the public form's per-address limit raised, since every simulated citizen comes
from 127.0.0.1. The test sets DATABASE_URL (a database of its private PostgreSQL cluster),
SECRET_KEY and DEBUG=0 in the environment before this is imported.
"""

from config.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]

# Plain HTTP on the loopback: the production HTTPS switches would redirect every request.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# No collectstatic for a test run: the manifest storage would fail on every {% static %}.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# survei.ratelimit reads this, (requests, window in seconds) per scope: the limiter still
# counts every POST, as in production; it just never says no to one address sending thousands.
SURVEI_BATAS_LAJU = {"publik": (10**9, 3600), "kios": (10**9, 3600)}

# 4xx answers and the expected database errors of the restart test would log a line each.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
