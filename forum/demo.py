"""Demo forum and complaints for the four demo cities (a step of `python manage.py demo`).

Every city gets: a discussion of each of its penataan (with the resulting unit's petugas
taking part), a question answered by a unit, a proposal with supports, complaints in every
state of the workflow (on time and overdue, anonim and rahasia ones, one moved to another
unit, one closed by itself), a reply hidden by the flags of three users and one hidden by a
moderator, and a year of closed complaints with ratings so that the metrics have data.

The rows are written directly with the timestamps the steps would have had, since the
services stamp "now": _Simulasi applies each step the way forum.services_pengaduan does
(deadlines counted in working days on the city's holiday calendar), so the stored state is
one the workflow could have produced. Deterministic: times are fixed around survei.demo's
HARI_INI and the history comes from random.Random seeded per city. Idempotent: topics are
found by (instansi, judul), replies by (topik, dibuat), history rows by (topik, aksi, dibuat).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from organisasi.demo import (
    INSTANSI_DEMO,
    DataAkun,
    DataInstansi,
    DataPeran,
    Hitungan,
    Keluaran,
    _isi_akun,
    _simpan,
)
from organisasi.models import Instansi, Keanggotaan, UnitLayanan
from survei.demo import HARI_INI

from .hari_kerja import tambah_hari_kerja
from .markdown import render
from .models import (
    Balasan,
    Dukungan,
    HariLibur,
    Langganan,
    LogModerasi,
    PengaturanForum,
    RiwayatStatus,
    Tanda,
    Topik,
)
from .services import HARI_KERJA_TINDAK_LANJUT, HARI_KERJA_TUTUP_OTOMATIS, HARI_KERJA_VERIFIKASI

WIB = ZoneInfo("Asia/Jakarta")
Status = Topik.Status
Aksi = RiwayatStatus.Aksi
Privasi = Topik.Privasi
Jenis = Topik.Jenis

MODERATOR = "admin@demo.tilik.id"
WARGA = (
    "warga@demo.tilik.id",
    "sari.wulandari@demo.tilik.id",
    "budi.santoso@demo.tilik.id",
    "rina.marpaung@demo.tilik.id",
    "andi.saputra@demo.tilik.id",
)
AKUN_WARGA = (
    DataAkun("sari.wulandari@demo.tilik.id", "Sari", "Wulandari"),
    DataAkun("budi.santoso@demo.tilik.id", "Budi", "Santoso"),
    DataAkun("rina.marpaung@demo.tilik.id", "Rina", "Marpaung"),
    DataAkun("andi.saputra@demo.tilik.id", "Andi", "Saputra"),
)

# National holidays and collective leave of 2026 as the demo assumes them (an instansi keeps
# its own calendar in the admin); the last one of each city is a local day, invented.
LIBUR_NASIONAL_2026 = (
    (date(2026, 1, 1), "Tahun Baru 2026 Masehi"),
    (date(2026, 2, 17), "Tahun Baru Imlek"),
    (date(2026, 3, 19), "Hari Suci Nyepi"),
    (date(2026, 3, 20), "Hari Raya Idulfitri"),
    (date(2026, 3, 23), "Cuti bersama Idulfitri"),
    (date(2026, 3, 24), "Cuti bersama Idulfitri"),
    (date(2026, 4, 3), "Wafat Yesus Kristus"),
    (date(2026, 5, 1), "Hari Buruh Internasional"),
    (date(2026, 5, 14), "Kenaikan Yesus Kristus"),
    (date(2026, 5, 27), "Hari Raya Iduladha"),
    (date(2026, 6, 1), "Hari Lahir Pancasila"),
    (date(2026, 6, 16), "Tahun Baru Islam"),
    (date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia"),
    (date(2026, 8, 25), "Maulid Nabi Muhammad SAW"),
    (date(2026, 12, 24), "Cuti bersama Hari Natal"),
    (date(2026, 12, 25), "Hari Raya Natal"),
)
LIBUR_DAERAH = {
    "kota-palembang": (date(2026, 11, 16), "Libur daerah (contoh demo)"),
    "kota-serang": (date(2026, 10, 12), "Libur daerah (contoh demo)"),
    "kota-sawahlunto": (date(2026, 11, 9), "Libur daerah (contoh demo)"),
    "kota-tebing-tinggi": (date(2026, 10, 26), "Libur daerah (contoh demo)"),
}

# The units each city's demo complaints go to, by role in the script below.
UNIT_PERAN: dict[str, dict[str, str]] = {
    "kota-palembang": {
        "dukcapil": "disdukcapil",
        "perizinan": "dpmptsp",
        "kesehatan": "dinkes",
        "rsud": "rsud-bari",
    },
    "kota-serang": {
        "dukcapil": "disdukcapil",
        "perizinan": "dpmptsp",
        "kesehatan": "dinkes",
        "rsud": "rsud-kota-serang",
    },
    "kota-sawahlunto": {
        "dukcapil": "disdukcapil",
        "perizinan": "dpmptsp",
        "kesehatan": "dinkes",
        "rsud": "rsud-sawahlunto",
    },
    "kota-tebing-tinggi": {
        "dukcapil": "disdukcapil",
        "perizinan": "dpmptsp",
        "kesehatan": "dinkes",
        "rsud": "rsud-kumpulan-pane",
    },
}


def _waktu(hari_sebelum: int, jam: int, menit: int = 0) -> datetime:
    """A moment `hari_sebelum` calendar days before the demo's today, local time."""
    return datetime.combine(HARI_INI - timedelta(days=hari_sebelum), time(jam, menit), tzinfo=WIB)


