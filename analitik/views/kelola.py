"""The evaluator dashboards, mounted at /kelola/analitik/ in the "analitik" namespace.

- dasbor_instansi: units x semesters table of nilai konversi and mutu (one aggregate query in
  analitik.selectors), the trend chart with the penataan dates marked, the importance-
  performance chart of the latest semester when harapan was asked, and the instansi's penataan;
- dasbor_penataan: the before/after analysis of one penataan (analitik.penataan) with its
  tables, charts and plain-language readings (analitik.format), and the complaints of the
  same windows and units as the evaluation report (forum.selectors.metrik_pengaduan_penataan).

Both are for evaluators and admins of the instansi (organisasi.izin); anonymous visitors are
sent to the login page. The analysis of a penataan (with its bootstrap) is cached for ten
minutes, keyed by the penataan, the transition gap, the language and a data version (the
latest and the number of responses of the instansi, and of its lineage edges), so a new
response or a corrected lineage shows at once. The complaint figures are not cached: they
change with every step of a complaint and with the date (an unanswered complaint turns late at
midnight), which the data version does not see, and they cost two queries. Only whose
complaints they are (the windows and each resulting unit's predecessors) is kept with the
analysis, so the table always compares the same units as the analysis beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db.models import Count, Max, Min
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from forum.selectors import metrik_pengaduan_penataan, metrik_pengaduan_tampil
from organisasi.izin import bisa_evaluasi_instansi, pastikan_bisa_evaluasi_instansi, wajib_izin_instansi
from organisasi.models import Instansi, LinPenataan, Penataan, UnitLayanan
from survei.models import Respons

from .. import format as fmt
from ..grafik import Grafik, Penanda, grafik_ipa, grafik_nrr, grafik_tren
from ..keluaran import objek_ipa
from ..penataan import WIB, DataPenataan, Jendela, KesalahanAnalisis, analisis_penataan, data_penataan
from ..selectors import gabung_tabel, tabel_per_unit_periode
from ..statistik import IKMTidakLengkap, ikm
from ..tabel import KODE_UNSUR

TRANSISI_MAKS = 24
SIMPAN_DETIK = 600
# The instansi table shows the latest semesters only; older ones stay in the exports.
SEMESTER_MAKS = 10


# The instansi dashboard ------------------------------------------------------------------------


@dataclass(frozen=True)
class Semester:
    mulai: date
    sampai: date

    @property
    def label(self) -> str:
        ke = "I" if self.mulai.month == 1 else "II"
        return _("Semester %(ke)s %(tahun)s") % {"ke": ke, "tahun": self.mulai.year}

    def x(self, tanggal: date) -> float:
        """Where a date falls on an axis whose period i is centred on i (this one's i = 0)."""
        return (tanggal - self.mulai).days / (self.sampai - self.mulai).days - 0.5


def _semester_dari(tanggal: date) -> date:
    return date(tanggal.year, 1 if tanggal.month <= 6 else 7, 1)


def _semester_berikut(mulai: date) -> date:
    return date(mulai.year, 7, 1) if mulai.month == 1 else date(mulai.year + 1, 1, 1)


def _daftar_semester(awal: datetime, akhir: datetime) -> list[Semester]:
    mulai, ujung = _semester_dari(localtime(awal, WIB).date()), localtime(akhir, WIB).date()
    daftar = []
    while mulai <= ujung:
        berikut = _semester_berikut(mulai)
        daftar.append(Semester(mulai, berikut))
        mulai = berikut
    return daftar[-SEMESTER_MAKS:]


def _awal_hari(tanggal: date) -> datetime:
    return datetime(tanggal.year, tanggal.month, tanggal.day, tzinfo=WIB)


@dataclass(frozen=True)
class SelIKM:
    n: int
    nilai_konversi: str
    mutu: str
    nilai: float | None


def _sel_ikm(tabel: Any) -> SelIKM:
    if tabel is None or tabel.n_responden == 0:
        return SelIKM(0, fmt.KOSONG, fmt.KOSONG, None)
    try:
        h = ikm(tabel)
    except IKMTidakLengkap:
        return SelIKM(tabel.n_responden, fmt.KOSONG, fmt.KOSONG, None)
    return SelIKM(h.n, fmt.angka(h.nilai_konversi_bulat), h.mutu, float(h.nilai_konversi))


@wajib_izin_instansi(bisa_evaluasi_instansi)
def dasbor_instansi(request: HttpRequest, instansi: Instansi) -> HttpResponse:
    unit = list(UnitLayanan.objects.filter(instansi=instansi).order_by("nama", "id"))
    penataan = list(Penataan.objects.filter(instansi=instansi).order_by("-tanggal_efektif", "-id"))
    rentang = Respons.objects.filter(unit__instansi=instansi).aggregate(awal=Min("waktu"), akhir=Max("waktu"))
    semester: list[Semester] = []
    baris: list[tuple[UnitLayanan, list[SelIKM]]] = []
    tren: Grafik | None = None
    kuadran: Grafik | None = None
    if rentang["awal"] is not None:
        semester = _daftar_semester(rentang["awal"], rentang["akhir"])
        batas = [_awal_hari(s.mulai) for s in semester] + [_awal_hari(semester[-1].sampai)]
        per_sel = tabel_per_unit_periode(unit_ids=[u.pk for u in unit], batas=batas, dengan_harapan=True)
        for u in unit:
            sel = [_sel_ikm(per_sel.get((u.pk, i))) for i in range(len(semester))]
            if any(s.n for s in sel):
                baris.append((u, sel))
        tren = grafik_tren(
            [s.label for s in semester],
            {u.nama: [s.nilai for s in sel] for u, sel in baris},
            kunci=f"tren-{instansi.slug}",
            penanda=_penanda(penataan, semester),
        )
        terakhir = gabung_tabel(t for (_u, i), t in per_sel.items() if i == len(semester) - 1)
        hasil_ipa = objek_ipa(terakhir)
        if hasil_ipa["alasan"] is None:
            kuadran = grafik_ipa(
                hasil_ipa,
                kunci=f"ipa-{instansi.slug}",
                judul=_("Analisis kepentingan–kinerja (IPA), %(periode)s") % {"periode": semester[-1].label},
            )
    konteks = {
        "instansi": instansi,
        "semester": semester,
        "baris": baris,
        "tren": tren,
        "ipa": kuadran,
        "penataan": penataan,
    }
    return render(request, "analitik/kelola/dasbor_instansi.html", konteks)


def _penanda(penataan: list[Penataan], semester: list[Semester]) -> list[Penanda]:
    tanda = []
    for p in sorted(penataan, key=lambda p: (p.tanggal_efektif, p.pk)):
        for i, s in enumerate(semester):
            if s.mulai <= p.tanggal_efektif < s.sampai:
                label = _("Penataan %(tanggal)s") % {"tanggal": date_format(p.tanggal_efektif, "j M Y")}
                tanda.append(Penanda(i + s.x(p.tanggal_efektif), label))
    return tanda


# The penataan dashboard ------------------------------------------------------------------------


def _transisi(request: HttpRequest) -> tuple[int, str | None]:
    mentah = request.GET.get("transisi", "").strip()
    if not mentah:
        return 0, None
    if not mentah.isdigit() or not 0 <= int(mentah) <= TRANSISI_MAKS:
        return 0, _(
            "Jeda transisi harus bilangan bulat 0 sampai %(maks)s (bulan); “%(nilai)s” tidak dapat dipakai."
        ) % {"maks": TRANSISI_MAKS, "nilai": mentah[:20]}
    return int(mentah), None


def _versi_data(penataan: Penataan) -> str:
    """Changes whenever a response of the instansi or an edge of its lineage is added or removed."""
    r = Respons.objects.filter(unit__instansi_id=penataan.instansi_id).aggregate(m=Max("pk"), n=Count("pk"))
    g = LinPenataan.objects.filter(penataan__instansi_id=penataan.instansi_id).aggregate(
        m=Max("pk"), n=Count("pk")
    )
    return f"{r['m']}.{r['n']}.{g['m']}.{g['n']}.{penataan.tanggal_efektif.isoformat()}"


@dataclass(frozen=True)
class CakupanPengaduan:
    """Whose complaints the page compares: the windows and, per resulting unit, its id, its
    name as the analysis shows it and its predecessors' ids."""

    jendela: Jendela
    unit: tuple[tuple[int, str, tuple[int, ...]], ...]


def _cakupan_pengaduan(data: DataPenataan, hasil: dict[str, Any] | None) -> CakupanPengaduan:
    nama = {u["id"]: n for n, u in hasil["unit"].items()} if hasil is not None else {}
    return CakupanPengaduan(
        data.jendela,
        tuple(
            (d.unit.pk, nama.get(d.unit.pk, d.unit.nama), tuple(x.pk for x in d.pendahulu)) for d in data.unit
        ),
    )


def _analisis(penataan: Penataan, *, jeda: int) -> dict[str, Any]:
    """{"hasil": analysis dict or None, "galat": message or None, "grafik_nrr": {unit: Grafik},
    "grafik_its": {unit: Grafik}, "pengaduan": CakupanPengaduan or None}, from the cache when
    the data did not change."""
    # "2": the entry's shape; entries of the earlier shape (without "pengaduan") are not read.
    kunci = f"analitik:penataan:2:{penataan.pk}:{jeda}:{get_language()}:{_versi_data(penataan)}"
    simpanan: dict[str, Any] | None = cache.get(kunci)
    if simpanan is not None:
        return simpanan
    data: DataPenataan | None = None
    try:
        data = data_penataan(penataan=penataan, jeda_bulan=jeda)
        hasil = analisis_penataan(data)
    except KesalahanAnalisis as e:
        simpanan = {"hasil": None, "galat": e.pesan, "grafik_nrr": {}, "grafik_its": {}}
    else:
        simpanan = {
            "hasil": hasil,
            "galat": None,
            "grafik_nrr": {
                nama: grafik_nrr(u, kunci=f"nrr-{u['id']}")
                for nama, u in hasil["unit"].items()
                if "alasan" not in u
            },
            "grafik_its": {nama: _grafik_its(nama, isi, hasil) for nama, isi in hasil["its"].items()},
        }
    simpanan["pengaduan"] = None if data is None else _cakupan_pengaduan(data, simpanan["hasil"])
    cache.set(kunci, simpanan, SIMPAN_DETIK)
    return simpanan


def _grafik_its(nama: str, its: dict[str, Any], hasil: dict[str, Any]) -> Grafik | None:
    periode = its["periode"]
    if not periode:
        return None
    # [mulai, sampai): the label names the last month inside the period.
    bulan = [
        (date.fromisoformat(p["mulai"]), date.fromisoformat(p["sampai"]) - timedelta(days=1)) for p in periode
    ]
    label = [f"{date_format(a, 'M Y')}–{date_format(b, 'M Y')}" for a, b in bulan]
    penanda = []
    if 0 < its["indeks_intervensi"] < len(periode):
        penanda.append(Penanda(its["indeks_intervensi"] - 0.5, _("Penataan")))
    return grafik_tren(
        label,
        {nama: [p["nilai_konversi"] for p in periode]},
        kunci=f"its-{hasil['unit'][nama]['id']}",
        penanda=penanda,
        judul=_("Nilai konversi per semester: %(unit)s") % {"unit": nama},
    )


def _koef(k: dict[str, Any], *, t: bool = False) -> dict[str, str]:
    ci, p = (k["ci95_t"], k["p_t"]) if t else (k["ci95"], k["p"])
    return {"koef": fmt.bertanda(k["koef"]), "ci95": fmt.interval(ci), "p": fmt.nilai_p(p)}


def _unit_tampil(nama: str, u: dict[str, Any], simpanan: dict[str, Any]) -> dict[str, Any]:
    """One resulting unit, formatted for the page (cheap: done on every request)."""
    tampil: dict[str, Any] = {"nama": nama, "unit_sebelum": u["unit_sebelum"], "alasan": u.get("alasan")}
    its = simpanan["hasil"]["its"][nama]
    tampil["its"] = {
        "grafik": simpanan["grafik_its"].get(nama),
        "alasan": fmt.teks_alasan(its["alasan"]) if its["alasan"] else None,
        "level": _koef(its["perubahan_level"]),
        "tren": _koef(its["perubahan_tren"]),
    }
    if "alasan" in u:
        return tampil
    tampil["unsur"] = [
        {
            "judul": fmt.judul_unsur(k),
            "sebelum": fmt.angka(x["rata_sebelum"]),
            "sesudah": fmt.angka(x["rata_sesudah"]),
            "selisih": fmt.bertanda(x["selisih"]),
            "ci95": fmt.interval(x["ci95"]),
            "p": fmt.nilai_p(x["welch"]["p"]) if x["welch"]["p"] is not None else fmt.KOSONG,
            "p_holm": fmt.nilai_p(x["p_holm"]) if x["p_holm"] is not None else fmt.KOSONG,
            "cohen_d": fmt.angka(x["cohen_d"]),
            "cliff_delta": fmt.angka(x["cliff_delta"]),
            "kalimat": fmt.kalimat_unsur(u, k),
        }
        for k, x in u["unsur"].items()
        if k in KODE_UNSUR
    ]
    i = u["ikm"]
    tampil["ikm"] = {
        "sebelum": fmt.angka(u["sebelum"]["nilai_konversi"]),
        "sesudah": fmt.angka(u["sesudah"]["nilai_konversi"]),
        "mutu_sebelum": u["sebelum"]["mutu"],
        "mutu_sesudah": u["sesudah"]["mutu"],
        "n_sebelum": fmt.bilangan(u["sebelum"]["n"]),
        "n_sesudah": fmt.bilangan(u["sesudah"]["n"]),
        # The raw counts choose the plural form; the formatted ones are what is shown.
        "jumlah_sebelum": u["sebelum"]["n"],
        "jumlah_sesudah": u["sesudah"]["n"],
        "selisih": fmt.bertanda(i["selisih"]),
        "ci95": fmt.interval(i["ci95"]),
        "bootstrap_ci95": fmt.interval(i["bootstrap_ci95"]),
        "bootstrap_metode": fmt.metode_bootstrap(u.get("bootstrap_metode")),
        "p": fmt.nilai_p(i["welch"]["p"]) if i["welch"]["p"] is not None else fmt.KOSONG,
    }
    tampil["grafik"] = simpanan["grafik_nrr"].get(nama)
    return tampil


def _pengaduan(cakupan: CakupanPengaduan) -> list[dict[str, Any]]:
    """Per resulting unit: the rows of its before/after complaints table, or "kosong" when
    neither side has a complaint or a forum topic. Aggregates only: no complainant is named,
    and rahasia and anonim complaints count like the others (as in the report)."""
    metrik = metrik_pengaduan_penataan(
        jendela=cakupan.jendela, unit={u: asal for u, _n, asal in cakupan.unit}
    )
    tampil = []
    for unit_id, nama, _asal in cakupan.unit:
        sebelum, sesudah = metrik[unit_id]
        kosong = all(m is None or not (m.jumlah or m.jumlah_topik_forum) for m in (sebelum, sesudah))
        tampil.append(
            {
                "nama": nama,
                "kosong": kosong,
                "baris": [] if kosong else metrik_pengaduan_tampil(sebelum=sebelum, sesudah=sesudah),
            }
        )
    return tampil


def dasbor_penataan(request: HttpRequest, penataan_id: int) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    penataan = get_object_or_404(Penataan.objects.select_related("instansi"), pk=penataan_id)
    pastikan_bisa_evaluasi_instansi(request.user, instansi=penataan.instansi)
    jeda, galat_transisi = _transisi(request)
    konteks: dict[str, Any] = {
        "penataan": penataan,
        "instansi": penataan.instansi,
        "transisi": request.GET.get("transisi", "0")[:20] if galat_transisi else jeda,
        "transisi_maks": TRANSISI_MAKS,
        "galat_transisi": galat_transisi,
    }
    if galat_transisi:
        return render(request, "analitik/kelola/dasbor_penataan.html", konteks, status=400)
    simpanan = _analisis(penataan, jeda=jeda)
    hasil = simpanan["hasil"]
    konteks["galat"] = simpanan["galat"]
    cakupan: CakupanPengaduan | None = simpanan["pengaduan"]
    if cakupan is not None:
        j = cakupan.jendela
        konteks.update(
            jendela={"sebelum": [j.sebelum_mulai, j.efektif], "sesudah": [j.sesudah_mulai, j.sesudah_sampai]},
            pengaduan=_pengaduan(cakupan),
        )
    if hasil is not None:
        did = hasil["pembanding"]["did"]
        konteks.update(
            unit=[_unit_tampil(nama, u, simpanan) for nama, u in hasil["unit"].items()],
            pembanding=hasil["pembanding"]["unit"],
            did={
                "alasan": fmt.teks_alasan(did["alasan"]) if did["alasan"] else None,
                "n": fmt.bilangan(did["n"]),
                "klaster": fmt.bilangan(did["klaster"]),
                "rata": {k: fmt.angka(v) for k, v in did["rata"].items()},
                "estimasi": _koef(did["estimasi"], t=True),
            },
            keterangan_efek=fmt.keterangan_efek(),
        )
    return render(request, "analitik/kelola/dasbor_penataan.html", konteks)
