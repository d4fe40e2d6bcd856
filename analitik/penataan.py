"""Before/after analysis of one restructuring (penataan), following the lineage.

For every unit the penataan produced (organisasi.selectors.unit_hasil_penataan):
- "sebelum" is the responses of its predecessor units (organisasi.selectors.unit_sebelum,
  followed through earlier penataan) dated in [tanggal efektif - jendela, tanggal efektif);
- "sesudah" is the responses of the unit itself dated in [tanggal efektif + jeda,
  tanggal efektif + jeda + jendela).
Dates are days in Asia/Jakarta: a day starts at 00:00 WIB. jendela_bulan None takes all data
on each side (for the comparison units: over the span of the restructured lineage's data). The
jeda (transition gap, e.g. three months while the new unit settles in) is left out of both
sides.

The comparison group is the units the penataan left alone (unit_tidak_ditata), with the
units touched by any other penataan within the window left out too, observed over the same
two windows: the difference-in-differences compares the change of the restructured units
with theirs, clustered by unit. Restructured units whose "before" shares a predecessor (the
parts of a split) form one cluster, so no respondent is counted twice.

The interrupted time series runs on the nilai konversi of consecutive periods of PERIODE_BULAN
months counted back from the effective date (predecessors' data) and forward from the end of
the jeda (the unit's data), over all the data there is, when there are at least three
periods on each side. With a jeda the two series are joined as if consecutive.

data_penataan() is the database side: a bounded number of queries (see its docstring), every
count computed by GROUP BY in analitik.selectors. analisis_penataan() is the statistics on
those count tables and never touches the database. banding_penataan() puts the two together
for the `banding --penataan` command and returns a JSON-serialisable dict.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Max, Min
from django.utils.text import slugify
from django.utils.translation import gettext as _

from organisasi.models import Instansi, Penataan, UnitLayanan
from organisasi.selectors import unit_hasil_penataan, unit_sebelum, unit_tidak_ditata
from survei.models import Respons

from .keluaran import banding_dan_metode, objek_did, objek_its
from .selectors import Cakupan, Kunci, hitung_per_sel, tabel_per_unit_periode
from .statistik.bootstrap import BENIH, MetodeBootstrap
from .statistik.ikm import IKMTidakLengkap, ikm
from .tabel import TabelHitung

__all__ = [
    "JENDELA_BULAN",
    "PERIODE_BULAN",
    "DataPenataan",
    "DataUnitHasil",
    "Jendela",
    "KesalahanAnalisis",
    "PeriodeITS",
    "analisis_penataan",
    "banding_penataan",
    "data_penataan",
    "jendela_penataan",
    "penataan_cari",
]

WIB = ZoneInfo("Asia/Jakarta")
# One year each side by default: SKM runs at least yearly (PermenPANRB 14/2017), so a year
# holds at least one full survey period on each side whatever the instansi's rhythm.
JENDELA_BULAN = 12
# Periods of the interrupted time series: a semester, the most common SKM period.
PERIODE_BULAN = 6


class KesalahanAnalisis(Exception):
    """A domain error with a message meant for the person who asked for the analysis."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


# Finding the penataan ------------------------------------------------------------------------


def penataan_cari(*, penataan_slug: str, instansi_slug: str | None = None) -> Penataan:
    """A penataan by its id or by the slug of its judul (django.utils.text.slugify), within
    the instansi when instansi_slug is given. Penataan has no slug field, so a judul used by
    two penataan is ambiguous: then the instansi (or the id) must be given."""
    kandidat = Penataan.objects.select_related("instansi").order_by("instansi__slug", "tanggal_efektif", "pk")
    if instansi_slug is not None:
        if not Instansi.objects.filter(slug=instansi_slug).exists():
            raise KesalahanAnalisis(_("Instansi “%(slug)s” tidak ditemukan.") % {"slug": instansi_slug})
        kandidat = kandidat.filter(instansi__slug=instansi_slug)
    kunci = penataan_slug.strip()
    if kunci.isdigit():
        cocok = list(kandidat.filter(pk=int(kunci)))
    else:
        cocok = [p for p in kandidat if slugify(p.judul) == kunci]
    if not cocok:
        raise KesalahanAnalisis(
            _("Penataan “%(slug)s” tidak ditemukan. Gunakan id penataan atau judulnya dalam bentuk slug.")
            % {"slug": kunci}
        )
    if len(cocok) > 1:
        instansi = sorted({p.instansi.slug for p in cocok})
        if len(instansi) > 1:
            raise KesalahanAnalisis(
                _("Penataan “%(slug)s” ada di beberapa instansi (%(instansi)s); sebutkan instansinya.")
                % {"slug": kunci, "instansi": ", ".join(instansi)}
            )
        raise KesalahanAnalisis(
            _("Ada beberapa penataan berjudul “%(slug)s” di instansi ini; gunakan id-nya: %(id)s.")
            % {"slug": kunci, "id": ", ".join(str(pk) for pk in sorted(p.pk for p in cocok))}
        )
    return cocok[0]


