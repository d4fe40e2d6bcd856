"""Reading the forum: what a user may see, how an author is shown, complaint metrics.

Privacy is enforced here, not in templates: every list or page of topics starts from
topik_terlihat(pengguna), and every author name shown goes through nama_penulis().
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import Pengguna
from analitik import format as fmt
from organisasi import izin
from organisasi.izin import Aktor
from organisasi.models import Instansi, Penataan, UnitLayanan

from .models import Balasan, Blokir, LogModerasi, RiwayatStatus, Tanda, Topik

if TYPE_CHECKING:
    from analitik.penataan import Jendela

Status = Topik.Status
Privasi = Topik.Privasi

# Visibility --------------------------------------------------------------------------------


def topik_terlihat(pengguna: Aktor) -> QuerySet[Topik]:
    """The topics this user may open: organisasi.izin.bisa_lihat_topik() as a queryset.

    Everyone: publik and anonim topics not hidden by moderation. Signed in, also: his own
    topics; every topic of the instansi he evaluates or administers; the complaints of the
    units he serves (rahasia and hidden ones included)."""
    terbuka = Q(tersembunyi=False) & ~Q(privasi=Privasi.RAHASIA)
    if not izin.adalah_warga(pengguna):
        return Topik.objects.filter(terbuka)
    syarat = (
        terbuka
        | Q(penulis_id=pengguna.pk)
        | Q(instansi__in=izin.instansi_dievaluasi(pengguna))
        | Q(jenis=Topik.Jenis.PENGADUAN, unit__in=izin.unit_dilayani(pengguna))
    )
    return Topik.objects.filter(syarat)


def balasan_terlihat(pengguna: Aktor, *, topik: Topik) -> QuerySet[Balasan]:
    """The replies of a topic the user may open, oldest first, hidden ones included: the
    template shows a placeholder unless balasan_isi_terlihat() is True."""
    return topik.balasan.select_related("penulis", "dari_unit").order_by("dibuat", "id")


def balasan_isi_terlihat(pengguna: Aktor, *, balasan: Balasan, topik: Topik) -> bool:
    """A hidden reply's content is shown to its author and the instansi's evaluators/admins."""
    if not balasan.tersembunyi:
        return True
    if izin.adalah_warga(pengguna) and pengguna.pk == balasan.penulis_id:
        return True
    return izin.bisa_baca_internal_instansi(pengguna, instansi=topik.instansi)


def nama_tampilan(pengguna: Pengguna) -> str:
    """The name shown for a person: never the e-mail address."""
    return pengguna.get_full_name().strip() or _("Warga #%(id)s") % {"id": pengguna.pk}


def nama_penulis(pengamat: Aktor, *, topik: Topik) -> str:
    """The topic author's name as this viewer may see it."""
    if topik.privasi == Privasi.ANONIM and not izin.bisa_lihat_identitas_pelapor(pengamat, topik=topik):
        return _("Pelapor anonim")
    return nama_tampilan(topik.penulis)


def nama_penulis_balasan(pengamat: Aktor, *, balasan: Balasan, topik: Topik) -> str:
    """A reply's author as this viewer may see him: the anonim complainant stays anonymous in
    his own replies; a petugas speaking for the unit is shown with the unit's name."""
    if balasan.penulis_id == topik.penulis_id:
        return nama_penulis(pengamat, topik=topik)
    nama = nama_tampilan(balasan.penulis)
    if balasan.dari_unit is not None:
        return _("%(nama)s (petugas %(unit)s)") % {"nama": nama, "unit": balasan.dari_unit}
    return nama


def nama_pelaku_riwayat(pengamat: Aktor, *, riwayat: RiwayatStatus, topik: Topik) -> str:
    """Who took a complaint's step, as this viewer may see it: the complainant's own steps
    (filing, confirming) keep his anonymity; automatic steps are the system's."""
    if riwayat.pelaku_id is None:
        return _("Sistem")
    if riwayat.pelaku_id == topik.penulis_id:
        return nama_penulis(pengamat, topik=topik)
    assert riwayat.pelaku is not None
    return nama_tampilan(riwayat.pelaku)


# Lists ---------------------------------------------------------------------------------------


def vektor_cari() -> CombinedExpression:
    """The searched document: judul (weight A) and isi (weight B), "simple" configuration (no
    Indonesian stemmer ships with PostgreSQL). forum/migrations/0002_topik_cari_gin.py builds
    its GIN index on this same expression; change both together (and add a migration), or the
    planner can no longer use the index."""
    return SearchVector("judul", weight="A", config="simple") + SearchVector(
        "isi", weight="B", config="simple"
    )


