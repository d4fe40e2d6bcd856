"""Writing reports: asking for one, making it in the background, retrying, and recovering the
jobs of workers that died.

The life of a report (laporan.models.Laporan):

    laporan_minta_*  ->  antri  --(a worker claims it: laporan_jalankan)-->  berjalan
    berjalan  --(every step: progress + heartbeat)-->  berjalan
    berjalan  --(file written atomically, then the row)-->  selesai
    berjalan  --(a readable domain error, or any other exception)-->  gagal
    gagal  --(laporan_ulangi, by a person)-->  antri
    berjalan with a heartbeat older than LAPORAN_BATAS_DETAK  --(laporan_pulihkan_macet)-->
        antri again (up to PERCOBAAN_MAKS attempts), else gagal with the reason
    antri for longer than LAPORAN_BATAS_ANTRI (its task was lost, or no worker runs)  -->
        queued again the same way, else gagal saying that no worker took it

laporan_pulihkan_macet runs whenever a worker starts a report, whenever someone looks at a
report's page, and every minute in each `manage.py db_worker` process (a watchman thread, see
laporan/management/commands/db_worker.py), so a job whose worker was killed is queued again
within a minute of its heartbeat going stale while any worker runs.

Every queueing raises Laporan.giliran and hands the new value to the task; a task writes only
while the row still holds its giliran and status, so a worker wrongly presumed dead cannot
overwrite the attempt that replaced it, nor mark a finished report as failed.

The queue is Django's Tasks API (laporan.tasks.buat_laporan). With the database backend the
queue row lives in the same database as the report row: the job is queued after the report
row is saved, outside any transaction this module opens, so a worker always finds the row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from analitik.penataan import KesalahanAnalisis
from organisasi.models import Penataan, UnitLayanan
from survei.models import Survei, SurveiUnit

from . import berkas
from .models import Laporan
from .pdf.evaluasi import PenyusunEvaluasi, parameter_evaluasi
from .pdf.skm import PenyusunSKM, parameter_skm
from .pdf.umum import KesalahanLaporan, Penyusun, label_langkah
from .versi import versi

if TYPE_CHECKING:
    from akun.models import Pengguna

__all__ = [
    "JEDA_MAKS",
    "PERCOBAAN_MAKS",
    "KesalahanLaporan",
    "batas_detak",
    "laporan_jalankan",
    "laporan_minta_evaluasi",
    "laporan_minta_skm",
    "laporan_pulihkan_macet",
    "laporan_ulangi",
    "penyusun_untuk",
]

logger = logging.getLogger(__name__)

PERCOBAAN_MAKS = 3
JEDA_MAKS = 24
BATAS_DETAK_BAKU = 600  # seconds
BATAS_ANTRI_BAKU = 3600  # seconds


def batas_detak() -> timedelta:
    """How long a running job may stay silent before it is presumed dead
    (settings.LAPORAN_BATAS_DETAK, seconds; ten minutes by default). Every step of a report
    takes seconds, so a silence of minutes means its worker is gone."""
    return timedelta(seconds=int(getattr(settings, "LAPORAN_BATAS_DETAK", BATAS_DETAK_BAKU)))


def batas_antri() -> timedelta:
    """How long a job may wait in the queue before its task is presumed lost
    (settings.LAPORAN_BATAS_ANTRI, seconds; an hour by default). Queueing it again is safe:
    the older task finds its giliran gone and does nothing."""
    return timedelta(seconds=int(getattr(settings, "LAPORAN_BATAS_ANTRI", BATAS_ANTRI_BAKU)))


# Asking --------------------------------------------------------------------------------------------


def laporan_minta_evaluasi(
    *,
    penataan: Penataan,
    pengguna: Pengguna | None,
    jeda_bulan: int = 0,
    jendela_bulan: int | None = 12,
    url_verifikasi: Callable[[Laporan], str] | None = None,
    antrekan: bool = True,
) -> Laporan:
    """Queue the evaluation report of a penataan. url_verifikasi gives the absolute address of
    the report's verification page (it is printed as text and QR code). antrekan=False only
    records the job: the caller runs laporan_jalankan itself (the `laporan` command)."""
    if not 0 <= jeda_bulan <= JEDA_MAKS:
        raise KesalahanLaporan(
            _("Jeda transisi harus bilangan bulat 0 sampai %(maks)s (bulan).") % {"maks": JEDA_MAKS}
        )
    if jendela_bulan is not None and jendela_bulan < 1:
        raise KesalahanLaporan(_("Jendela pengamatan paling sedikit satu bulan."))
    return _minta(
        jenis=Laporan.Jenis.EVALUASI,
        instansi_id=penataan.instansi_id,
        penataan=penataan,
        parameter=parameter_evaluasi(
            penataan_id=penataan.pk, jeda_bulan=jeda_bulan, jendela_bulan=jendela_bulan
        ),
        pengguna=pengguna,
        url_verifikasi=url_verifikasi,
        antrekan=antrekan,
    )


def laporan_minta_skm(
    *,
    survei: Survei,
    unit: UnitLayanan | None,
    pengguna: Pengguna | None,
    url_verifikasi: Callable[[Laporan], str] | None = None,
    antrekan: bool = True,
) -> Laporan:
    """Queue the SKM result report of one survey, for one of its units or (unit None) for all
    (antrekan as in laporan_minta_evaluasi)."""
    if unit is not None and not SurveiUnit.objects.filter(survei=survei, unit=unit).exists():
        raise KesalahanLaporan(
            _("Unit “%(unit)s” tidak termasuk survei “%(survei)s”.")
            % {"unit": unit.nama, "survei": survei.judul}
        )
    return _minta(
        jenis=Laporan.Jenis.SKM,
        instansi_id=survei.instansi_id,
        survei=survei,
        unit=unit,
        parameter=parameter_skm(survei=survei, unit=unit),
        pengguna=pengguna,
        url_verifikasi=url_verifikasi,
        antrekan=antrekan,
    )


def _minta(
    *,
    jenis: str,
    instansi_id: int,
    parameter: dict[str, Any],
    pengguna: Pengguna | None,
    url_verifikasi: Callable[[Laporan], str] | None,
    antrekan: bool,
    penataan: Penataan | None = None,
    survei: Survei | None = None,
    unit: UnitLayanan | None = None,
) -> Laporan:
    with transaction.atomic():
        laporan = Laporan(
            jenis=jenis,
            instansi_id=instansi_id,
            penataan=penataan,
            survei=survei,
            unit=unit,
            parameter=parameter,
            diminta_oleh=pengguna,
            jumlah_langkah=len(label_langkah()),
            label_langkah=_("Menunggu giliran"),
            giliran=1,
        )
        if url_verifikasi is not None:
            laporan.url_verifikasi = url_verifikasi(laporan)
        laporan.full_clean()
        laporan.save()
    if antrekan:
        _antrekan(laporan)
        laporan.refresh_from_db()
    return laporan


def _antrekan(laporan: Laporan) -> None:
    """Hand the job to the task queue with the row's current giliran."""
    from .tasks import buat_laporan

    Laporan.objects.filter(pk=laporan.pk, giliran=laporan.giliran).update(diantrekan=timezone.now())
    try:
        hasil = buat_laporan.enqueue(str(laporan.pk), laporan.giliran)
    except Exception:
        logger.exception("Laporan %s tidak dapat dimasukkan ke antrean", laporan.pk)
        Laporan.objects.filter(pk=laporan.pk, giliran=laporan.giliran, status=Laporan.Status.ANTRI).update(
            status=Laporan.Status.GAGAL,
            pesan_galat=_("Antrean tugas tidak dapat dihubungi. Coba lagi beberapa saat lagi."),
        )
        return
    Laporan.objects.filter(pk=laporan.pk).update(id_tugas=str(hasil.id)[:64])