# Windows ------------------------------------------------------------------------------------


def _tambah_bulan(tanggal: date, bulan: int) -> date:
    """The same day bulan months later (earlier when negative), the month's last day when the
    month is shorter."""
    tahun, indeks = divmod(tanggal.month - 1 + bulan, 12)
    tahun += tanggal.year
    hari = min(tanggal.day, calendar.monthrange(tahun, indeks + 1)[1])
    return date(tahun, indeks + 1, hari)


def _awal_hari(tanggal: date) -> datetime:
    return datetime.combine(tanggal, time(0), tzinfo=WIB)


@dataclass(frozen=True)
class Jendela:
    """sebelum = [sebelum_mulai, efektif), sesudah = [sesudah_mulai, sesudah_sampai); None is
    unbounded. Dates are whole days in Asia/Jakarta."""

    sebelum_mulai: date | None
    efektif: date
    sesudah_mulai: date
    sesudah_sampai: date | None
    jeda_bulan: int
    jendela_bulan: int | None

    def objek(self) -> dict[str, Any]:
        return {
            "sebelum": [_iso(self.sebelum_mulai), self.efektif.isoformat()],
            "sesudah": [self.sesudah_mulai.isoformat(), _iso(self.sesudah_sampai)],
            "jeda_bulan": self.jeda_bulan,
            "jendela_bulan": self.jendela_bulan,
        }


def _iso(tanggal: date | None) -> str | None:
    return None if tanggal is None else tanggal.isoformat()


def jendela_penataan(
    *, penataan: Penataan, jeda_bulan: int = 0, jendela_bulan: int | None = JENDELA_BULAN
) -> Jendela:
    if jeda_bulan < 0:
        raise KesalahanAnalisis(_("Jeda tidak boleh negatif."))
    if jendela_bulan is not None and jendela_bulan < 1:
        raise KesalahanAnalisis(_("Jendela pengamatan paling sedikit satu bulan."))
    efektif = penataan.tanggal_efektif
    sesudah_mulai = _tambah_bulan(efektif, jeda_bulan)
    return Jendela(
        sebelum_mulai=None if jendela_bulan is None else _tambah_bulan(efektif, -jendela_bulan),
        efektif=efektif,
        sesudah_mulai=sesudah_mulai,
        sesudah_sampai=None if jendela_bulan is None else _tambah_bulan(sesudah_mulai, jendela_bulan),
        jeda_bulan=jeda_bulan,
        jendela_bulan=jendela_bulan,
    )


# The data (database side) -------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodeITS:
    mulai: date
    sampai: date
    tabel: TabelHitung


@dataclass(frozen=True)
class DataUnitHasil:
    unit: UnitLayanan
    pendahulu: tuple[UnitLayanan, ...]
    sebelum: TabelHitung
    sesudah: TabelHitung
    # Consecutive periods with a computable IKM, oldest first; the first `indeks_intervensi`
    # are before the penataan.
    periode: tuple[PeriodeITS, ...] = ()
    indeks_intervensi: int = 0


@dataclass(frozen=True)
class DataPembanding:
    unit: UnitLayanan
    sebelum: Mapping[tuple[int, int], int]  # skor tables
    sesudah: Mapping[tuple[int, int], int]


@dataclass(frozen=True)
class DataPenataan:
    penataan: Penataan
    jendela: Jendela
    unit: tuple[DataUnitHasil, ...]
    pembanding: tuple[DataPembanding, ...]
    # Clusters of the restructured side for the DiD: resulting-unit ids sharing predecessors.
    klaster: tuple[tuple[int, ...], ...] = field(default=())


def _batas_periode(
    jendela: Jendela, *, paling_awal: datetime | None, paling_akhir: datetime | None
) -> tuple[list[date], list[date]]:
    """Period bounds back from the effective date and forward from the end of the jeda,
    far enough to hold every response dated between paling_awal and paling_akhir."""
    mundur = [jendela.efektif]
    if paling_awal is not None:
        while _awal_hari(mundur[-1]) > paling_awal:
            mundur.append(_tambah_bulan(jendela.efektif, -PERIODE_BULAN * len(mundur)))
    maju = [jendela.sesudah_mulai]
    if paling_akhir is not None:
        while _awal_hari(maju[-1]) <= paling_akhir:
            maju.append(_tambah_bulan(jendela.sesudah_mulai, PERIODE_BULAN * len(maju)))
    return sorted(mundur), maju