def _cari(qs: QuerySet[Topik], cari: str) -> QuerySet[Topik]:
    """Full-text search on PostgreSQL, ranked, through the GIN index on vektor_cari(); a
    case-insensitive substring match of every word elsewhere."""
    kata = cari.split()[:10]
    if not kata:
        return qs
    if connection.vendor == "postgresql":
        vektor = vektor_cari()
        kueri = SearchQuery(" ".join(kata), search_type="plain", config="simple")
        return (
            qs.annotate(dokumen=vektor, peringkat=SearchRank(vektor, kueri))
            .filter(dokumen=kueri)
            .order_by("-peringkat", "-id")
        )
    for k in kata:
        qs = qs.filter(Q(judul__icontains=k) | Q(isi__icontains=k))
    return qs


def topik_daftar(
    pengguna: Aktor,
    *,
    instansi: Instansi | None = None,
    unit: UnitLayanan | None = None,
    jenis: str | None = None,
    status: str | None = None,
    penataan: Penataan | None = None,
    cari: str | None = None,
) -> QuerySet[Topik]:
    """The topics the user may see, filtered; newest activity first (best match first when
    searching). Unknown jenis/status values filter everything out rather than nothing."""
    qs = topik_terlihat(pengguna).select_related("instansi", "unit", "penulis")
    if instansi is not None:
        qs = qs.filter(instansi=instansi)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if penataan is not None:
        qs = qs.filter(penataan=penataan)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if status:
        qs = qs.filter(status=status)
    qs = qs.order_by("-aktivitas_terakhir", "-id")
    if cari:
        qs = _cari(qs, cari[:200])
    return qs


