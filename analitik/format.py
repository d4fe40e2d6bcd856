"""Numbers and sentences for people, in Indonesian, at the edge (reports, commands, pages).

Everything inside analitik stays unrounded; this module rounds half-up (like the regulation's
tables and analitik.statistik.bulatkan, never banker's rounding) and writes a decimal comma and
a thousands point: 78,74; 1.234; 12,5%. A missing value is shown as an en dash.

The plain-language reading of a comparison (kalimat_unsur) works on the banding JSON object
alone, so a dashboard that only holds the JSON says the same as the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from survei.skm import UNSUR_PER_KODE

from .statistik import dasar

KOSONG = "–"
# The grades' performance words come from analitik.statistik.ikm (pure, no Django) and are
# translated on display with gettext(variable); listed here so that the catalogue has them.
KINERJA = (
    gettext_noop("Sangat Baik"),
    gettext_noop("Baik"),
    gettext_noop("Kurang Baik"),
    gettext_noop("Tidak Baik"),
)
ALFA = 0.05
# Cohen (1988): |d| below 0,2 negligible, from 0,2 small, from 0,5 medium, from 0,8 large.
BATAS_EFEK = (0.2, 0.5, 0.8)


def _desimal(x: float | int | Decimal, desimal: int) -> Decimal:
    d = x if isinstance(x, Decimal) else Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
    return d.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


def angka(x: float | int | Decimal | None, desimal: int = 2) -> str:
    """78.7412 -> "78,74"; 1234.5 -> "1.234,50"; None -> "–"."""
    if x is None:
        return KOSONG
    teks = f"{_desimal(x, desimal):,.{desimal}f}" if desimal else f"{_desimal(x, 0):,.0f}"
    if not (get_language() or "id").startswith("en"):
        # Indonesian: decimal comma, thousands point (78,74; 1.234,50).
        teks = teks.replace(",", "_").replace(".", ",").replace("_", ".")
    return "0" + teks[2:] if teks.startswith("-0") and set(teks[1:]) <= set("0,.") else teks


def bilangan(n: int | None) -> str:
    """A count: 12345 -> "12.345"."""
    return angka(n, 0)


def persen(x: float | None, desimal: int = 2) -> str:
    """A percentage already on the 0-100 scale: 78.744 -> "78,74%"."""
    return KOSONG if x is None else f"{angka(x, desimal)}%"


def bertanda(x: float | None, desimal: int = 2) -> str:
    """A difference with its sign: "+0,31", "-1,20", "0,00"."""
    if x is None:
        return KOSONG
    teks = angka(x, desimal)
    return teks if teks.startswith("-") or set(teks) <= set("0,.") else "+" + teks


def nilai_p(p: float | None) -> str:
    """ "p = 0,002", "p < 0,001", "p > 0,999" (three decimals, half-up)."""
    if p is None:
        return "p " + KOSONG
    if p < 0.001:
        return "p < 0,001"
    if 0.999 < p < 1:
        return "p > 0,999"
    return f"p = {angka(p, 3)}"


def interval(ci: Any, desimal: int = 2) -> str:
    if not ci or ci[0] is None or ci[1] is None:
        return KOSONG
    return _("%(bawah)s sampai %(atas)s") % {"bawah": angka(ci[0], desimal), "atas": angka(ci[1], desimal)}


def judul_unsur(kode: str) -> str:
    u = UNSUR_PER_KODE.get(kode)
    return f"{kode} {_(u.judul)}" if u else kode


def kata_efek(d: float | None) -> str:
    if d is None:
        return _("ukuran efek tidak dapat dihitung")
    besar = abs(d)
    if besar < BATAS_EFEK[0]:
        return _("efek dapat diabaikan")
    if besar < BATAS_EFEK[1]:
        return _("efek kecil")
    if besar < BATAS_EFEK[2]:
        return _("efek sedang")
    return _("efek besar")


def keterangan_efek() -> str:
    return _(
        "Besar efek menurut d Cohen (selisih rata-rata dibagi simpangan baku gabungan), dengan batas "
        "Cohen (1988): |d| < 0,2 dapat diabaikan; 0,2 sampai < 0,5 kecil; 0,5 sampai < 0,8 sedang; "
        "0,8 atau lebih besar."
    )


def metode_bootstrap(metode: str | None) -> str:
    """How the bootstrap interval was resampled (analitik.statistik.bootstrap)."""
    if metode == "normal":
        return _("pendekatan normal atas pengambilan ulang")
    if metode == "multinomial":
        return _("pengambilan ulang tepat")
    return ""


def teks_alasan(kode: str | None) -> str:
    """The sentence for a reason code of analitik.statistik.dasar."""
    teks = {
        dasar.KELOMPOK_KOSONG: _("salah satu kelompok tidak memiliki jawaban"),
        dasar.N_KURANG: _("salah satu kelompok memiliki kurang dari dua jawaban"),
        dasar.TANPA_VARIASI: _("semua jawaban dalam setiap kelompok sama, sehingga tidak ada variasi"),
        dasar.SEMUA_SAMA: _("semua jawaban kedua kelompok bernilai sama"),
        dasar.POLA_KOSONG: _("pola jawaban per responden tidak tersedia"),
        dasar.BOOTSTRAP_GAGAL: _("unsur terlalu jarang dijawab untuk diambil ulang (bootstrap)"),
        dasar.KLASTER_KURANG: _("diperlukan paling sedikit dua unit layanan"),
        dasar.SEL_KOSONG: _(
            "salah satu kelompok (diobati/pembanding, sebelum/sesudah) tidak memiliki responden"
        ),
        dasar.TIDAK_CUKUP_PERIODE: _(
            "tidak cukup periode: perlu paling sedikit tiga periode sebelum dan tiga sesudah"
        ),
        dasar.SISA_NOL: _(
            "garis regresi tepat melalui semua titik, sehingga galat baku tidak dapat dihitung"
        ),
        dasar.TANPA_HARAPAN: _("tidak ada jawaban harapan (kepentingan)"),
        dasar.UNSUR_KOSONG: _("unsur ini tidak dijawab siapa pun"),
        dasar.TOTAL_TANPA_VARIASI: _("skor total responden yang lengkap tidak bervariasi"),
    }
    return teks.get(kode or "", _("tidak dapat dihitung"))


def alasan_unsur(banding: Mapping[str, Any], kode: str) -> str | None:
    """Why the Welch test of an unsur is missing, read from the banding object itself (the
    per-unsur n of both ikm objects and the means)."""
    u = banding["unsur"][kode]
    if u["welch"]["p"] is not None:
        return None
    n = [banding[periode]["unsur"][kode]["n"] for periode in ("sebelum", "sesudah")]
    if min(n) == 0:
        return dasar.KELOMPOK_KOSONG
    if min(n) < 2:
        return dasar.N_KURANG
    return dasar.TANPA_VARIASI


def kalimat_unsur(banding: Mapping[str, Any], kode: str) -> str:
    """ "U3 Waktu Penyelesaian naik 0,31 poin (3,10 menjadi 3,41); bermakna setelah koreksi
    Holm (p = 0,002); efek kecil"."""
    u = banding["unsur"][kode]
    judul = judul_unsur(kode)
    if u["selisih"] is None:
        return _("%(unsur)s: tidak dapat dibandingkan (%(alasan)s)") % {
            "unsur": judul,
            "alasan": teks_alasan(dasar.KELOMPOK_KOSONG),
        }
    selisih = u["selisih"]
    besar = angka(abs(selisih))
    if selisih == 0:
        arah = _("tidak berubah")
    elif besar == "0,00":
        arah = _("naik kurang dari 0,01 poin") if selisih > 0 else _("turun kurang dari 0,01 poin")
    else:
        arah = (_("naik %(n)s poin") if selisih > 0 else _("turun %(n)s poin")) % {"n": besar}
    bagian = [
        _("%(unsur)s %(arah)s (%(dari)s menjadi %(ke)s)")
        % {"unsur": judul, "arah": arah, "dari": angka(u["rata_sebelum"]), "ke": angka(u["rata_sesudah"])}
    ]
    p = u["p_holm"]
    if p is None:
        bagian.append(
            _("uji Welch tidak dapat dihitung: %(alasan)s")
            % {"alasan": teks_alasan(alasan_unsur(banding, kode))}
        )
    elif p < ALFA:
        bagian.append(_("bermakna setelah koreksi Holm (%(p)s)") % {"p": nilai_p(p)})
    else:
        bagian.append(_("tidak bermakna setelah koreksi Holm (%(p)s)") % {"p": nilai_p(p)})
    bagian.append(kata_efek(u["cohen_d"]))
    return "; ".join(bagian)
