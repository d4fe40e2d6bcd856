"""The unit's queue counts each deadline in the working days of the complaint's instansi, and
reads the holidays once for the page, not once per complaint."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum.hari_kerja import adalah_akhir_pekan
from forum.models import HariLibur, Topik
from tests.factories import PenggunaFactory

from .bantu_views import pengaduan, teks

pytestmark = pytest.mark.django_db

ANTREAN = reverse("forum:antrean")


@pytest.fixture
def pelapor(db):
    return PenggunaFactory.create(email="pelapor@contoh.id", first_name="Rina", last_name="Pelapor")


def test_the_queue_skips_the_instansi_holidays_and_not_another_ones(
    masuk, pelapor, unit, petugas, instansi, instansi_lain
):
    hari_ini = timezone.localdate()
    t = pengaduan(pelapor, unit)
    # Any 14 days in a row hold exactly 10 weekdays.
    Topik.objects.filter(pk=t.pk).update(batas_verifikasi=hari_ini + timedelta(days=14))
    hari_kerja = [hari_ini + timedelta(days=i) for i in range(1, 15)]
    hari_kerja = [h for h in hari_kerja if not adalah_akhir_pekan(h)]
    HariLibur.objects.create(instansi=instansi, tanggal=hari_kerja[0], nama="Libur daerah")
    HariLibur.objects.create(instansi=instansi_lain, tanggal=hari_kerja[1], nama="Libur tetangga")

    html = teks(masuk(petugas).get(ANTREAN))

    assert "sisa 9 hari kerja" in html


def test_the_queues_query_count_does_not_grow_with_the_complaints(masuk, pelapor, unit, petugas, settings):
    settings.FORUM_BATAS_LAJU = (1000, 600)
    pengaduan(pelapor, unit, judul="Aduan pertama")
    klien = masuk(petugas)
    klien.get(ANTREAN)
    with CaptureQueriesContext(connection) as satu:
        assert klien.get(ANTREAN).status_code == 200
    for i in range(9):
        pengaduan(pelapor, unit, judul=f"Aduan {i}")
    with CaptureQueriesContext(connection) as banyak:
        html = teks(klien.get(ANTREAN))

    assert html.count("sisa 3 hari kerja") == 10
    assert len(banyak) == len(satu)