def _akun_petugas(data: DataInstansi) -> DataAkun:
    kota = data.slug.removeprefix("kota-")
    unit = [*UNIT_PERAN[data.slug].values(), *_unit_hasil(data)]
    return DataAkun(
        f"petugas.{kota}@demo.tilik.id",
        "Petugas Pengaduan",
        data.nama.removeprefix("Kota "),
        peran=tuple(DataPeran(data.slug, Keanggotaan.Peran.PETUGAS, slug) for slug in dict.fromkeys(unit)),
    )


def _unit_hasil(data: DataInstansi) -> list[str]:
    return [lin.hasil for p in data.penataan for lin in p.lineage if lin.hasil is not None]


# The complaint script --------------------------------------------------------------------------


@dataclass(frozen=True)
class Langkah:
    aksi: str  # an Aksi, or "balas" (a plain reply by the complainant)
    waktu: datetime
    teks: str = ""
    unit: str | None = None  # role of the target unit of a disposition


@dataclass(frozen=True)
class Pengaduan:
    judul: str
    isi: str
    unit: str  # role in UNIT_PERAN
    pelapor: int  # index into WARGA
    diajukan: datetime
    privasi: str = Privasi.PUBLIK
    langkah: tuple[Langkah, ...] = ()
    penilaian: int | None = None