def laporan_ulangi(*, laporan: Laporan, pengguna: Pengguna | None = None) -> Laporan:
    """Queue a failed report again, as a new series of attempts."""
    n = Laporan.objects.filter(pk=laporan.pk, status=Laporan.Status.GAGAL).update(
        status=Laporan.Status.ANTRI,
        giliran=F("giliran") + 1,
        percobaan=0,
        langkah=0,
        label_langkah=_("Menunggu giliran"),
        pesan_galat="",
        mulai=None,
        selesai=None,
        detak=None,
    )
    if n == 0:
        raise KesalahanLaporan(_("Hanya laporan yang gagal dapat diulang."))
    laporan.refresh_from_db()
    _antrekan(laporan)
    laporan.refresh_from_db()
    return laporan


# Stale jobs ----------------------------------------------------------------------------------------


def laporan_pulihkan_macet(*, sekarang: datetime | None = None) -> int:
    """Queue again (or, after PERCOBAAN_MAKS attempts, fail) every running job whose heartbeat
    is older than batas_detak() and every queued job waiting longer than batas_antri().
    Returns how many jobs it touched."""
    sekarang = sekarang or timezone.now()
    ambang_detak = sekarang - batas_detak()
    ambang_antri = sekarang - batas_antri()
    macet = Q(status=Laporan.Status.BERJALAN, detak__lt=ambang_detak) | Q(
        status=Laporan.Status.ANTRI, diantrekan__lt=ambang_antri
    )
    daftar = list(Laporan.objects.filter(macet).values_list("pk", "giliran", "percobaan", "status"))
    diantrekan: list[Laporan] = []
    for pk, giliran, percobaan, status in daftar:
        sama = Laporan.objects.filter(macet, pk=pk, giliran=giliran, status=status)
        berjalan = status == Laporan.Status.BERJALAN
        if percobaan < PERCOBAAN_MAKS:
            n = sama.update(
                status=Laporan.Status.ANTRI,
                giliran=F("giliran") + 1,
                # A job that never started still used up an attempt: without a worker it
                # must end in a failure that says so, not wait forever.
                percobaan=F("percobaan") if berjalan else F("percobaan") + 1,
                langkah=0,
                label_langkah=_("Menunggu percobaan ulang (pembuatan sebelumnya terhenti)")
                if berjalan
                else _("Dimasukkan kembali ke antrean"),
                detak=None,
            )
            if n:
                diantrekan.append(Laporan.objects.get(pk=pk))
        elif berjalan:
            sama.update(
                status=Laporan.Status.GAGAL,
                selesai=sekarang,
                pesan_galat=_(
                    "Pembuatan laporan terhenti %(n)s kali tanpa selesai (proses pembuatnya berhenti di "
                    "tengah jalan). Coba buat ulang; bila terulang, hubungi admin."
                )
                % {"n": percobaan},
            )
        else:
            sama.update(
                status=Laporan.Status.GAGAL,
                selesai=sekarang,
                pesan_galat=_(
                    "Tidak ada proses pembuat laporan yang mengambil tugas ini dari antrean. Admin perlu "
                    "memastikan perintah “manage.py db_worker” berjalan; sesudah itu, coba lagi."
                ),
            )
    for laporan in diantrekan:
        _antrekan(laporan)
    return len(daftar)


