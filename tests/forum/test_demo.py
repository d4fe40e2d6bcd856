"""The forum step of `manage.py demo`: every state of the workflow in every demo city."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from itertools import pairwise
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from forum import demo
from forum.hari_kerja import tambah_hari_kerja
from forum.markdown import render
from forum.models import Balasan, LogModerasi, RiwayatStatus, Topik
from forum.selectors import metrik_pengaduan
from organisasi.models import Instansi, Penataan, UnitLayanan
from survei.demo import HARI_INI

KOTA = ["kota-palembang", "kota-serang", "kota-sawahlunto", "kota-tebing-tinggi"]
Status = Topik.Status


@pytest.fixture(scope="module")
def _demo_modul(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The demo, written once for the whole module inside a transaction rolled back at its
    end; each test's own transaction is a savepoint inside it."""
    # The survey step (twenty thousand responses) is not needed by the forum and is tested
    # on its own; the command runs the organisation step and this one.
    from organisasi.management.commands import demo as perintah

    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as mp:
        mp.setattr(perintah, "LANGKAH_DEMO", ["organisasi.demo.isi", "forum.demo.isi"])
        keluaran = StringIO()
        call_command("demo", stdout=keluaran)
        yield keluaran.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def isi_demo(_demo_modul: str, db: None) -> str:
    return _demo_modul


def test_every_city_has_complaints_in_every_state(isi_demo: str) -> None:
    semua = set(Status.values)
    assert demo.status_per_kota() == dict.fromkeys(KOTA, semua)
    for kota in KOTA:
        pengaduan = Topik.objects.pengaduan().filter(instansi__slug=kota)
        terlambat = pengaduan.terlambat(hari_ini=HARI_INI)
        assert terlambat.filter(status=Status.DITERIMA).exists(), kota
        assert terlambat.filter(status=Status.DIVERIFIKASI).exists(), kota
        terbuka = pengaduan.filter(status__in=[Status.DITERIMA, Status.DIVERIFIKASI])
        assert terbuka.exclude(pk__in=terlambat).exists(), kota
        assert pengaduan.filter(privasi=Topik.Privasi.ANONIM).exists()
        assert pengaduan.filter(privasi=Topik.Privasi.RAHASIA).exists()
        assert RiwayatStatus.objects.filter(
            topik__instansi__slug=kota, aksi=RiwayatStatus.Aksi.DIALIHKAN
        ).exists()
        assert RiwayatStatus.objects.filter(
            topik__instansi__slug=kota, aksi=RiwayatStatus.Aksi.DITUTUP_OTOMATIS, pelaku__isnull=True
        ).exists()
    assert "Forum demo:" in isi_demo


def test_every_penataan_is_discussed_with_its_resulting_unit_taking_part(isi_demo: str) -> None:
    for penataan in Penataan.objects.filter(instansi__slug__in=KOTA):
        diskusi = Topik.objects.get(penataan=penataan, jenis=Topik.Jenis.DISKUSI)
        assert diskusi.unit in [lin.unit_hasil for lin in penataan.lineage.all()]
        assert diskusi.balasan.filter(dari_unit=diskusi.unit).exists()
        assert diskusi.jumlah_balasan == diskusi.balasan.count() >= 3


def test_the_stored_state_is_one_the_workflow_produces(isi_demo: str) -> None:
    for topik in Topik.objects.pengaduan().prefetch_related("riwayat"):
        riwayat = list(topik.riwayat.order_by("dibuat", "id"))
        assert riwayat[0].aksi == RiwayatStatus.Aksi.DIAJUKAN
        assert riwayat[-1].ke_status == topik.status, topik
        for sebelum, sesudah in pairwise(riwayat):
            assert sesudah.dari_status == sebelum.ke_status, topik
        assert all(r.dibuat <= HARI_INI_AKHIR for r in riwayat)
        if topik.diverifikasi_pada is not None:
            assert topik.batas_tindak_lanjut == tambah_hari_kerja(
                topik.diverifikasi_pada.astimezone(demo.WIB).date(), 5, instansi_id=topik.instansi_id
            )
        if topik.status in (Status.DITINDAKLANJUTI, Status.SELESAI):
            assert topik.dijawab_pada is not None and topik.balasan.filter(resmi=True).exists()
        assert topik.jumlah_balasan == topik.balasan.count()


HARI_INI_AKHIR = demo._waktu(-1, 0)


def test_posts_are_stored_sanitised_and_moderation_is_logged(isi_demo: str) -> None:
    for isi, isi_html in [
        *Topik.objects.values_list("isi", "isi_html"),
        *Balasan.objects.values_list("isi", "isi_html"),
    ]:
        assert isi_html == render(isi)
    for kota in KOTA:
        instansi = Instansi.objects.get(slug=kota)
        assert Balasan.objects.filter(
            topik__instansi=instansi, perlu_tinjauan=True, tersembunyi=True
        ).exists()
        assert set(LogModerasi.objects.filter(instansi=instansi).values_list("aksi", flat=True)) == {
            LogModerasi.Aksi.SEMBUNYI_OTOMATIS,
            LogModerasi.Aksi.SEMBUNYIKAN,
        }


def test_the_metrics_have_data_in_every_city(isi_demo: str) -> None:
    for kota in KOTA:
        unit_ids = UnitLayanan.objects.filter(instansi__slug=kota).values_list("pk", flat=True)
        metrik = metrik_pengaduan(unit_ids=unit_ids, mulai=None, sampai=None)
        assert metrik.jumlah >= 15
        assert metrik.jumlah_penilaian >= 3
        assert metrik.median_jam_tanggapan_pertama is not None
        assert 0 < (metrik.persen_tepat_waktu or 0) < 100


def test_a_second_run_changes_nothing(isi_demo: str) -> None:
    sebelum = (Topik.objects.count(), Balasan.objects.count(), RiwayatStatus.objects.count())
    keluaran = StringIO()
    demo.isi(keluaran=keluaran)
    assert "Forum demo: 0 baris dibuat, 0 diperbarui." in keluaran.getvalue()
    assert (Topik.objects.count(), Balasan.objects.count(), RiwayatStatus.objects.count()) == sebelum


def test_the_demo_petugas_handles_his_citys_complaints(isi_demo: str) -> None:
    from django.contrib.auth import get_user_model

    from organisasi import izin

    petugas = get_user_model()._default_manager.get(email="petugas.serang@demo.tilik.id")
    pengaduan = Topik.objects.pengaduan().filter(instansi__slug="kota-serang").select_related("unit")
    assert pengaduan.exists()
    assert all(izin.bisa_tangani_pengaduan(petugas, topik=t) for t in pengaduan)
    palembang = Topik.objects.pengaduan().filter(instansi__slug="kota-palembang").select_related("unit")
    assert not any(izin.bisa_tangani_pengaduan(petugas, topik=t) for t in palembang)