def _skenario() -> tuple[Pengaduan, ...]:
    """One complaint per interesting state; the comments give the state as of HARI_INI
    (Sunday 22 November 2026). The times are chosen so that the local holidays above move
    some deadlines without changing which complaints are overdue."""
    return (
        # diterima, still within the 3 working days
        Pengaduan(
            "KTP elektronik belum jadi setelah tiga minggu",
            "Saya merekam KTP-el pada awal bulan dan dijanjikan selesai dalam 14 hari. Sudah tiga "
            "minggu belum ada kabar, dan di loket saya hanya diminta kembali minggu depan.\n\n"
            "Mohon kepastian kapan KTP saya bisa diambil.",
            "dukcapil",
            1,
            _waktu(2, 9, 15),
        ),
        # diterima, verification overdue; anonim
        Pengaduan(
            "Diminta biaya tambahan di loket perizinan",
            "Saat mengurus perizinan usaha, seorang petugas loket meminta **biaya percepatan** yang "
            "tidak ada dalam standar pelayanan. Saya tidak membayar, tetapi berkas saya belum diproses.",
            "perizinan",
            2,
            _waktu(12, 14, 40),
            privasi=Privasi.ANONIM,
        ),
        # diverifikasi, follow-up still on time
        Pengaduan(
            "Antrean pendaftaran rawat jalan sangat panjang",
            "Setiap pagi antrean pendaftaran rawat jalan mengular sampai ke parkiran. Pasien lansia "
            "harus berdiri lebih dari satu jam. Mohon ditambah loket atau dibuka pendaftaran daring.",
            "rsud",
            3,
            _waktu(6, 7, 50),
            langkah=(
                Langkah(Aksi.DIVERIFIKASI, _waktu(4, 10, 0), "Pengaduan diterima dan sedang kami telaah."),
            ),
        ),
        # diverifikasi, follow-up overdue; rahasia
        Pengaduan(
            "Hasil pemeriksaan saya diberikan kepada orang lain",
            "Hasil pemeriksaan laboratorium saya diserahkan kepada orang lain yang namanya mirip. "
            "Saya khawatir data kesehatan saya tersebar.",
            "kesehatan",
            4,
            _waktu(20, 11, 5),
            privasi=Privasi.RAHASIA,
            langkah=(Langkah(Aksi.DIVERIFIKASI, _waktu(18, 9, 30)),),
        ),
        # ditolak
        Pengaduan(
            "Pelayanan tidak memuaskan",
            "Pelayanannya jelek.",
            "dukcapil",
            2,
            _waktu(26, 16, 0),
            langkah=(
                Langkah(
                    Aksi.DITOLAK,
                    _waktu(25, 9, 0),
                    "Uraian belum memuat layanan, waktu, dan tempat kejadian yang diadukan. Silakan "
                    "ajukan kembali dengan rincian tersebut agar dapat kami tindak lanjuti.",
                ),
            ),
        ),
        # moved to another unit ("bukan kewenangan"), diterima there, on time
        Pengaduan(
            "Rekomendasi dari dinas kesehatan belum terbit",
            "Permohonan izin saya tertahan karena menunggu rekomendasi dinas kesehatan. Sudah sebulan "
            "belum ada rekomendasi yang terbit.",
            "perizinan",
            3,
            _waktu(5, 13, 20),
            langkah=(
                Langkah(
                    Aksi.DIALIHKAN,
                    _waktu(3, 8, 45),
                    "Penerbitan rekomendasi merupakan kewenangan Dinas Kesehatan; pengaduan kami alihkan.",
                    unit="kesehatan",
                ),
            ),
        ),
        # ditindaklanjuti, answered on time, waiting for the complainant
        Pengaduan(
            "Lampu penerangan di area parkir rumah sakit mati",
            "Sudah seminggu lampu di area parkir belakang mati. Malam hari gelap dan rawan.",
            "rsud",
            0,
            _waktu(13, 19, 30),
            langkah=(
                Langkah(Aksi.DIVERIFIKASI, _waktu(12, 8, 15)),
                Langkah(
                    Aksi.DIJAWAB,
                    _waktu(9, 14, 0),
                    "Terima kasih atas laporannya. Lampu area parkir belakang sudah kami ganti pada "
                    "hari ini dan pemeriksaan rutin kami tambahkan ke jadwal mingguan.",
                ),
            ),
        ),
        # ditindaklanjuti, answered late, the complainant replied: no automatic closing
        Pengaduan(
            "Obat resep tidak tersedia di apotek rumah sakit",
            "Obat yang diresepkan dokter tidak tersedia dan saya diminta membeli di apotek luar "
            "dengan biaya sendiri, padahal saya peserta JKN.",
            "rsud",
            4,
            _waktu(27, 10, 10),
            privasi=Privasi.ANONIM,
            langkah=(
                Langkah(Aksi.DIVERIFIKASI, _waktu(26, 9, 0)),
                Langkah(
                    Aksi.DIJAWAB,
                    _waktu(16, 15, 30),
                    "Persediaan obat tersebut sempat kosong dari distributor. Stok sudah tersedia "
                    "kembali; pasien JKN tidak dikenai biaya untuk obat dalam formularium.",
                ),
                Langkah(
                    "balas",
                    _waktu(14, 20, 0),
                    "Terima kasih, tetapi bagaimana dengan biaya yang sudah saya keluarkan? Apakah "
                    "bisa diganti?",
                ),
            ),
        ),
        # selesai, confirmed by the complainant, rated
        Pengaduan(
            "Nama anak salah ketik di akta kelahiran",
            "Akta kelahiran anak saya tertulis *Muhamad*, seharusnya *Muhammad*. Mohon dibetulkan.",
            "dukcapil",
            1,
            _waktu(48, 8, 30),
            langkah=(
                Langkah(Aksi.DIVERIFIKASI, _waktu(48, 13, 0)),
                Langkah(
                    Aksi.DIJAWAB,
                    _waktu(46, 10, 0),
                    "Akta sudah kami terbitkan ulang dengan nama yang benar dan dapat diambil di "
                    "loket 3 dengan membawa akta lama.",
                ),
                Langkah(Aksi.DIKONFIRMASI, _waktu(44, 9, 0), "Sudah saya ambil, terima kasih."),
            ),
            penilaian=4,
        ),
        # selesai, closed by itself 10 working days after the answer
        Pengaduan(
            "Situs perizinan daring tidak bisa diakses",
            "Sejak pagi situs perizinan daring menampilkan galat 502 saat mengunggah berkas.",
            "perizinan",
            0,
            _waktu(70, 9, 0),
            langkah=(
                Langkah(Aksi.DIVERIFIKASI, _waktu(69, 9, 30)),
                Langkah(
                    Aksi.DIJAWAB,
                    _waktu(66, 16, 0),
                    "Gangguan server sudah diperbaiki. Silakan coba unggah kembali; bila masih gagal, "
                    "hubungi meja bantuan di lantai 1.",
                ),
                Langkah(Aksi.DITUTUP_OTOMATIS, datetime.min),
            ),
        ),
    )


