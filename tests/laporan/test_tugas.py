"""A report's job from the request to the file: failures with their reason and a retry, the
progress page, jobs whose worker died, attempts that were replaced, and what is never served.

The test settings run a task inside enqueue() (ImmediateBackend); tests that need a job to
stay queued use the dummy backend (fixture tanpa_pekerja)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends

from akun.models import Pengguna
from laporan import berkas
from laporan.models import Laporan
from laporan.pdf.skm import PenyusunSKM
from laporan.services import (
    PERCOBAAN_MAKS,
    laporan_jalankan,
    laporan_minta_evaluasi,
    laporan_minta_skm,
    laporan_pulihkan_macet,
)
from laporan.tasks import buat_laporan
from organisasi.models import Instansi, Penataan
from survei.models import Survei


def url_status(laporan: Laporan) -> str:
    return reverse("laporan:status", kwargs={"laporan_id": laporan.pk})


def isi_folder(laporan: Laporan) -> list[str]:
    """The report's files and any temporary file in the report folder (shared by the session)."""
    folder = berkas.folder_laporan()
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((str(laporan.pk), ".tulis-")))


def laporan_berjalan(
    instansi: Instansi, penataan: Penataan, *, detak_menit: int, percobaan: int = 1
) -> Laporan:
    """A job row as a worker leaves it mid-way: running, last heartbeat some minutes ago."""
    waktu = timezone.now() - timedelta(minutes=detak_menit)
    return Laporan.objects.create(
        jenis=Laporan.Jenis.EVALUASI,
        instansi=instansi,
        penataan=penataan,
        parameter={"penataan": penataan.pk, "jeda_bulan": 0, "jendela_bulan": 12},
        status=Laporan.Status.BERJALAN,
        langkah=3,
        jumlah_langkah=5,
        label_langkah="Menggambar grafik",
        percobaan=percobaan,
        giliran=percobaan,
        mulai=waktu,
        detak=waktu,
    )


# Failures ---------------------------------------------------------------------------------------------