# Making a report (the task body) -------------------------------------------------------------------


class _Digantikan(Exception):
    """This attempt's giliran no longer holds: another attempt took over, stop quietly."""


def penyusun_untuk(laporan: Laporan) -> Penyusun:
    if laporan.jenis == Laporan.Jenis.EVALUASI:
        return PenyusunEvaluasi(laporan)
    return PenyusunSKM(laporan)


def laporan_jalankan(*, laporan_id: str, giliran: int) -> str:
    """Make the report: claim the job, run the steps with progress and heartbeat, write the
    file atomically, then mark it selesai with its hashes in one UPDATE. Returns the
    final status ("selesai", "gagal"), or "dilewati" when this task no longer owns the job."""
    sekarang = timezone.now()
    diklaim = Laporan.objects.filter(pk=laporan_id, giliran=giliran, status=Laporan.Status.ANTRI).update(
        status=Laporan.Status.BERJALAN,
        mulai=sekarang,
        detak=sekarang,
        percobaan=F("percobaan") + 1,
        langkah=0,
        pesan_galat="",
    )
    if not diklaim:
        return "dilewati"
    laporan = Laporan.objects.select_related(
        "instansi", "penataan__instansi", "survei", "unit", "diminta_oleh"
    ).get(pk=laporan_id)
    milik = Laporan.objects.filter(pk=laporan_id, giliran=giliran, status=Laporan.Status.BERJALAN)

    def maju(langkah: int, label: str) -> None:
        if not milik.update(langkah=langkah, label_langkah=label[:200], detak=timezone.now()):
            raise _Digantikan

    nama = f"{laporan.pk}-{giliran}.pdf"
    try:
        with translation.override(str(laporan.parameter.get("bahasa") or "id")):
            laporan.versi = versi()
            laporan.dihasilkan = timezone.now()
            penyusun = penyusun_untuk(laporan)
            pdf = penyusun.jalankan(maju)
            maju(laporan.jumlah_langkah, label_langkah()[-1])
            berkas.tulis_atomik(nama, pdf)
            selesai = milik.update(
                status=Laporan.Status.SELESAI,
                berkas=nama,
                ukuran_berkas=len(pdf),
                jumlah_halaman=penyusun.jumlah_halaman,
                sha256_berkas=berkas.sha256_bita(pdf),
                sha256_data=penyusun.sha256_data,
                versi=laporan.versi,
                dihasilkan=laporan.dihasilkan,
                selesai=timezone.now(),
                detak=timezone.now(),
                label_langkah=_("Selesai"),
            )
            if not selesai:
                raise _Digantikan
    except _Digantikan:
        berkas.hapus(nama)
        return "dilewati"
    except (KesalahanLaporan, KesalahanAnalisis) as e:
        berkas.hapus(nama)
        return _gagal(milik, e.pesan)
    except Exception as e:
        logger.exception("Laporan %s gagal dibuat", laporan_id)
        berkas.hapus(nama)
        return _gagal(
            milik,
            _(
                "Terjadi kesalahan tak terduga saat membuat laporan (%(jenis)s: %(pesan)s). Coba buat ulang; "
                "bila terulang, hubungi admin."
            )
            % {"jenis": type(e).__name__, "pesan": str(e)[:300]},
        )
    return Laporan.Status.SELESAI


def _gagal(milik: Any, pesan: str) -> str:
    milik.update(status=Laporan.Status.GAGAL, pesan_galat=pesan, selesai=timezone.now(), detak=timezone.now())
    return Laporan.Status.GAGAL