def _klaster(pendahulu: Mapping[int, set[int]]) -> tuple[tuple[int, ...], ...]:
    """Resulting units joined when their "before" shares a predecessor unit."""
    induk = {u: u for u in pendahulu}

    def akar(u: int) -> int:
        while induk[u] != u:
            induk[u] = induk[induk[u]]
            u = induk[u]
        return u

    pemilik: dict[int, int] = {}
    for u, asal in pendahulu.items():
        for a in asal:
            if a in pemilik:
                induk[akar(u)] = akar(pemilik[a])
            else:
                pemilik[a] = u
    kelompok: dict[int, list[int]] = {}
    for u in pendahulu:
        kelompok.setdefault(akar(u), []).append(u)
    return tuple(sorted(tuple(sorted(k)) for k in kelompok.values()))


def data_penataan(
    *, penataan: Penataan, jeda_bulan: int = 0, jendela_bulan: int | None = JENDELA_BULAN
) -> DataPenataan:
    """Every count table the analysis of one penataan needs, from the database.

    Queries, whatever the number of responses, periods and comparison units: 1 (resulting
    units) + 2 per resulting unit (lineage) + 1 (comparison units) + 1 (first and last
    response of the restructured lineage) + 1 aggregate (analitik.selectors: the answer
    patterns of the restructured lineage and the scores of the comparison units, per unit
    and period, in one GROUP BY over the responses and their stored answer patterns)."""
    jendela = jendela_penataan(penataan=penataan, jeda_bulan=jeda_bulan, jendela_bulan=jendela_bulan)
    hasil = list(unit_hasil_penataan(penataan=penataan))
    pendahulu = {u.pk: tuple(p.unit for p in unit_sebelum(unit=u, penataan=penataan)) for u in hasil}
    if jendela.sebelum_mulai is None or jendela.sesudah_sampai is None:
        jendela_hari = None
    else:
        jendela_hari = max(
            (jendela.efektif - jendela.sebelum_mulai).days, (jendela.sesudah_sampai - jendela.efektif).days
        )
    pembanding = list(unit_tidak_ditata(penataan=penataan, jendela_hari=jendela_hari))
    id_diobati = sorted({u.pk for u in hasil} | {p.pk for daftar in pendahulu.values() for p in daftar})

    # The periods of the time series reach as far as the restructured lineage has data; the
    # window bounds are bounds of the period buckets too, so that a window is a sum of buckets.
    # Everything comes from one GROUP BY over the responses: patterns of the restructured lineage
    # over all its data, scores of the comparison units within the windows.
    rentang = Respons.objects.filter(unit_id__in=id_diobati).aggregate(awal=Min("waktu"), akhir=Max("waktu"))
    mundur, maju = _batas_periode(jendela, paling_awal=rentang["awal"], paling_akhir=rentang["akhir"])
    titik = set(mundur) | set(maju) | {t for t in (jendela.sebelum_mulai, jendela.sesudah_sampai) if t}
    ember = _SelPeriode(sorted(titik))
    cakupan = [
        Cakupan(unit_ids=id_diobati),
        Cakupan(
            unit_ids=[u.pk for u in pembanding],
            mulai=_awal_hari(jendela.sebelum_mulai) if jendela.sebelum_mulai else None,
            sampai=_awal_hari(jendela.sesudah_sampai) if jendela.sesudah_sampai else None,
            pola=False,
        ),
    ]
    per_sel = tabel_per_unit_periode(cakupan=cakupan, batas=ember.batas()) if len(ember.titik) > 1 else {}

    def jumlah(mulai: date | None, sampai: date | None, unit_ids: Sequence[int]) -> TabelHitung:
        return hitung_per_sel(per_sel, ember.sel(unit_ids, mulai, sampai))

    data_unit = []
    for u in hasil:
        asal = [p.pk for p in pendahulu[u.pk]]
        deret, indeks = _deret_its(mundur=mundur, maju=maju, jumlah=jumlah, asal=asal, unit_id=u.pk)
        data_unit.append(
            DataUnitHasil(
                unit=u,
                pendahulu=pendahulu[u.pk],
                sebelum=jumlah(jendela.sebelum_mulai, jendela.efektif, asal),
                sesudah=jumlah(jendela.sesudah_mulai, jendela.sesudah_sampai, [u.pk]),
                periode=deret,
                indeks_intervensi=indeks,
            )
        )
    data_pembanding = tuple(
        DataPembanding(
            unit=k,
            sebelum=jumlah(jendela.sebelum_mulai, jendela.efektif, [k.pk]).skor,
            sesudah=jumlah(jendela.sesudah_mulai, jendela.sesudah_sampai, [k.pk]).skor,
        )
        for k in pembanding
    )
    return DataPenataan(
        penataan=penataan,
        jendela=jendela,
        unit=tuple(data_unit),
        pembanding=data_pembanding,
        klaster=_klaster({u.pk: {p.pk for p in pendahulu[u.pk]} for u in hasil}),
    )