class _Simulasi:
    """The fields and history a complaint gets from its steps, computed as the services do."""

    def __init__(self, *, instansi: Instansi, unit: dict[str, UnitLayanan], pengaduan: Pengaduan) -> None:
        self.instansi = instansi
        self.unit_peran = unit
        self.p = pengaduan
        self.unit = unit[pengaduan.unit]
        self.nilai: dict[str, Any] = {
            "status": Status.DITERIMA,
            "batas_verifikasi": self._hari_kerja(pengaduan.diajukan, HARI_KERJA_VERIFIKASI),
            "batas_tindak_lanjut": None,
            "batas_tutup_otomatis": None,
            "tanggapan_pertama_pada": None,
            "diverifikasi_pada": None,
            "dijawab_pada": None,
            "dijawab_tepat_waktu": None,
            "selesai_pada": None,
            "alasan_ditolak": "",
            "penilaian": None,
            "penilaian_pada": None,
        }
        # (aksi, dari, ke, waktu, catatan, unit_asal, unit_tujuan, by the unit?)
        self.riwayat: list[dict[str, Any]] = [
            {
                "aksi": Aksi.DIAJUKAN,
                "dari_status": "",
                "ke_status": Status.DITERIMA,
                "dibuat": pengaduan.diajukan,
                "catatan": "",
                "unit_asal": None,
                "unit_tujuan": self.unit,
                "oleh_unit": False,
            }
        ]
        # (waktu, teks, resmi, oleh_unit)
        self.balasan: list[tuple[datetime, str, bool]] = []
        self.terakhir = pengaduan.diajukan

    def _hari_kerja(self, waktu: datetime, jumlah: int) -> date:
        return tambah_hari_kerja(waktu.astimezone(WIB).date(), jumlah, instansi_id=self.instansi.pk)

    def _catat(self, aksi: str, ke: str, waktu: datetime, teks: str = "", **lain: Any) -> None:
        self.riwayat.append(
            {
                "aksi": aksi,
                "dari_status": self.nilai["status"],
                "ke_status": ke,
                "dibuat": waktu,
                "catatan": teks,
                "unit_asal": lain.get("unit_asal"),
                "unit_tujuan": lain.get("unit_tujuan"),
                "oleh_unit": aksi not in (Aksi.DIKONFIRMASI, Aksi.DITUTUP_OTOMATIS),
            }
        )
        self.nilai["status"] = ke
        self.terakhir = max(self.terakhir, waktu)

    def _tanggapan(self, waktu: datetime) -> None:
        if self.nilai["tanggapan_pertama_pada"] is None:
            self.nilai["tanggapan_pertama_pada"] = waktu

    def jalankan(self) -> None:
        for langkah in self.p.langkah:
            getattr(self, f"_langkah_{langkah.aksi}")(langkah)
        if self.p.penilaian is not None:
            self.nilai["penilaian"] = self.p.penilaian
            self.nilai["penilaian_pada"] = self.terakhir

    def _langkah_diverifikasi(self, langkah: Langkah) -> None:
        self._tanggapan(langkah.waktu)
        self.nilai["diverifikasi_pada"] = langkah.waktu
        self.nilai["batas_tindak_lanjut"] = self._hari_kerja(langkah.waktu, HARI_KERJA_TINDAK_LANJUT)
        self._catat(Aksi.DIVERIFIKASI, Status.DIVERIFIKASI, langkah.waktu, langkah.teks)

    def _langkah_ditolak(self, langkah: Langkah) -> None:
        self._tanggapan(langkah.waktu)
        self.nilai["alasan_ditolak"] = langkah.teks
        self.nilai["selesai_pada"] = langkah.waktu
        self._catat(Aksi.DITOLAK, Status.DITOLAK, langkah.waktu, langkah.teks)

    def _langkah_dialihkan(self, langkah: Langkah) -> None:
        assert langkah.unit is not None
        tujuan = self.unit_peran[langkah.unit]
        self._tanggapan(langkah.waktu)
        self.nilai["batas_verifikasi"] = self._hari_kerja(langkah.waktu, HARI_KERJA_VERIFIKASI)
        self._catat(
            Aksi.DIALIHKAN,
            Status.DITERIMA,
            langkah.waktu,
            langkah.teks,
            unit_asal=self.unit,
            unit_tujuan=tujuan,
        )
        self.unit = tujuan

    def _langkah_dijawab(self, langkah: Langkah) -> None:
        hari = langkah.waktu.astimezone(WIB).date()
        if self.nilai["dijawab_pada"] is None:
            self._tanggapan(langkah.waktu)
            self.nilai["dijawab_pada"] = langkah.waktu
            self.nilai["dijawab_tepat_waktu"] = hari <= self.nilai["batas_tindak_lanjut"]
        self.nilai["batas_tutup_otomatis"] = self._hari_kerja(langkah.waktu, HARI_KERJA_TUTUP_OTOMATIS)
        self.balasan.append((langkah.waktu, langkah.teks, True))
        self._catat(Aksi.DIJAWAB, Status.DITINDAKLANJUTI, langkah.waktu)

    def _langkah_balas(self, langkah: Langkah) -> None:
        self.balasan.append((langkah.waktu, langkah.teks, False))
        self.nilai["batas_tutup_otomatis"] = None
        self.terakhir = max(self.terakhir, langkah.waktu)

    def _langkah_dikonfirmasi(self, langkah: Langkah) -> None:
        self.nilai["selesai_pada"] = langkah.waktu
        self.nilai["batas_tutup_otomatis"] = None
        self._catat(Aksi.DIKONFIRMASI, Status.SELESAI, langkah.waktu, langkah.teks)

    def _langkah_ditutup_otomatis(self, langkah: Langkah) -> None:
        # The nightly job runs at 01:00 after the last of the 10 working days.
        batas = self.nilai["batas_tutup_otomatis"]
        waktu = datetime.combine(batas + timedelta(days=1), time(1, 0), tzinfo=WIB)
        self.nilai["selesai_pada"] = waktu
        self.nilai["batas_tutup_otomatis"] = None
        self._catat(
            Aksi.DITUTUP_OTOMATIS,
            Status.SELESAI,
            waktu,
            "Ditutup otomatis: tidak ada tanggapan pelapor dalam 10 hari kerja setelah jawaban.",
        )


BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def _riwayat_acak(slug: str, n: int) -> tuple[Pengaduan, ...]:
    """A year of closed complaints, for the metrics: response times and ratings drawn from a
    generator seeded with the city."""
    rng = random.Random(f"tilik-forum-demo-{slug}")  # noqa: S311 (demo data, not secrets)
    peran = ("dukcapil", "perizinan", "kesehatan", "rsud")
    judul = (
        "Antrean panjang di loket",
        "Informasi persyaratan tidak jelas",
        "Petugas datang terlambat",
        "Berkas hilang saat diproses",
        "Sistem antrean daring bermasalah",
        "Ruang tunggu panas dan sempit",
        "Jadwal layanan tidak sesuai pengumuman",
        "Tidak ada kepastian waktu penyelesaian",
    )
    hasil = []
    for i in range(n):
        # Between about 11 and 2.5 months ago: every step, the automatic closing included, is
        # over by the demo's today.
        diajukan = _waktu(330 - 27 * i - rng.randint(0, 10), rng.randint(8, 15), rng.choice((0, 15, 30, 45)))
        verifikasi = diajukan + timedelta(hours=rng.choice((3, 20, 26, 50, 74, 98)))
        jawab = verifikasi + timedelta(days=rng.randint(1, 9), hours=rng.randint(0, 5))
        selesai = rng.random() < 0.7
        langkah = [
            Langkah(Aksi.DIVERIFIKASI, verifikasi),
            Langkah(Aksi.DIJAWAB, jawab, "Keluhan sudah kami tindak lanjuti; terima kasih atas masukannya."),
        ]
        langkah.append(
            Langkah(Aksi.DIKONFIRMASI, jawab + timedelta(days=rng.randint(1, 4)))
            if selesai
            else Langkah(Aksi.DITUTUP_OTOMATIS, datetime.min)
        )
        hasil.append(
            Pengaduan(
                f"{judul[i % len(judul)]} ({BULAN[diajukan.month - 1]} {diajukan.year})",
                "Mohon perbaikan pelayanan.",
                peran[i % len(peran)],
                i % len(WARGA),
                diajukan,
                langkah=tuple(langkah),
                penilaian=rng.choices((1, 2, 3, 4), weights=(1, 2, 4, 3))[0] if selesai else None,
            )
        )
    return tuple(hasil)


