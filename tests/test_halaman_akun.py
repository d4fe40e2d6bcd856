"""Account pages (django-allauth) rendered in Tilik's layout, in Indonesian by default."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "kataSandiPanjang-2024"


@pytest.fixture
def verified_user():
    user = get_user_model().objects.create_user(email="warga@example.com", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_page_uses_the_site_layout_in_indonesian(client):
    response = client.get(reverse("account_login"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in html
    assert '<header class="kepala">' in html
    assert 'href="/static/css/tilik.css"' in html
    assert re.search(r"<title>\s*Masuk\s*· Tilik</title>", html)
    assert '<label for="id_login">' in html
    assert '<label for="id_password">Sandi' in html
    assert "Ingat Saya" in html
    assert "Lupa kata sandi" in html
    assert 'class="tombol"' in html


def test_signup_page_uses_the_site_layout_in_indonesian(client):
    response = client.get(reverse("account_signup"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<header class="kepala">' in html
    assert "Kata sandi (lagi)" in html
    assert 'class="formulir"' in html


def test_signup_sends_a_verification_email_in_indonesian(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "baru@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["baru@example.com"]
    assert message.subject.startswith("[Tilik] ")
    assert "Konfirmasi" in message.subject
    assert "Salam dari Tilik!" in message.body
    assert "Untuk mengonfirmasi" in message.body
    assert "/akun/confirm-email/" in message.body
    assert signed_in_user_id(client) is None


def test_login_is_refused_until_the_email_is_verified(client):
    client.post(
        reverse("account_signup"),
        {"email": "baru@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    client.logout()

    response = client.post(reverse("account_login"), {"login": "baru@example.com", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None


def test_a_verified_user_can_sign_in(client, verified_user):
    response = client.post(reverse("account_login"), {"login": verified_user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(verified_user.pk)


def test_rate_limits_are_enabled():
    limits = settings.ACCOUNT_RATE_LIMITS

    assert limits is not False
    assert limits["login_failed"]
    assert limits["signup"]
    assert limits["reset_password"]


def test_a_burst_of_failed_logins_locks_the_account_even_for_the_right_password(client, verified_user):
    # settings: "login_failed": "10/m/ip,5/5m/key": five wrong passwords per e-mail address.
    # allauth counts in the cache, which tests/conftest.py empties around every test.
    for _ in range(5):
        wrong = client.post(reverse("account_login"), {"login": verified_user.email, "password": "salah"})
        assert wrong.status_code == 200
        assert "Terlalu banyak" not in wrong.content.decode()

    response = client.post(reverse("account_login"), {"login": verified_user.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_password_reset_page_uses_the_site_layout(client):
    response = client.get(reverse("account_reset_password"))

    assert response.status_code == 200
    assert '<header class="kepala">' in response.content.decode()


def test_mfa_page_uses_the_account_settings_navigation(client, verified_user):
    client.force_login(verified_user)

    response = client.get(reverse("mfa_index"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<nav class="subnav"' in html
    assert 'class="kartu"' in html
    assert "Aplikasi Autentikator" in html


def test_a_burst_of_signups_from_one_address_gets_an_indonesian_429_page(client):
    # allauth allows 20 sign-ups a minute per IP address; the 21st is refused outright.
    for i in range(20):
        client.post(reverse("account_signup"), {"email": f"warga{i}@example.com"})
    r = client.post(
        reverse("account_signup"),
        {"email": "satu-lagi@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert r.status_code == 429
    assert "Terlalu banyak permintaan" in r.content.decode()
    assert not get_user_model().objects.filter(email="satu-lagi@example.com").exists()