def test_a_penataan_that_cannot_be_analysed_fails_with_the_analysis_reason(
    penataan_kosong: Penataan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    klien = masuk(evaluator, totp=True)
    respons = klien.post(
        reverse("laporan:buat", kwargs={"instansi": penataan_kosong.instansi.slug}),
        {"jenis": "evaluasi", "penataan": penataan_kosong.pk, "transisi": "0"},
    )

    laporan = Laporan.objects.get()
    assert respons.status_code == 302
    assert respons["Location"] == url_status(laporan)
    assert laporan.status == Laporan.Status.GAGAL
    assert "belum dapat dianalisis" in laporan.pesan_galat
    assert laporan.berkas == "" and laporan.sha256_berkas == ""
    halaman = klien.get(url_status(laporan)).content.decode()
    assert "belum dapat dianalisis" in halaman
    assert reverse("laporan:ulang", kwargs={"laporan_id": laporan.pk}) in halaman
    assert "csrfmiddlewaretoken" in halaman
    assert 'http-equiv="refresh"' not in halaman
    assert isi_folder(laporan) == []


def test_a_failing_render_marks_the_job_failed_with_its_reason(
    survei_kecil: Survei, evaluator: Pengguna, settings: Any, tmp_path: Path
) -> None:
    # A deployment without the report fonts: the PDF step fails.
    settings.BASE_DIR = tmp_path
    laporan = laporan_minta_skm(survei=survei_kecil, unit=None, pengguna=evaluator)

    assert laporan.status == Laporan.Status.GAGAL
    assert "FileNotFoundError" in laporan.pesan_galat
    assert "huruf laporan tidak ditemukan" in laporan.pesan_galat
    assert laporan.langkah == 4  # it failed at "Menyusun PDF"
    assert laporan.berkas == ""
    assert isi_folder(laporan) == []  # no half-written or temporary file left behind


def test_a_failed_report_is_retried_and_then_finishes(
    survei_kecil: Survei, evaluator: Pengguna, masuk: Callable[..., Client], settings: Any, tmp_path: Path
) -> None:
    bawaan = django_settings.BASE_DIR
    settings.BASE_DIR = tmp_path
    laporan = laporan_minta_skm(survei=survei_kecil, unit=None, pengguna=evaluator)
    assert laporan.status == Laporan.Status.GAGAL
    settings.BASE_DIR = bawaan

    klien = masuk(evaluator, totp=True)
    respons = klien.post(reverse("laporan:ulang", kwargs={"laporan_id": laporan.pk}), follow=True)

    laporan.refresh_from_db()
    assert "Laporan dimasukkan kembali ke antrean." in respons.content.decode()
    assert laporan.status == Laporan.Status.SELESAI
    assert (laporan.giliran, laporan.percobaan, laporan.pesan_galat) == (2, 1, "")
    assert isi_folder(laporan) == [f"{laporan.pk}-2.pdf"]
    assert berkas.sha256_jalur(berkas.jalur(laporan.berkas)) == laporan.sha256_berkas


def test_only_a_failed_report_can_be_retried(
    penataan_kosong: Penataan, evaluator: Pengguna, masuk: Callable[..., Client], tanpa_pekerja: None
) -> None:
    laporan = laporan_minta_evaluasi(penataan=penataan_kosong, pengguna=evaluator)
    assert laporan.status == Laporan.Status.ANTRI

    respons = masuk(evaluator, totp=True).post(
        reverse("laporan:ulang", kwargs={"laporan_id": laporan.pk}), follow=True
    )

    laporan.refresh_from_db()
    assert "Hanya laporan yang gagal dapat diulang." in respons.content.decode()
    assert (laporan.status, laporan.giliran) == (Laporan.Status.ANTRI, 1)


def test_a_queue_that_cannot_be_reached_fails_the_job_with_a_reason(
    penataan_kosong: Penataan, evaluator: Pengguna, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "laporan.tidak_ada.Backend"}}

    laporan = laporan_minta_evaluasi(penataan=penataan_kosong, pengguna=evaluator)

    assert laporan.status == Laporan.Status.GAGAL
    assert laporan.pesan_galat == "Antrean tugas tidak dapat dihubungi. Coba lagi beberapa saat lagi."


# Progress ----------------------------------------------------------------------------------------------


