"""Reading reports, and the few figures a report needs that analitik does not compute: the
respondents' profile and the surveys a window's data came from (with the sample each
achieved). The complaint metrics are the forum's (forum.selectors).

Every count is one GROUP BY in the database, whatever the number of responses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from analitik.sampel import margin_error, sampel_minimum
from organisasi.models import Instansi, Penataan, UnitLayanan
from survei.models import Jawaban, Pertanyaan, Respons, Survei, SurveiUnit

from .models import Laporan

__all__ = [
    "KELOMPOK_USIA",
    "KODE_PROFIL_LAPORAN",
    "BarisSumber",
    "ProfilResponden",
    "laporan_daftar",
    "laporan_terverifikasi",
    "profil_responden",
    "sumber_data",
]

KODE_PROFIL_LAPORAN = ("jenis_kelamin", "pendidikan", "pekerjaan")
# Age groups of the profile tables: (label, lower bound inclusive, upper bound exclusive).
KELOMPOK_USIA: tuple[tuple[str, int, int | None], ...] = (
    ("< 25", 0, 25),
    ("25–34", 25, 35),
    ("35–44", 35, 45),
    ("45–54", 45, 55),
    ("55–64", 55, 65),
    ("≥ 65", 65, None),
)


# Reports ---------------------------------------------------------------------------------------


def laporan_daftar(
    *, instansi: Instansi | None = None, penataan: Penataan | None = None, batas: int = 50
) -> QuerySet[Laporan]:
    """The newest reports of an instansi (or of one penataan), with what their list shows."""
    qs = Laporan.objects.select_related("penataan", "survei", "unit", "diminta_oleh")
    if instansi is not None:
        qs = qs.filter(instansi=instansi)
    if penataan is not None:
        qs = qs.filter(penataan=penataan)
    return qs.order_by("-dibuat")[:batas]


def laporan_terverifikasi(*, laporan_id: UUID | str) -> Laporan | None:
    """A finished report by its public number, with only what the public page may show."""
    return (
        Laporan.objects.filter(pk=laporan_id, status=Laporan.Status.SELESAI)
        .select_related("instansi")
        .only("id", "jenis", "status", "dihasilkan", "sha256_berkas", "instansi__nama")
        .first()
    )


# Respondents' profile --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfilResponden:
    """n: respondents who answered at least one unsur (as analitik counts them); hitung[kode]
    maps an answer (choice code, or age-group label for "usia") to its respondents. Those who
    left a question empty are n minus the sum of its row."""

    n: int
    hitung: dict[str, dict[str, int]]


def _rentang(mulai: datetime | None, sampai: datetime | None) -> Q:
    syarat = Q()
    if mulai is not None:
        syarat &= Q(waktu__gte=mulai)
    if sampai is not None:
        syarat &= Q(waktu__lt=sampai)
    return syarat


def _respons(
    *,
    unit_ids: Collection[int],
    mulai: datetime | None,
    sampai: datetime | None,
    survei_ids: Collection[int] | None,
) -> QuerySet[Respons]:
    """Responses of these units in [mulai, sampai) that answered at least one unsur."""
    qs = Respons.objects.filter(
        _rentang(mulai, sampai), unit_id__in=sorted(set(unit_ids)), dijawab_unsur__gt=0
    )
    if survei_ids is not None:
        qs = qs.filter(survei_id__in=sorted(set(survei_ids)))
    return qs.order_by()


def _kelompok_usia() -> Case:
    syarat = []
    for label, bawah, atas in KELOMPOK_USIA:
        q = Q(nilai__gte=bawah)
        if atas is not None:
            q &= Q(nilai__lt=atas)
        syarat.append(When(q, then=Value(label)))
    return Case(*syarat, default=Value(""), output_field=CharField())


def profil_responden(
    *,
    unit_ids: Collection[int],
    mulai: datetime | None = None,
    sampai: datetime | None = None,
    survei_ids: Collection[int] | None = None,
) -> ProfilResponden:
    """Respondents by jenis kelamin, pendidikan, pekerjaan and age group: one GROUP BY over the
    profile answers, one COUNT of the respondents."""
    if not unit_ids:
        return ProfilResponden(0, {k: {} for k in (*KODE_PROFIL_LAPORAN, "usia")})
    respons = _respons(unit_ids=unit_ids, mulai=mulai, sampai=sampai, survei_ids=survei_ids)
    n = respons.count()
    baris = (
        Jawaban.objects.filter(
            respons__in=respons.values("pk"),
            pertanyaan__kelompok=Pertanyaan.Kelompok.PROFIL,
            pertanyaan__kode__in=[*KODE_PROFIL_LAPORAN, "usia"],
        )
        .annotate(usia=_kelompok_usia())
        .values("pertanyaan__kode", "teks", "usia")
        .annotate(jumlah=Count("*"))
        .order_by()
    )
    hitung: dict[str, dict[str, int]] = {k: defaultdict(int) for k in (*KODE_PROFIL_LAPORAN, "usia")}
    for b in baris:
        kode = b["pertanyaan__kode"]
        kunci = (b["usia"] if kode == "usia" else b["teks"]) or ""
        if kunci:
            hitung[kode][kunci] += b["jumlah"]
    return ProfilResponden(n, {k: dict(v) for k, v in hitung.items()})


# Where the data came from ----------------------------------------------------------------------


@dataclass(frozen=True)
class BarisSumber:
    """One survey at one unit: its respondents within the window and the sample it needed."""

    survei: Survei
    unit_id: int
    unit_nama: str
    populasi: int | None
    n: int

    @property
    def sampel_minimum(self) -> int | None:
        return sampel_minimum(self.populasi) if self.populasi else None

    @property
    def margin_error(self) -> float | None:
        return margin_error(self.n, self.populasi or None)

    @property
    def tercapai(self) -> bool | None:
        minimum = self.sampel_minimum
        return None if minimum is None else self.n >= minimum


def sumber_data(
    *,
    unit_ids: Collection[int],
    mulai: datetime | None = None,
    sampai: datetime | None = None,
    survei_ids: Collection[int] | None = None,
) -> list[BarisSumber]:
    """Per (survey, unit): respondents in [mulai, sampai) and the unit's population in that
    survey (SurveiUnit.populasi): one GROUP BY, then the survey and population rows."""
    if not unit_ids:
        return []
    respons = _respons(unit_ids=unit_ids, mulai=mulai, sampai=sampai, survei_ids=survei_ids)
    jumlah = {
        (b["survei_id"], b["unit_id"]): b["n"]
        for b in respons.values("survei_id", "unit_id").annotate(n=Count("pk")).order_by()
    }
    if not jumlah:
        return []
    survei_unit = {
        (su.survei_id, su.unit_id): su
        for su in SurveiUnit.objects.filter(
            survei_id__in={s for s, _ in jumlah}, unit_id__in={u for _, u in jumlah}
        ).select_related("survei", "unit")
    }
    survei = Survei.objects.in_bulk({s for s, _ in jumlah})

    unit = UnitLayanan.objects.in_bulk({u for _, u in jumlah})
    hasil = []
    for (survei_id, unit_id), n in jumlah.items():
        su = survei_unit.get((survei_id, unit_id))
        hasil.append(
            BarisSumber(
                survei=survei[survei_id],
                unit_id=unit_id,
                unit_nama=unit[unit_id].nama,
                populasi=su.populasi if su is not None else None,
                n=n,
            )
        )
    hasil.sort(key=lambda b: (b.survei.mulai, b.survei.kode, b.unit_nama.casefold(), b.unit_id))
    return hasil