@dataclass(frozen=True)
class _SelPeriode:
    """Period buckets [titik[i], titik[i + 1]) of whole days."""

    titik: Sequence[date]

    def batas(self) -> list[datetime | None]:
        return [_awal_hari(t) for t in self.titik]

    def sel(self, unit_ids: Sequence[int], mulai: date | None, sampai: date | None) -> list[Kunci]:
        """The (unit, bucket) cells of these units whose bucket lies inside [mulai, sampai)."""
        dalam = [
            i
            for i, (a, b) in enumerate(pairwise(self.titik))
            if (mulai is None or a >= mulai) and (sampai is None or b <= sampai)
        ]
        return [(u, i) for u in unit_ids for i in dalam]


def _deret_its(
    *,
    mundur: Sequence[date],
    maju: Sequence[date],
    jumlah: Callable[[date, date, Sequence[int]], TabelHitung],
    asal: Sequence[int],
    unit_id: int,
) -> tuple[tuple[PeriodeITS, ...], int]:
    """The consecutive periods next to the penataan whose IKM can be computed (every unsur
    answered): predecessors' data before, the unit's own data after. A period without a
    computable IKM ends the series on its side."""
    sebelum: list[PeriodeITS] = []
    for mulai, sampai in reversed(list(pairwise(mundur))):
        t = jumlah(mulai, sampai, asal)
        if not _ikm_ada(t):
            break
        sebelum.append(PeriodeITS(mulai, sampai, t))
    sesudah: list[PeriodeITS] = []
    for mulai, sampai in pairwise(maju):
        t = jumlah(mulai, sampai, [unit_id])
        if not _ikm_ada(t):
            break
        sesudah.append(PeriodeITS(mulai, sampai, t))
    return (*reversed(sebelum), *sesudah), len(sebelum)


def _ikm_ada(tabel: TabelHitung) -> bool:
    return all(sum(c) > 0 for c in tabel.unsur.values())


# The statistics (no database) ----------------------------------------------------------------


def _nama_unik(daftar: Sequence[UnitLayanan]) -> dict[int, str]:
    """Unit names as JSON keys; a name two units share gets the slug appended."""
    ganda = {u.nama for u in daftar if sum(1 for v in daftar if v.nama == u.nama) > 1}
    return {u.pk: f"{u.nama} ({u.slug})" if u.nama in ganda else u.nama for u in daftar}


def analisis_penataan(
    data: DataPenataan,
    *,
    bobot_lama: bool = False,
    bootstrap: int = 2000,
    seed: int = BENIH,
    metode_bootstrap: MetodeBootstrap = "otomatis",
) -> dict[str, Any]:
    """The statistics of a penataan on its count tables, as a JSON-serialisable dict (the
    bootstrap options go to analitik.keluaran.objek_banding). Raises KesalahanAnalisis when
    no resulting unit has data on both sides."""

    p = data.penataan
    nama = _nama_unik([d.unit for d in data.unit])
    unit: dict[str, Any] = {}
    bisa_dibanding: list[DataUnitHasil] = []
    for d in data.unit:
        isi: dict[str, Any] = {
            "id": d.unit.pk,
            "slug": d.unit.slug,
            "unit_sebelum": [x.nama for x in d.pendahulu],
        }
        alasan = _alasan_tidak_dibanding(d)
        if alasan is not None:
            isi["alasan"] = alasan
        else:
            try:
                obj, metode = banding_dan_metode(
                    d.sebelum,
                    d.sesudah,
                    bobot_lama=bobot_lama,
                    bootstrap=bootstrap,
                    seed=seed,
                    metode_bootstrap=metode_bootstrap,
                )
                isi.update(obj)
                isi["bootstrap_metode"] = metode
            except IKMTidakLengkap as e:
                isi["alasan"] = _(
                    "IKM tidak dapat dihitung: %(unsur)s tanpa jawaban pada salah satu sisi."
                ) % {"unsur": ", ".join(e.unsur_kosong)}
            else:
                bisa_dibanding.append(d)
        unit[nama[d.unit.pk]] = isi
    if not bisa_dibanding:
        raise KesalahanAnalisis(
            _("Penataan “%(judul)s” belum dapat dianalisis: %(alasan)s")
            % {
                "judul": p.judul,
                "alasan": " ".join(f"{nama[d.unit.pk]}: {unit[nama[d.unit.pk]]['alasan']}" for d in data.unit)
                or _("penataan ini tidak menghasilkan unit layanan."),
            }
        )
    return {
        "penataan": {
            "id": p.pk,
            "slug": slugify(p.judul),
            "judul": p.judul,
            "tanggal_efektif": p.tanggal_efektif.isoformat(),
            "dasar_hukum": p.dasar_hukum,
            "instansi": {"slug": p.instansi.slug, "nama": p.instansi.nama},
        },
        "jendela": data.jendela.objek(),
        "unit": unit,
        "pembanding": _pembanding(data, bisa_dibanding),
        "its": {nama[d.unit.pk]: _its(d, bobot_lama=bobot_lama) for d in data.unit},
    }