# Writing -------------------------------------------------------------------------------------


@dataclass
class _Kota:
    data: DataInstansi
    instansi: Instansi
    unit_peran: dict[str, UnitLayanan]
    warga: list[Any]
    petugas: Any
    hitung: Hitungan
    topik: list[Topik] = field(default_factory=list)


def _topik(kota: _Kota, *, judul: str, nilai: dict[str, Any]) -> Topik:
    isi = nilai["isi"]
    topik = _simpan(
        Topik,
        kunci={"instansi": kota.instansi, "judul": judul},
        nilai={**nilai, "isi_html": render(isi)},
        hitung=kota.hitung,
    )
    kota.topik.append(topik)
    _simpan(Langganan, kunci={"topik": topik, "pengguna": topik.penulis}, nilai={}, hitung=kota.hitung)
    return topik


def _balasan(kota: _Kota, topik: Topik, *, penulis: Any, waktu: datetime, isi: str, **lain: Any) -> Balasan:
    balasan = _simpan(
        Balasan,
        kunci={"topik": topik, "dibuat": waktu},
        nilai={"penulis": penulis, "isi": isi, "isi_html": render(isi), **lain},
        hitung=kota.hitung,
    )
    _simpan(Langganan, kunci={"topik": topik, "pengguna": penulis}, nilai={}, hitung=kota.hitung)
    return balasan


def _hitung_ulang(topik: Topik) -> None:
    """The denormalised counters and the last activity, from the rows."""
    balasan = list(topik.balasan.values_list("dibuat", flat=True))
    nilai = {
        "jumlah_balasan": len(balasan),
        "jumlah_dukungan": topik.dukungan.count(),
        "aktivitas_terakhir": max([topik.dibuat, *balasan, *topik.riwayat.values_list("dibuat", flat=True)]),
    }
    berubah = {k: v for k, v in nilai.items() if getattr(topik, k) != v}
    if berubah:
        Topik.objects.filter(pk=topik.pk).update(**berubah)


def _isi_pengaduan(kota: _Kota, pengaduan: Pengaduan) -> Topik:
    sim = _Simulasi(instansi=kota.instansi, unit=kota.unit_peran, pengaduan=pengaduan)
    sim.jalankan()
    pelapor = kota.warga[pengaduan.pelapor]
    topik = _topik(
        kota,
        judul=pengaduan.judul,
        nilai={
            "unit": sim.unit,
            "layanan": None,
            "penataan": None,
            "jenis": Jenis.PENGADUAN,
            "isi": pengaduan.isi,
            "penulis": pelapor,
            "dibuat": pengaduan.diajukan,
            "privasi": pengaduan.privasi,
            **sim.nilai,
        },
    )
    for r in sim.riwayat:
        oleh_unit = r.pop("oleh_unit")
        pelaku = kota.petugas if oleh_unit else (None if r["aksi"] == Aksi.DITUTUP_OTOMATIS else pelapor)
        _simpan(
            RiwayatStatus,
            kunci={"topik": topik, "aksi": r["aksi"], "dibuat": r["dibuat"]},
            nilai={**{k: v for k, v in r.items() if k not in ("aksi", "dibuat")}, "pelaku": pelaku},
            hitung=kota.hitung,
        )
    for waktu, teks, resmi in sim.balasan:
        if resmi:
            _balasan(kota, topik, penulis=kota.petugas, waktu=waktu, isi=teks, resmi=True, dari_unit=sim.unit)
        else:
            _balasan(kota, topik, penulis=pelapor, waktu=waktu, isi=teks, resmi=False, dari_unit=None)
    return topik


