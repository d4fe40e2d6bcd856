"""Working days: Monday to Friday, minus the instansi's holidays (HariLibur).

Complaint deadlines are counted in working days from the day a state is entered: "3 working
days after filing" is the third working day after the filing day, the filing day itself not
counted. A complaint filed on Friday evening is due on Wednesday; one filed on Saturday, too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta

from .models import HariLibur

SABTU = 5  # date.weekday(): Monday is 0


def adalah_akhir_pekan(tanggal: date) -> bool:
    return tanggal.weekday() >= SABTU


def libur_per_instansi(*, instansi_ids: Iterable[int], dari: date, sampai: date) -> dict[int, set[date]]:
    """The holidays in [dari, sampai] of several instansi in one query, by instansi (one
    without holidays is left out): a list of complaints counts all its deadlines with it."""
    instansi_ids = list(instansi_ids)
    libur: dict[int, set[date]] = {}
    if not instansi_ids or sampai < dari:
        return libur
    for instansi_id, tanggal in HariLibur.objects.filter(
        instansi_id__in=instansi_ids, tanggal__gte=dari, tanggal__lte=sampai
    ).values_list("instansi_id", "tanggal"):
        libur.setdefault(instansi_id, set()).add(tanggal)
    return libur


def libur_antara(*, instansi_id: int, dari: date, sampai: date) -> set[date]:
    """The instansi's holidays in [dari, sampai]."""
    return libur_per_instansi(instansi_ids=[instansi_id], dari=dari, sampai=sampai).get(instansi_id, set())


def adalah_hari_kerja(tanggal: date, *, instansi_id: int) -> bool:
    if adalah_akhir_pekan(tanggal):
        return False
    return not HariLibur.objects.filter(instansi_id=instansi_id, tanggal=tanggal).exists()


def tambah_hari_kerja(mulai: date, jumlah: int, *, instansi_id: int) -> date:
    """The date `jumlah` working days after `mulai` (mulai itself not counted); jumlah >= 1.

    Holidays are read in windows, usually one query: a window of 2*jumlah + 14 calendar days
    holds `jumlah` working days unless the holidays are unusually dense (Lebaran's collective
    leave), in which case the next window is read.
    """
    if jumlah < 1:
        raise ValueError("jumlah hari kerja harus positif")
    sisa = jumlah
    hari = mulai
    while True:
        dari = hari + timedelta(days=1)
        sampai = hari + timedelta(days=2 * sisa + 14)
        libur = libur_antara(instansi_id=instansi_id, dari=dari, sampai=sampai)
        while hari < sampai:
            hari += timedelta(days=1)
            if not adalah_akhir_pekan(hari) and hari not in libur:
                sisa -= 1
                if sisa == 0:
                    return hari


def hari_kerja_antara(
    dari: date, sampai: date, *, instansi_id: int, libur: Collection[date] | None = None
) -> int:
    """The number of working days in (dari, sampai]: 0 when sampai <= dari. A deadline's
    remaining working days are hari_kerja_antara(today, deadline). `libur`: the instansi's
    holidays when already read (at least those in (dari, sampai]); else they are read here."""
    if sampai <= dari:
        return 0
    if libur is None:
        libur = libur_antara(instansi_id=instansi_id, dari=dari + timedelta(days=1), sampai=sampai)
    jumlah = 0
    hari = dari
    while hari < sampai:
        hari += timedelta(days=1)
        if not adalah_akhir_pekan(hari) and hari not in libur:
            jumlah += 1
    return jumlah