def test_the_progress_page_refreshes_itself_and_says_which_step_of_how_many(
    instansi: Instansi, penataan_kosong: Penataan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    laporan = laporan_berjalan(instansi, penataan_kosong, detak_menit=1)

    halaman = masuk(evaluator, totp=True).get(url_status(laporan)).content.decode()

    assert '<meta http-equiv="refresh" content="3">' in halaman
    assert '<progress id="kemajuan" max="5" value="2">' in halaman
    assert "Langkah 3 dari 5: Menggambar grafik" in halaman
    assert reverse("laporan:unduh", kwargs={"laporan_id": laporan.pk}) not in halaman
    assert "<script" not in halaman.split("</header>")[1]


def test_a_queued_job_shows_that_it_waits(
    penataan_kosong: Penataan, evaluator: Pengguna, masuk: Callable[..., Client], tanpa_pekerja: None
) -> None:
    laporan = laporan_minta_evaluasi(penataan=penataan_kosong, pengguna=evaluator)

    halaman = masuk(evaluator, totp=True).get(url_status(laporan)).content.decode()

    assert "Menunggu giliran dalam antrean." in halaman
    assert 'http-equiv="refresh"' in halaman
    assert task_backends["default"].results[-1].args == [str(laporan.pk), 1]  # type: ignore[attr-defined]


def test_an_unfinished_report_is_never_downloaded(
    instansi: Instansi, penataan_kosong: Penataan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    laporan = laporan_berjalan(instansi, penataan_kosong, detak_menit=1)
    # Even a complete-looking file under its final name is not served before the row says so.
    berkas.tulis_atomik(f"{laporan.pk}-1.pdf", b"%PDF-1.7 belum selesai")

    respons = masuk(evaluator, totp=True).get(reverse("laporan:unduh", kwargs={"laporan_id": laporan.pk}))

    assert respons.status_code == 302
    assert respons["Location"] == url_status(laporan)
    berkas.hapus(f"{laporan.pk}-1.pdf")


# Workers that die ------------------------------------------------------------------------------------


def test_a_job_whose_worker_died_is_queued_again_when_its_page_is_viewed(
    instansi: Instansi,
    penataan_kosong: Penataan,
    evaluator: Pengguna,
    masuk: Callable[..., Client],
    tanpa_pekerja: None,
    settings: Any,
) -> None:
    settings.LAPORAN_BATAS_DETAK = 600
    laporan = laporan_berjalan(instansi, penataan_kosong, detak_menit=11)

    halaman = masuk(evaluator, totp=True).get(url_status(laporan)).content.decode()

    laporan.refresh_from_db()
    assert (laporan.status, laporan.giliran, laporan.percobaan) == (Laporan.Status.ANTRI, 2, 1)
    assert laporan.detak is None
    assert task_backends["default"].results[-1].args == [str(laporan.pk), 2]  # type: ignore[attr-defined]
    assert "Menunggu giliran dalam antrean." in halaman


def test_a_recent_heartbeat_is_left_alone(
    instansi: Instansi, penataan_kosong: Penataan, tanpa_pekerja: None, settings: Any
) -> None:
    settings.LAPORAN_BATAS_DETAK = 600
    laporan = laporan_berjalan(instansi, penataan_kosong, detak_menit=9)

    assert laporan_pulihkan_macet() == 0

    laporan.refresh_from_db()
    assert (laporan.status, laporan.giliran) == (Laporan.Status.BERJALAN, 1)


def test_after_the_last_attempt_a_dead_job_fails_with_a_readable_reason(
    instansi: Instansi, penataan_kosong: Penataan, tanpa_pekerja: None
) -> None:
    laporan = laporan_berjalan(instansi, penataan_kosong, detak_menit=60, percobaan=PERCOBAAN_MAKS)

    assert laporan_pulihkan_macet() == 1

    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.GAGAL
    assert laporan.pesan_galat.startswith("Pembuatan laporan terhenti 3 kali tanpa selesai")
    assert task_backends["default"].results == []  # type: ignore[attr-defined]


def test_a_job_left_waiting_in_the_queue_is_queued_again(
    penataan_kosong: Penataan, evaluator: Pengguna, tanpa_pekerja: None, settings: Any
) -> None:
    settings.LAPORAN_BATAS_ANTRI = 3600
    laporan = laporan_minta_evaluasi(penataan=penataan_kosong, pengguna=evaluator)
    Laporan.objects.filter(pk=laporan.pk).update(diantrekan=timezone.now() - timedelta(minutes=59))
    assert laporan_pulihkan_macet() == 0

    Laporan.objects.filter(pk=laporan.pk).update(diantrekan=timezone.now() - timedelta(minutes=61))
    assert laporan_pulihkan_macet() == 1

    laporan.refresh_from_db()
    assert (laporan.status, laporan.giliran, laporan.percobaan) == (Laporan.Status.ANTRI, 2, 1)
    assert timezone.now() - laporan.diantrekan < timedelta(minutes=1)  # type: ignore[operator]
    assert [r.args for r in task_backends["default"].results] == [  # type: ignore[attr-defined]
        [str(laporan.pk), 1],
        [str(laporan.pk), 2],
    ]


def test_a_job_no_worker_ever_takes_fails_saying_so(
    penataan_kosong: Penataan, evaluator: Pengguna, tanpa_pekerja: None
) -> None:
    laporan = laporan_minta_evaluasi(penataan=penataan_kosong, pengguna=evaluator)
    Laporan.objects.filter(pk=laporan.pk).update(
        diantrekan=timezone.now() - timedelta(hours=2), percobaan=PERCOBAAN_MAKS
    )

    laporan_pulihkan_macet()

    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.GAGAL
    assert "manage.py db_worker" in laporan.pesan_galat


def test_a_worker_that_picks_up_work_first_requeues_dead_jobs(
    instansi: Instansi, penataan_kosong: Penataan, evaluator: Pengguna, tanpa_pekerja: None
) -> None:
    mati = laporan_berjalan(instansi, penataan_kosong, detak_menit=30)
    baru = laporan_minta_evaluasi(penataan=penataan_kosong, pengguna=evaluator)

    # What `db_worker` runs for the new job.
    buat_laporan.call(str(baru.pk), baru.giliran)

    mati.refresh_from_db()
    baru.refresh_from_db()
    assert (mati.status, mati.giliran) == (Laporan.Status.ANTRI, 2)
    assert baru.status == Laporan.Status.GAGAL  # this penataan has no data: its own reason
    assert [r.args for r in task_backends["default"].results] == [  # type: ignore[attr-defined]
        [str(baru.pk), 1],
        [str(mati.pk), 2],
    ]


def test_an_attempt_that_was_replaced_writes_nothing(
    survei_kecil: Survei, evaluator: Pengguna, tanpa_pekerja: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    laporan = laporan_minta_skm(survei=survei_kecil, unit=None, pengguna=evaluator)
    ambil_data = PenyusunSKM.ambil_data

    def lalu_digantikan(self: PenyusunSKM) -> None:
        # While this worker works, its job is declared dead and queued again.
        Laporan.objects.filter(pk=laporan.pk).update(status=Laporan.Status.ANTRI, giliran=2)
        ambil_data(self)

    monkeypatch.setattr(PenyusunSKM, "ambil_data", lalu_digantikan)

    assert laporan_jalankan(laporan_id=str(laporan.pk), giliran=1) == "dilewati"

    laporan.refresh_from_db()
    assert (laporan.status, laporan.giliran, laporan.berkas, laporan.sha256_berkas) == (
        Laporan.Status.ANTRI,
        2,
        "",
        "",
    )
    assert isi_folder(laporan) == []


def test_a_task_for_an_older_turn_does_nothing(
    penataan_kosong: Penataan, evaluator: Pengguna, tanpa_pekerja: None
) -> None:
    laporan = laporan_minta_evaluasi(penataan=penataan_kosong, pengguna=evaluator)
    Laporan.objects.filter(pk=laporan.pk).update(giliran=2)

    assert laporan_jalankan(laporan_id=str(laporan.pk), giliran=1) == "dilewati"

    laporan.refresh_from_db()
    assert (laporan.status, laporan.percobaan) == (Laporan.Status.ANTRI, 0)


# The worker's watchman (laporan/management/commands/db_worker.py) --------------------------------


def test_the_worker_command_is_tiliks_with_the_watchman() -> None:
    from django.core.management import get_commands

    assert get_commands()["db_worker"] == "laporan"


@pytest.mark.django_db(transaction=True)
def test_the_watchman_queues_a_dead_job_again_from_its_own_thread_even_with_an_empty_queue(
    instansi: Instansi, penataan_kosong: Penataan, tanpa_pekerja: None, settings: Any
) -> None:
    import threading

    from laporan.management.commands.db_worker import jaga_sekali

    settings.LAPORAN_BATAS_DETAK = 600
    mati = laporan_berjalan(instansi, penataan_kosong, detak_menit=11)
    hidup = laporan_berjalan(instansi, penataan_kosong, detak_menit=1)
    hasil: list[int] = []

    benang = threading.Thread(target=lambda: hasil.append(jaga_sekali()))
    benang.start()
    benang.join(timeout=30)

    assert hasil == [1]
    mati.refresh_from_db()
    hidup.refresh_from_db()
    assert (mati.status, mati.giliran) == (Laporan.Status.ANTRI, 2)
    assert (hidup.status, hidup.giliran) == (Laporan.Status.BERJALAN, 1)