def _alasan_tidak_dibanding(d: DataUnitHasil) -> str | None:
    if not d.pendahulu:
        return _("Unit ini dibentuk baru tanpa unit pendahulu, jadi tidak punya data sebelum penataan.")
    if d.sebelum.n_responden == 0:
        return _("Tidak ada respons unit pendahulu dalam jendela sebelum penataan.")
    if d.sesudah.n_responden == 0:
        return _("Tidak ada respons unit ini dalam jendela sesudah penataan.")
    return None


def _pembanding(data: DataPenataan, diobati: Sequence[DataUnitHasil]) -> dict[str, Any]:
    pembanding = [k for k in data.pembanding if k.sebelum and k.sesudah]
    nama = _nama_unik([k.unit for k in pembanding])
    ada = {d.unit.pk: d for d in diobati}
    sel: list[tuple[Any, bool, bool, Mapping[tuple[int, int], int]]] = []
    for klaster in data.klaster:
        anggota = [ada[u] for u in klaster if u in ada]
        if not anggota:
            continue
        # One cluster: the "before" of its units shares predecessors, so it is taken once.
        kunci = ("diobati", klaster)
        sel.append((kunci, True, False, anggota[0].sebelum.skor))
        for d in anggota:
            sel.append((kunci, True, True, d.sesudah.skor))
    for k in pembanding:
        sel.append((k.unit.pk, False, False, k.sebelum))
        sel.append((k.unit.pk, False, True, k.sesudah))
    return {"unit": [nama[k.unit.pk] for k in pembanding], "did": objek_did(sel)}


def _its(d: DataUnitHasil, *, bobot_lama: bool) -> dict[str, Any]:
    nilai = [float(ikm(x.tabel, bobot_lama=bobot_lama).nilai_konversi) for x in d.periode]
    periode = [
        {
            "mulai": x.mulai.isoformat(),
            "sampai": x.sampai.isoformat(),
            "n": x.tabel.n_responden,
            "nilai_konversi": v,
        }
        for x, v in zip(d.periode, nilai, strict=True)
    ]
    return {"periode": periode, **objek_its(nilai, d.indeks_intervensi)}


def banding_penataan(
    *,
    penataan_slug: str,
    instansi_slug: str | None = None,
    jeda_bulan: int = 0,
    bobot_lama: bool = False,
    jendela_bulan: int | None = JENDELA_BULAN,
    bootstrap: int = 2000,
    seed: int = BENIH,
    metode_bootstrap: MetodeBootstrap = "otomatis",
) -> dict[str, Any]:
    """The before/after analysis of a penataan (by id or slugified judul) for every unit it
    produced, with the difference-in-differences against the units it left alone and, where
    the periods allow, an interrupted time series. Raises KesalahanAnalisis with a message
    for the user when the penataan is unknown or ambiguous or nothing can be compared."""
    penataan = penataan_cari(penataan_slug=penataan_slug, instansi_slug=instansi_slug)
    data = data_penataan(penataan=penataan, jeda_bulan=jeda_bulan, jendela_bulan=jendela_bulan)
    return analisis_penataan(
        data, bobot_lama=bobot_lama, bootstrap=bootstrap, seed=seed, metode_bootstrap=metode_bootstrap
    )