def _isi_forum(kota: _Kota) -> None:
    """Discussions of each penataan, a question, a proposal, and the moderated replies."""
    w = kota.warga
    for i, (penataan_data, hasil) in enumerate(
        (p, next(lin.hasil for lin in p.lineage if lin.hasil)) for p in kota.data.penataan
    ):
        penataan = kota.instansi.penataan.get(judul=penataan_data.judul)
        unit = UnitLayanan.objects.get(instansi=kota.instansi, slug=hasil)
        topik = _topik(
            kota,
            judul=f"Diskusi: {penataan_data.judul}"[:200],
            nilai={
                "unit": unit,
                "penataan": penataan,
                "jenis": Jenis.DISKUSI,
                "isi": (
                    f"Sejak {penataan_data.tanggal_efektif:%d-%m-%Y} layanan ini ditangani oleh "
                    f"**{unit.nama}**. Bagaimana pengalaman Anda sesudah perubahan ini? Apa yang "
                    "lebih baik, dan apa yang justru lebih sulit?"
                ),
                "penulis": w[(i + 1) % len(w)],
                "dibuat": _waktu(40 + i, 10, 0),
            },
        )
        _balasan(
            kota,
            topik,
            penulis=w[(i + 2) % len(w)],
            waktu=_waktu(39 + i, 8, 20),
            isi="Sekarang cukup datang ke satu kantor, tetapi papan petunjuknya belum diperbarui.",
        )
        _balasan(
            kota,
            topik,
            penulis=kota.petugas,
            waktu=_waktu(38 + i, 13, 0),
            isi="Terima kasih. Papan petunjuk baru sedang dicetak dan dipasang bulan ini.",
            dari_unit=unit,
        )
        _balasan(
            kota,
            topik,
            penulis=w[(i + 3) % len(w)],
            waktu=_waktu(30 + i, 19, 45),
            isi="Waktu tunggu saya lebih singkat dibanding tahun lalu. Semoga dipertahankan.",
        )
    dukcapil = kota.unit_peran["dukcapil"]
    tanya = _topik(
        kota,
        judul="Apakah perekaman KTP-el bisa dilakukan di kecamatan?",
        nilai={
            "unit": dukcapil,
            "jenis": Jenis.PERTANYAAN,
            "isi": "Rumah saya jauh dari kantor dinas. Apakah perekaman bisa di kantor kecamatan?",
            "penulis": w[3],
            "dibuat": _waktu(15, 8, 0),
        },
    )
    _balasan(
        kota,
        tanya,
        penulis=kota.petugas,
        waktu=_waktu(14, 10, 30),
        isi=(
            "Bisa. Perekaman dilayani di kantor kecamatan setiap Selasa dan Kamis, pukul 08.00-12.00. "
            "Jadwal lengkap ada di [situs resmi](https://example.go.id/jadwal-perekaman)."
        ),
        dari_unit=dukcapil,
    )
    usul = _topik(
        kota,
        judul="Usulan: pendaftaran rawat jalan secara daring",
        nilai={
            "unit": kota.unit_peran["rsud"],
            "jenis": Jenis.USULAN,
            "isi": "Usul agar pendaftaran rawat jalan bisa dilakukan dari rumah, dengan nomor antrean.",
            "penulis": w[4],
            "dibuat": _waktu(22, 20, 0),
        },
    )
    for pendukung in (w[0], w[1], w[2]):
        _simpan(Dukungan, kunci={"topik": usul, "pengguna": pendukung}, nilai={}, hitung=kota.hitung)
    # A reply hidden by the flags of three users, waiting for review, and one a moderator hid.
    iklan = _balasan(
        kota,
        usul,
        penulis=w[3],
        waktu=_waktu(21, 23, 10),
        isi="Jasa pengurusan dokumen cepat, hubungi nomor di profil saya!",
        tersembunyi=True,
        perlu_tinjauan=True,
        alasan_tersembunyi="Disembunyikan otomatis: ditandai 3 pengguna, menunggu tinjauan.",
    )
    for j, penanda in enumerate((w[0], w[1], w[4])):
        _simpan(
            Tanda,
            kunci={"pengguna": penanda, "balasan": iklan},
            nilai={"alasan": Tanda.Alasan.SPAM, "dibuat": _waktu(21, 23, 30 + 5 * j)},
            hitung=kota.hitung,
        )
    _simpan(
        LogModerasi,
        kunci={"instansi": kota.instansi, "aksi": LogModerasi.Aksi.SEMBUNYI_OTOMATIS, "balasan": iklan},
        nilai={"alasan": iklan.alasan_tersembunyi, "dibuat": _waktu(21, 23, 40)},
        hitung=kota.hitung,
    )
    kasar = _balasan(
        kota,
        tanya,
        penulis=w[2],
        waktu=_waktu(13, 21, 0),
        isi="Petugasnya semua malas dan tidak becus!",
        tersembunyi=True,
        alasan_tersembunyi="Menghina petugas; kritik disampaikan tanpa merendahkan orang.",
    )
    moderator = get_user_model()._default_manager.get(email=MODERATOR)
    _simpan(
        LogModerasi,
        kunci={"instansi": kota.instansi, "aksi": LogModerasi.Aksi.SEMBUNYIKAN, "balasan": kasar},
        nilai={"moderator": moderator, "alasan": kasar.alasan_tersembunyi, "dibuat": _waktu(13, 22, 0)},
        hitung=kota.hitung,
    )


