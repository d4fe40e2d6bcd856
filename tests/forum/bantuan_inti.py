"""Helpers for the forum core tests (models, services, permissions, selectors, demo).

Time: the services stamp timezone.now(); Jam moves that clock (and timezone.localdate(),
which reads it) so that deadlines in working days and the edit window can be tested without
waiting. Nothing else is faked.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from akun.models import Pengguna
from forum import services
from forum.models import Topik
from organisasi.models import UnitLayanan

WIB = ZoneInfo("Asia/Jakarta")


def wib(tahun: int, bulan: int, hari: int, jam: int = 9, menit: int = 0) -> datetime:
    return datetime.combine(datetime(tahun, bulan, hari).date(), time(jam, menit), tzinfo=WIB)


def terverifikasi(*pengguna: Pengguna) -> None:
    """Give users a verified e-mail address, which posting needs."""
    for orang in pengguna:
        EmailAddress.objects.get_or_create(
            user=orang, email=orang.email, defaults={"verified": True, "primary": True}
        )


class Jam:
    """A settable clock for timezone.now()."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, awal: datetime) -> None:
        self.sekarang = awal
        monkeypatch.setattr(timezone, "now", lambda: self.sekarang)

    def ke(self, waktu: datetime) -> None:
        self.sekarang = waktu


def buat_pengaduan(
    pelapor: Pengguna,
    unit: UnitLayanan,
    *,
    judul: str = "Antrean KTP terlalu lama",
    isi: str = "Sudah tiga jam menunggu di loket.",
    privasi: str = Topik.Privasi.PUBLIK,
) -> Topik:
    return services.topik_buat(
        pengguna=pelapor,
        instansi=unit.instansi,
        jenis=Topik.Jenis.PENGADUAN,
        judul=judul,
        isi=isi,
        unit=unit,
        privasi=privasi,
    )


def buat_diskusi(
    penulis: Pengguna, unit: UnitLayanan, *, judul: str = "Jam buka loket", isi: str = "Halo"
) -> Topik:
    return services.topik_buat(
        pengguna=penulis, instansi=unit.instansi, jenis=Topik.Jenis.DISKUSI, judul=judul, isi=isi, unit=unit
    )