def pengaduan_antrean(
    pengguna: Aktor, *, unit: UnitLayanan | None = None, hanya_terlambat: bool = False
) -> QuerySet[Topik]:
    """The open complaints of the units the user serves (petugas: his units and their
    sub-units; admin: the instansi; evaluators: the instansi, read only), overdue first, then
    by the nearest deadline. The queryset carries `terlambat_urut` (1 when overdue)."""
    hari_ini = timezone.localdate()
    qs = (
        Topik.objects.pengaduan()
        .filter(Q(unit__in=izin.unit_dilayani(pengguna)) | Q(instansi__in=izin.instansi_dievaluasi(pengguna)))
        .filter(status__in=(Status.DITERIMA, Status.DIVERIFIKASI, Status.DITINDAKLANJUTI))
        .select_related("instansi", "unit", "penulis")
    )
    if unit is not None:
        qs = qs.filter(unit=unit)
    terlambat = Topik.objects.terlambat(hari_ini=hari_ini).values("pk")
    if hanya_terlambat:
        qs = qs.filter(pk__in=terlambat)
    return qs.annotate(
        terlambat_urut=Case(
            When(pk__in=terlambat, then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
        batas_urut=Case(
            When(status=Status.DITERIMA, then="batas_verifikasi"),
            When(status=Status.DIVERIFIKASI, then="batas_tindak_lanjut"),
            default=Coalesce("batas_tutup_otomatis", "batas_tindak_lanjut"),
        ),
    ).order_by("-terlambat_urut", "batas_urut", "dibuat")


def riwayat_pengaduan(*, topik: Topik) -> QuerySet[RiwayatStatus]:
    """A complaint's steps, oldest first (pelaku is for the unit's eyes: show the unit, not
    the person, to the public)."""
    return topik.riwayat.select_related("pelaku", "unit_asal", "unit_tujuan").order_by("dibuat", "id")


# Moderation ----------------------------------------------------------------------------------


def topik_perlu_tinjauan(*, instansi: Instansi) -> QuerySet[Topik]:
    """Topics hidden automatically by flags, or carrying unreviewed flags, most flagged first."""
    return (
        Topik.objects.filter(instansi=instansi)
        .annotate(jumlah_tanda=Count("tanda", filter=Q(tanda__ditinjau=False)))
        .filter(Q(perlu_tinjauan=True) | Q(jumlah_tanda__gt=0))
        .select_related("penulis", "unit")
        .order_by("-perlu_tinjauan", "-jumlah_tanda", "-id")
    )


def balasan_perlu_tinjauan(*, instansi: Instansi) -> QuerySet[Balasan]:
    return (
        Balasan.objects.filter(topik__instansi=instansi)
        .annotate(jumlah_tanda=Count("tanda", filter=Q(tanda__ditinjau=False)))
        .filter(Q(perlu_tinjauan=True) | Q(jumlah_tanda__gt=0))
        .select_related("penulis", "topik")
        .order_by("-perlu_tinjauan", "-jumlah_tanda", "-id")
    )


def tanda_belum_ditinjau(*, topik: Topik | None = None, balasan: Balasan | None = None) -> QuerySet[Tanda]:
    qs = Tanda.objects.filter(ditinjau=False).select_related("pengguna")
    if topik is not None:
        return qs.filter(topik=topik)
    return qs.filter(balasan=balasan)


def log_moderasi(*, instansi: Instansi) -> QuerySet[LogModerasi]:
    return LogModerasi.objects.filter(instansi=instansi).select_related(
        "moderator", "topik", "balasan", "pengguna_sasaran"
    )


def blokir_aktif(*, instansi: Instansi) -> QuerySet[Blokir]:
    return Blokir.objects.filter(instansi=instansi, dicabut_pada__isnull=True).select_related(
        "pengguna", "oleh"
    )


# Metrics for analitik and laporan -----------------------------------------------------------


@dataclass(frozen=True)
class MetrikPengaduan:
    jumlah: int  # pengaduan filed in [mulai, sampai)
    jumlah_ditanggapi: int  # with a first response by the unit (petugas)
    median_jam_tanggapan_pertama: float | None  # hours, filing -> first unit response
    persen_tepat_waktu: float | None  # 0-100: official answer within the follow-up deadline,
    # among those answered or whose deadline has passed
    rerata_penilaian: float | None  # mean handling rating 1-4
    jumlah_penilaian: int
    jumlah_topik_forum: int  # non-pengaduan topics in the window for these units


METRIK_KOSONG = MetrikPengaduan(
    jumlah=0,
    jumlah_ditanggapi=0,
    median_jam_tanggapan_pertama=None,
    persen_tepat_waktu=None,
    rerata_penilaian=None,
    jumlah_penilaian=0,
    jumlah_topik_forum=0,
)


def _waktu(nilai: date | datetime) -> datetime:
    """A date is local midnight (settings.TIME_ZONE); a naive datetime is local time."""
    if isinstance(nilai, datetime):
        if timezone.is_naive(nilai):
            return timezone.make_aware(nilai, ZoneInfo(settings.TIME_ZONE))
        return nilai
    return datetime.combine(nilai, time(0), tzinfo=ZoneInfo(settings.TIME_ZONE))


_KOLOM_PENGADUAN = (
    "unit_id",
    "dibuat",
    "status",
    "tanggapan_pertama_pada",
    "dijawab_pada",
    "dijawab_tepat_waktu",
    "batas_verifikasi",
    "batas_tindak_lanjut",
    "penilaian",
)


def _baris_pengaduan(
    unit_ids: Collection[int], filter_waktu: Mapping[str, datetime]
) -> Iterator[dict[str, Any]]:
    """The rows the complaint metrics read: the complaints of these units filed in the window."""
    return (
        Topik.objects.pengaduan()
        .filter(unit_id__in=unit_ids, **filter_waktu)
        .values(*_KOLOM_PENGADUAN)
        .iterator()
    )


def _topik_forum(unit_ids: Collection[int], filter_waktu: Mapping[str, datetime]) -> QuerySet[Topik]:
    """The other topics the metrics count (jumlah_topik_forum): those not hidden by moderation."""
    return Topik.objects.bukan_pengaduan().filter(unit_id__in=unit_ids, tersembunyi=False, **filter_waktu)


class _Akumulator:
    """The metrics of one group of complaints, filled in one pass over their rows."""

    def __init__(self) -> None:
        self.jumlah = 0
        self.jam_tanggapan: list[float] = []
        self.tepat = 0
        self.dinilai_tepat = 0
        self.penilaian: list[int] = []
        self.topik_forum = 0

    def tambah(self, baris: dict[str, object], *, hari_ini: date) -> None:
        self.jumlah += 1
        dibuat = baris["dibuat"]
        pertama = baris["tanggapan_pertama_pada"]
        if isinstance(pertama, datetime) and isinstance(dibuat, datetime):
            self.jam_tanggapan.append((pertama - dibuat).total_seconds() / 3600)
        status = baris["status"]
        if baris["dijawab_pada"] is not None:
            self.dinilai_tepat += 1
            self.tepat += bool(baris["dijawab_tepat_waktu"])
        elif _lewat_batas(status, baris, hari_ini=hari_ini):
            self.dinilai_tepat += 1
        if isinstance(baris["penilaian"], int):
            self.penilaian.append(baris["penilaian"])

    def hasil(self) -> MetrikPengaduan:
        return MetrikPengaduan(
            jumlah=self.jumlah,
            jumlah_ditanggapi=len(self.jam_tanggapan),
            median_jam_tanggapan_pertama=statistics.median(self.jam_tanggapan)
            if self.jam_tanggapan
            else None,
            persen_tepat_waktu=100 * self.tepat / self.dinilai_tepat if self.dinilai_tepat else None,
            rerata_penilaian=statistics.fmean(self.penilaian) if self.penilaian else None,
            jumlah_penilaian=len(self.penilaian),
            jumlah_topik_forum=self.topik_forum,
        )


def _lewat_batas(status: object, baris: dict[str, object], *, hari_ini: date) -> bool:
    """Not answered yet and already late: its verification or follow-up deadline has passed.
    A rejected complaint was handled, not answered late: it counts neither way."""
    if status == Status.DITERIMA:
        batas = baris["batas_verifikasi"]
    elif status == Status.DIVERIFIKASI:
        batas = baris["batas_tindak_lanjut"]
    else:
        return False
    return isinstance(batas, date) and batas < hari_ini


def metrik_pengaduan(
    *, unit_ids: Iterable[int], mulai: date | datetime | None, sampai: date | datetime | None
) -> MetrikPengaduan:
    """Complaint handling of these units for complaints filed in [mulai, sampai) (None: open).

    - A complaint belongs to the unit handling it now (after a disposition, the new unit).
    - First response: the unit's first action on it, whichever comes first of verification,
      rejection, disposition to another unit or a reply by one of its petugas
      (Topik.tanggapan_pertama_pada, set by forum.services).
    - On time: the first official answer came no later than the follow-up deadline (5 working
      days after verification). The share is over the complaints answered plus those still
      unanswered past their current deadline; rejected ones and ones still within their
      deadline are left out.
    - Rating: the complainant's 1-4 rating of the handling, where given.
    - jumlah_topik_forum: discussions, questions and proposals about these units created in the
      window, not counting those hidden by moderation. Hidden complaints still count: the unit
      had to handle them.
    Two queries: one for the complaint rows, one count of the other topics.
    """
    unit_ids = list(unit_ids)
    if not unit_ids:
        return METRIK_KOSONG
    filter_waktu: dict[str, datetime] = {}
    if mulai is not None:
        filter_waktu["dibuat__gte"] = _waktu(mulai)
    if sampai is not None:
        filter_waktu["dibuat__lt"] = _waktu(sampai)
    hari_ini = timezone.localdate()
    akumulator = _Akumulator()
    for baris in _baris_pengaduan(unit_ids, filter_waktu):
        akumulator.tambah(baris, hari_ini=hari_ini)
    akumulator.topik_forum = _topik_forum(unit_ids, filter_waktu).count()
    return akumulator.hasil()


def metrik_pengaduan_per_unit(
    *, unit_ids: Iterable[int], batas: Sequence[date]
) -> dict[tuple[int, int], MetrikPengaduan]:
    """metrik_pengaduan for every unit and period: batas are the ascending period boundaries,
    period i is [batas[i], batas[i+1]). The result has a key (unit id, i) for every unit and
    every period, empty ones included. Two queries, whatever the number of units and periods."""
    unit_ids = list(unit_ids)
    waktu = [_waktu(b) for b in batas]
    if len(waktu) < 2 or not unit_ids:
        return {}
    if any(a >= b for a, b in pairwise(waktu)):
        raise ValueError("batas periode harus naik")
    periode = range(len(waktu) - 1)
    akumulator = {(u, i): _Akumulator() for u in unit_ids for i in periode}
    filter_waktu = {"dibuat__gte": waktu[0], "dibuat__lt": waktu[-1]}
    hari_ini = timezone.localdate()
    for baris in _baris_pengaduan(unit_ids, filter_waktu):
        dibuat = baris["dibuat"]
        assert isinstance(dibuat, datetime)
        i = bisect_right(waktu, dibuat) - 1
        akumulator[(baris["unit_id"], i)].tambah(baris, hari_ini=hari_ini)
    for unit_id, dibuat in _topik_forum(unit_ids, filter_waktu).values_list("unit_id", "dibuat").iterator():
        akumulator[(unit_id, bisect_right(waktu, dibuat) - 1)].topik_forum += 1
    return {kunci: a.hasil() for kunci, a in akumulator.items()}


def metrik_pengaduan_penataan(
    *, jendela: Jendela, unit: Mapping[int, Collection[int]]
) -> dict[int, tuple[MetrikPengaduan | None, MetrikPengaduan]]:
    """Complaints before and after a penataan per resulting unit (id -> its predecessors' ids,
    as analitik.penataan.DataUnitHasil.pendahulu): metrik_pengaduan of the predecessors in
    [sebelum_mulai, efektif) (None without predecessors), of the unit itself in [sesudah_mulai,
    sesudah_sampai); the jeda belongs to neither. What the evaluation report and the penataan
    dashboard show, in two queries whatever the number of units."""
    pemilik: dict[int, list[int]] = {}  # predecessor -> the resulting units whose "before" it is
    for u, asal in unit.items():
        for a in set(asal):
            pemilik.setdefault(a, []).append(u)
    w = [None if t is None else _waktu(t) for t in (jendela.sebelum_mulai, jendela.efektif)]
    w += [None if t is None else _waktu(t) for t in (jendela.sesudah_mulai, jendela.sesudah_sampai)]
    akumulator = {(u, i): _Akumulator() for u in unit for i in (0, 1)}

    def sisi(unit_id: int, t: datetime) -> list[_Akumulator]:
        """Where a topic of this unit filed at t counts: in the "before" of every resulting unit
        it preceded, and in the "after" of its own unit."""
        ke = []
        if (w[0] is None or w[0] <= t) and (w[1] is None or t < w[1]):
            ke += [akumulator[(u, 0)] for u in pemilik.get(unit_id, ())]
        if unit_id in unit and (w[2] is None or w[2] <= t) and (w[3] is None or t < w[3]):
            ke.append(akumulator[(unit_id, 1)])
        return ke

    filter_waktu = {k: v for k, v in (("dibuat__gte", w[0]), ("dibuat__lt", w[3])) if v is not None}
    unit_ids, hari_ini = sorted(set(unit) | set(pemilik)), timezone.localdate()
    for baris in _baris_pengaduan(unit_ids, filter_waktu):
        for x in sisi(cast(int, baris["unit_id"]), cast(datetime, baris["dibuat"])):
            x.tambah(baris, hari_ini=hari_ini)
    for unit_id, dibuat in _topik_forum(unit_ids, filter_waktu).values_list("unit_id", "dibuat").iterator():
        for x in sisi(unit_id, dibuat):
            x.topik_forum += 1
    return {
        u: (akumulator[(u, 0)].hasil() if asal else None, akumulator[(u, 1)].hasil())
        for u, asal in unit.items()
    }


def metrik_pengaduan_tampil(
    *, sebelum: MetrikPengaduan | None, sesudah: MetrikPengaduan | None
) -> list[dict[str, str]]:
    """The rows of a before/after complaints table as people read them (analitik.format: decimal
    comma), one per metric: {"label", "sebelum", "sesudah"}; a missing side is an en dash."""

    def sel(m: MetrikPengaduan | None, nama: str) -> str:
        if m is None:
            return fmt.KOSONG
        nilai = getattr(m, nama)
        if nama == "median_jam_tanggapan_pertama":
            return fmt.angka(nilai, 1) if nilai is not None else fmt.KOSONG
        if nama == "persen_tepat_waktu":
            return fmt.persen(nilai, 1)
        if nama == "rerata_penilaian":
            return (
                _("%(nilai)s (%(n)s penilaian)")
                % {"nilai": fmt.angka(nilai), "n": fmt.bilangan(m.jumlah_penilaian)}
                if nilai is not None
                else fmt.KOSONG
            )
        return fmt.bilangan(nilai)

    label = (
        ("jumlah", _("Pengaduan masuk")),
        ("jumlah_ditanggapi", _("Pengaduan yang ditanggapi unit")),
        ("median_jam_tanggapan_pertama", _("Median waktu tanggapan pertama (jam)")),
        ("persen_tepat_waktu", _("Dijawab dalam batas waktu")),
        ("rerata_penilaian", _("Rerata penilaian penanganan (1–4)")),
        ("jumlah_topik_forum", _("Topik diskusi forum")),
    )
    return [
        {"label": teks, "sebelum": sel(sebelum, nama), "sesudah": sel(sesudah, nama)} for nama, teks in label
    ]


def jumlah_terlambat_per_unit(*, unit_ids: Iterable[int]) -> dict[int, int]:
    """Complaints now past their deadline, per unit (units without any are left out)."""
    return dict(
        Topik.objects.pengaduan()
        .terlambat()
        .filter(unit_id__in=list(unit_ids))
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
