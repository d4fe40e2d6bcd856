"""The home page and the base layout every page shares."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

pytestmark = pytest.mark.django_db

# The survey form's first load (HTML + CSS) must stay under 60 KB; the shared stylesheet gets a
# third of that.
CSS_BUDGET_BYTES = 20 * 1024


def page(client, **headers) -> str:
    response = client.get(reverse("beranda"), **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_it_is_in_indonesian_by_default(client):
    html = page(client)

    assert '<html lang="id">' in html
    assert "Suara warga untuk layanan publik yang lebih baik" in html
    assert "Isi survei kepuasan" in html
    assert "Untuk pemerintah daerah" in html


def test_it_links_to_surveys_forum_and_published_results(client):
    html = page(client)

    for path in ("/s/", "/forum/", "/hasil/"):
        assert f'href="{path}"' in html


def test_it_stays_indonesian_for_a_browser_set_to_english(client):
    html = page(client, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="id">' in html
    assert "Suara warga" in html


def test_it_ignores_a_language_cookie_it_does_not_offer(client):
    client.cookies["django_language"] = "fr"

    assert '<html lang="id">' in page(client)


def test_it_switches_to_english_through_the_language_form(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["django_language"].value == "en"
    html = page(client)
    assert '<html lang="en">' in html
    assert "Sign in" in html


def test_the_language_form_posts_with_csrf_and_keeps_the_current_path(client):
    html = page(client)

    form = re.search(r'<form class="bahasa" method="post" action="/i18n/setlang/".*?</form>', html, re.S)
    assert form
    assert 'name="csrfmiddlewaretoken"' in form.group()
    assert '<input type="hidden" name="next" value="/">' in form.group()
    assert 'name="language" value="id"' in form.group()
    assert 'name="language" value="en"' in form.group()


def test_it_has_landmarks_a_skip_link_and_a_viewport(client):
    html = page(client)

    assert '<a class="lewati" href="#konten">' in html
    assert '<main id="konten"' in html
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_it_needs_no_javascript_and_loads_nothing_from_other_hosts(client):
    html = page(client)

    assert "<script" not in html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_it_references_a_stylesheet_under_the_budget(client):
    html = page(client)

    assert 'href="/static/css/tilik.css"' in html
    path = finders.find("css/tilik.css")
    assert path
    with open(path, "rb") as css:
        content = css.read()
    assert len(content) < CSS_BUDGET_BYTES
    assert b"url(http" not in content
    assert b"@import" not in content


def test_it_offers_sign_in_and_sign_up_to_a_visitor(client):
    html = page(client)

    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html
    assert reverse("account_logout") not in html


def test_it_shows_a_signed_in_user_their_email_and_a_logout_form(client):
    user = get_user_model().objects.create_user(email="warga@example.com", password="x-Panjang-123")
    client.force_login(user)

    html = page(client)

    assert "warga@example.com" in html
    assert f'href="{reverse("mfa_index")}"' in html
    logout = re.search(rf'<form method="post" action="{reverse("account_logout")}">.*?</form>', html, re.S)
    assert logout
    assert 'name="csrfmiddlewaretoken"' in logout.group()
    assert f'href="{reverse("account_login")}"' not in html


def test_an_unknown_address_gets_the_indonesian_404_page_in_the_site_layout(client):
    response = client.get("/tidak-ada-di-sini/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html
    assert '<header class="kepala">' in html


def test_the_500_page_renders_without_request_or_context():
    html = render_to_string("500.html")

    assert '<html lang="id">' in html
    assert "Terjadi kesalahan" in html
    assert "{%" not in html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
