"""survei.ratelimit and its use by the public form: limits per client without keeping its IP."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client, RequestFactory
from pytest_django.fixtures import Settings

from organisasi.models import UnitLayanan
from survei.models import Survei
from survei.ratelimit import BATAS_BAWAAN, catat_dan_periksa, kunci_klien
from tests.survei.conftest_publik import *  # noqa: F403
from tests.survei.conftest_publik import (
    buka_formulir,
    isian,
    jadikan_kios,
    jumlah_tersimpan,
    url_isi,
    url_kios,
)

IP = "203.0.113.45"


# The key ------------------------------------------------------------------------------------------


def test_the_key_never_contains_the_address() -> None:
    for ip in (IP, "2001:db8::1", "127.0.0.1"):
        kunci = kunci_klien(ip, tanggal=date(2025, 3, 1))
        assert ip not in kunci
        assert len(kunci) == 64
        assert set(kunci) <= set("0123456789abcdef")


def test_the_key_is_stable_within_a_day_and_differs_across_days() -> None:
    senin, selasa = date(2025, 3, 3), date(2025, 3, 4)

    assert kunci_klien(IP, tanggal=senin) == kunci_klien(IP, tanggal=senin)
    assert kunci_klien(IP, tanggal=senin) != kunci_klien(IP, tanggal=selasa)
    assert kunci_klien(IP, tanggal=senin) != kunci_klien("203.0.113.46", tanggal=senin)


def test_the_key_depends_on_the_secret_key(settings: Settings) -> None:
    # Without the secret, hashing all 2^32 IPv4 addresses with the date does not find the key.
    hari = date(2025, 3, 3)
    sebelum = kunci_klien(IP, tanggal=hari)

    settings.SECRET_KEY = "rahasia-lain-yang-cukup-panjang-untuk-uji-0123456789"

    assert kunci_klien(IP, tanggal=hari) != sebelum


def test_counts_reset_in_the_next_window_and_on_the_next_day(settings: Settings) -> None:
    settings.SURVEI_BATAS_LAJU = {"publik": (2, 3600)}
    request = RequestFactory().post("/", REMOTE_ADDR=IP)
    hari, jam = date(2025, 3, 3), 1_741_000_000.0

    hasil = [catat_dan_periksa(request, lingkup="publik", tanggal=hari, sekarang=jam) for _ in range(3)]

    assert [h.terlampaui for h in hasil] == [False, False, True]
    assert 0 < hasil[-1].coba_lagi_detik <= 3601
    assert not catat_dan_periksa(request, lingkup="publik", tanggal=hari, sekarang=jam + 3600).terlampaui
    assert not catat_dan_periksa(request, lingkup="publik", tanggal=date(2025, 3, 4), sekarang=jam).terlampaui


@pytest.mark.skipif(
    not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"),
    reason="inspects the local-memory cache; other backends are not enumerable",
)
def test_the_cache_holds_no_address() -> None:
    cache = caches["default"]
    assert isinstance(cache, LocMemCache)
    catat_dan_periksa(RequestFactory().post("/", REMOTE_ADDR=IP), lingkup="publik")

    kunci_cache = list(cache._cache.keys())  # type: ignore[attr-defined]
    assert kunci_cache
    assert not [k for k in kunci_cache if IP in k]


def test_the_defaults_are_20_an_hour_for_the_public_form_and_200_for_a_kiosk() -> None:
    assert (BATAS_BAWAAN["publik"].jumlah, BATAS_BAWAAN["publik"].jendela) == (20, 3600)
    assert (BATAS_BAWAAN["kios"].jumlah, BATAS_BAWAAN["kios"].jendela) == (200, 3600)


# Through the form -----------------------------------------------------------------------------------


def kirim(client: Client, survei: Survei, unit: UnitLayanan, **extra: Any) -> int:
    kunci = buka_formulir(client, url_isi(survei, unit=unit.pk))
    return client.post(url_isi(survei, unit=unit.pk), isian(kunci, unit=unit), **extra).status_code


@pytest.mark.django_db
def test_the_public_form_takes_twenty_answers_an_hour_from_one_address_then_says_429(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    assert [kirim(client, survei_skm, unit, REMOTE_ADDR=IP) for _ in range(20)] == [303] * 20

    kunci = buka_formulir(client, url_isi(survei_skm, unit=unit.pk))
    respons = client.post(url_isi(survei_skm, unit=unit.pk), isian(kunci, unit=unit), REMOTE_ADDR=IP)

    assert respons.status_code == 429
    assert "Terlalu banyak jawaban terkirim" in respons.content.decode()
    assert int(respons["Retry-After"]) > 0
    assert jumlah_tersimpan() == (20, 180)
    # Another address is not affected.
    assert kirim(client, survei_skm, unit, REMOTE_ADDR="203.0.113.99") == 303


@pytest.mark.django_db
def test_x_forwarded_for_does_not_get_a_client_past_the_limit(
    client: Client, survei_skm: Survei, unit: UnitLayanan, settings: Settings
) -> None:
    settings.SURVEI_BATAS_LAJU = {"publik": (2, 3600)}

    hasil = [
        kirim(client, survei_skm, unit, REMOTE_ADDR=IP, HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
        for i in range(3)
    ]

    assert hasil == [303, 303, 429]
    assert jumlah_tersimpan() == (2, 18)


@pytest.mark.django_db
def test_refused_posts_count_too_so_a_flood_of_bad_forms_is_limited(
    client: Client, survei_skm: Survei, unit: UnitLayanan, settings: Settings
) -> None:
    settings.SURVEI_BATAS_LAJU = {"publik": (3, 3600)}
    alamat = url_isi(survei_skm, unit=unit.pk)

    bentuk = [{"unit": unit.pk, "kunci": "palsu"}, {"unit": "999999"}, {"unit": "abc", "j_U1": "9"}]

    hasil = [client.post(alamat, data).status_code for data in bentuk + bentuk]

    assert hasil == [400, 400, 400, 429, 429, 429]


@pytest.mark.django_db
def test_the_kiosk_has_its_own_higher_limit(
    client: Client, survei_skm: Survei, unit: UnitLayanan, settings: Settings
) -> None:
    settings.SURVEI_BATAS_LAJU = {"publik": (1, 3600), "kios": (3, 3600)}
    assert [kirim(client, survei_skm, unit) for _ in range(2)] == [303, 429]

    alamat = url_kios(survei_skm, unit)
    jadikan_kios(client, survei_skm, unit)
    hasil = [client.post(alamat, isian(buka_formulir(client, alamat))).status_code for _ in range(4)]

    assert hasil == [303, 303, 303, 429]
    assert jumlah_tersimpan() == (4, 36)


@pytest.mark.django_db
def test_the_honeypot_is_rate_limited_too(
    client: Client, survei_skm: Survei, unit: UnitLayanan, settings: Settings
) -> None:
    settings.SURVEI_BATAS_LAJU = {"publik": (1, 3600)}
    alamat = url_isi(survei_skm, unit=unit.pk)
    data = {"unit": unit.pk, "situs_web": "http://spam.contoh"}

    assert [client.post(alamat, data).status_code for _ in range(2)] == [303, 429]
    assert jumlah_tersimpan() == (0, 0)