def _isi_kota(data: DataInstansi, warga: list[Any], hitung: Hitungan) -> _Kota:
    instansi = Instansi.objects.get(slug=data.slug)
    _simpan(PengaturanForum, kunci={"instansi": instansi}, nilai={"ambang_tanda": 3}, hitung=hitung)
    for tanggal, nama in (*LIBUR_NASIONAL_2026, LIBUR_DAERAH[data.slug]):
        _simpan(
            HariLibur, kunci={"instansi": instansi, "tanggal": tanggal}, nilai={"nama": nama}, hitung=hitung
        )
    unit = {
        peran: UnitLayanan.objects.get(instansi=instansi, slug=slug)
        for peran, slug in UNIT_PERAN[data.slug].items()
    }
    kota = _Kota(
        data=data,
        instansi=instansi,
        unit_peran=unit,
        warga=warga,
        petugas=_isi_akun(_akun_petugas(data), hitung),
        hitung=hitung,
    )
    for pengaduan in (*_skenario(), *_riwayat_acak(data.slug, 10)):
        _isi_pengaduan(kota, pengaduan)
    _isi_forum(kota)
    for topik in kota.topik:
        _hitung_ulang(topik)
    return kota


def isi(*, keluaran: Keluaran) -> None:
    """Write the demo forum (after organisasi.demo.isi), then print a summary."""
    hitung = Hitungan()
    with transaction.atomic():
        for akun in AKUN_WARGA:
            _isi_akun(akun, hitung)
        warga = [get_user_model()._default_manager.get(email=email) for email in WARGA]
        semua = [_isi_kota(data, warga, hitung) for data in INSTANSI_DEMO]
    keluaran.write(f"Forum demo: {hitung.dibuat} baris dibuat, {hitung.diperbarui} diperbarui.\n")
    for kota in semua:
        pengaduan = Topik.objects.pengaduan().filter(instansi=kota.instansi)
        keluaran.write(
            f"  {kota.instansi.nama}: {Topik.objects.filter(instansi=kota.instansi).count()} topik, "
            f"{pengaduan.count()} pengaduan ({pengaduan.terlambat(hari_ini=HARI_INI).count()} terlambat), "
            f"petugas pengaduan {kota.petugas.email}\n"
        )


def status_per_kota() -> dict[str, set[str]]:
    """The complaint states present in each demo city (used by the tests and the summary)."""
    hasil: dict[str, set[str]] = {}
    for slug, status in Topik.objects.pengaduan().values_list("instansi__slug", "status").distinct():
        hasil.setdefault(slug, set()).add(status)
    return hasil


__all__: Sequence[str] = ("isi", "status_per_kota")
