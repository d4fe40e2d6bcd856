"""Error pages are Tilik's own, in Indonesian."""

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_an_oversized_post_gets_an_indonesian_400_page(client):
    badan = "email=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    r = client.post("/akun/signup/", data=badan, content_type="application/x-www-form-urlencoded")
    assert r.status_code == 400
    assert "Permintaan tidak dapat diproses" in r.content.decode()


@pytest.mark.django_db
def test_an_unknown_page_gets_an_indonesian_404_page(client):
    r = client.get("/tidak-ada-halaman-ini/")
    assert r.status_code == 404
    assert "Halaman tidak ditemukan" in r.content.decode()
