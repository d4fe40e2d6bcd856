"""What the environment selects: production hardening, databases, e-mail, language."""

import json

from django.conf import settings

from tests import proses


def test_production_settings_pass_check_deploy_without_warnings():
    hasil = proses.manage("check", "--deploy", **proses.PRODUKSI)
    assert hasil.returncode == 0, hasil.stderr
    assert "System check identified no issues" in hasil.stdout
    assert "WARNING" not in hasil.stdout + hasil.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = dict(proses.PRODUKSI, SECRET_KEY=None)
    hasil = proses.manage("check", **env)
    assert hasil.returncode != 0
    assert "SECRET_KEY" in hasil.stderr


def test_development_mode_runs_without_a_secret_key():
    hasil = proses.manage("check", DEBUG="1", SECRET_KEY=None)
    assert hasil.returncode == 0, hasil.stderr


def test_production_switches_on_https_only_cookies_and_hsts():
    kode = (
        "from django.conf import settings as s\n"
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.DEBUG]))"
    )
    hasil = proses.python("import json\n" + kode, **proses.PRODUKSI)
    assert hasil.returncode == 0, hasil.stderr
    assert json.loads(hasil.stdout) == [True, True, True, 31536000, False]


def test_the_default_database_is_sqlite_in_wal_mode_with_a_busy_timeout(tmp_path):
    db = tmp_path / "tilik.sqlite3"
    kode = (
        "import json\nfrom django.db import connection\n"
        "c = connection.cursor()\n"
        "mode = c.execute('PRAGMA journal_mode').fetchone()[0]\n"
        "timeout = c.execute('PRAGMA busy_timeout').fetchone()[0]\n"
        "print(json.dumps([connection.vendor, mode, timeout, str(connection.settings_dict['NAME'])]))"
    )
    hasil = proses.python(kode, DEBUG="1", SQLITE_PATH=str(db))
    assert hasil.returncode == 0, hasil.stderr
    vendor, mode, timeout, nama = json.loads(hasil.stdout)
    assert (vendor, mode, nama) == ("sqlite", "wal", str(db))
    assert timeout >= 5000


def test_without_any_database_setting_sqlite_lives_inside_the_project():
    kode = "from django.conf import settings as s\nprint(s.DATABASES['default']['NAME'])"
    hasil = proses.python(kode, DEBUG="1")
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.strip() == str(proses.ROOT / "var" / "tilik.sqlite3")


def test_database_url_selects_postgresql():
    kode = (
        "import json\nfrom django.conf import settings as s\nd = s.DATABASES['default']\n"
        "print(json.dumps([d['ENGINE'], d['NAME'], d['HOST'], d['PORT']]))"
    )
    hasil = proses.python(kode, DEBUG="1", DATABASE_URL="postgres://tilik:rahasia@db.internal:5433/tilik")
    assert hasil.returncode == 0, hasil.stderr
    assert json.loads(hasil.stdout) == ["django.db.backends.postgresql", "tilik", "db.internal", 5433]


def test_email_goes_to_the_console_by_default_a_folder_or_smtp_by_environment(tmp_path):
    kode = "from django.conf import settings as s\nprint(s.EMAIL_BACKEND)"
    assert proses.python(kode, DEBUG="1").stdout.strip().endswith("console.EmailBackend")
    berkas = proses.python(kode, DEBUG="1", EMAIL_FILE_PATH=str(tmp_path))
    assert berkas.stdout.strip().endswith("filebased.EmailBackend")
    smtp = proses.python(
        kode + "\nprint(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)",
        DEBUG="1",
        EMAIL_URL="smtp+tls://pengirim:sandi@smtp.example.go.id:587",
    )
    assert smtp.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.go.id",
        "587",
        "True",
    ]


def test_indonesian_is_the_language_and_jakarta_the_time_zone():
    assert settings.LANGUAGE_CODE == "id"
    assert [kode for kode, _ in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_TZ


def test_static_files_are_served_by_whitenoise():
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE


def test_login_is_by_verified_email_with_rate_limits_and_totp_available():
    assert settings.ACCOUNT_LOGIN_METHODS == {"email"}
    assert settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory"
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"]
    assert "totp" in settings.MFA_SUPPORTED_TYPES
