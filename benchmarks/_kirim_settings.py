"""Settings for bench_survei_kirim.py only, never for the product: the product's settings in
production mode (DEBUG off, so no query log and no debug templates), over plain HTTP on
127.0.0.1, with the benchmark's URLconf (the product's URLs plus a baseline view) and the
public form's rate limit raised, since every simulated citizen comes from one address.

The benchmark sets DATABASE_URL, SECRET_KEY and DEBUG=0 in the environment before this is
imported (config.settings refuses to start in production mode without a SECRET_KEY).
"""

from config.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "_kirim_urls"
ALLOWED_HOSTS = ["127.0.0.1"]

# Plain HTTP on the loopback: the production HTTPS switches would redirect every request.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# No collectstatic for a benchmark: the manifest storage would fail on every {% static %}.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# survei.ratelimit reads this: (requests, window in seconds) per scope. The limiter still runs
# (one cache increment per POST, as in production); it just never says no.
SURVEI_BATAS_LAJU = {"publik": (10**9, 3600), "kios": (10**9, 3600)}

# 4xx answers would otherwise log one line per request to the console.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
