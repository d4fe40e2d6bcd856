"""The charts of Tilik, as SVG text with their data tables: one module for the dashboards and
the PDF reports, so that a figure looks and reads the same everywhere.

Every function returns a Grafik: the SVG (to be put inline in HTML, or into a PDF), its title
and description (also inside the SVG as <title>/<desc>, for screen readers), and the table of
the numbers drawn, which the page shows next to the chart. The functions take the JSON-ready
objects of analitik.keluaran / analitik.penataan (plain mappings), not the ORM.

Output is deterministic: the same input gives the same bytes (a fixed svg.hashsalt per chart,
no date in the metadata, text kept as text with svg.fonttype "none"). Labels are Indonesian
(gettext) and numbers are written by analitik.format, with a decimal comma.

The SVG has no style="" attribute and no <style> element: matplotlib's are rewritten into SVG
presentation attributes (fill="...", ...), so the charts draw under the site's strict
Content-Security-Policy (style-src 'self') on every page; see analitik.svg.

matplotlib is imported inside the functions (Agg, never pyplot's global figure manager), so
importing this module costs nothing for the pages that draw no chart.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from .format import angka, judul_unsur
from .statistik import KUADRAN
from .svg import svg_inline
from .tabel import KODE_UNSUR

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Grafik", "grafik_ipa", "grafik_nrr", "grafik_tren"]

# The site's colours (static/css/tilik.css): primary blue, and a dark orange that stays apart
# from it for colour-blind readers; "before" is also hatched, so print in grey still works.
WARNA_UTAMA = "#0b5570"
WARNA_KEDUA = "#b45309"
WARNA_GARIS = "#6b7280"
WARNA_SERI = ("#0b5570", "#b45309", "#15803d", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a16207")
PENANDA_SERI = ("o", "s", "^", "D", "v", "P", "X", "*")
UKURAN = (7.0, 3.8)  # inches


Nilai = str | float | int | None


@dataclass(frozen=True)
class Grafik:
    """svg: inline SVG text; kolom/baris: the data table (raw values: str, number or None);
    desimal: the decimals of the numbers in the table."""

    kunci: str
    judul: str
    keterangan: str
    svg: str
    kolom: tuple[str, ...]
    baris: tuple[tuple[Nilai, ...], ...]
    desimal: int = 2

    def baris_teks(self) -> list[list[str]]:
        """The table with numbers written for people (decimal comma, en dash for None)."""
        return [[_sel(v, self.desimal) for v in b] for b in self.baris]


def _sel(v: Nilai, desimal: int) -> str:
    if isinstance(v, str):
        return v
    return angka(None if v is None else float(v), desimal)


def _tik(x: float, _pos: Any = None) -> str:
    """Axis ticks with a decimal comma and no needless decimals: 40, 3,5, 3,25."""
    x = float(x)  # matplotlib hands numpy floats
    for d in (0, 1, 2):
        if abs(round(x, d) - x) < 1e-9:
            return angka(x, d)
    return angka(x, 2)


def _gaya() -> dict[str, Any]:
    return {
        "svg.fonttype": "none",  # text stays text: smaller, searchable, read by screen readers
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": WARNA_GARIS,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "grid.color": "#e5e7eb",
        "grid.linewidth": 0.8,
        "axes.axisbelow": True,
        "legend.frameon": False,
    }


def _figur() -> tuple[Figure, Axes]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=UKURAN, layout="constrained")
    return fig, fig.add_subplot()


def _svg(fig: Figure, *, kunci: str, judul: str, keterangan: str) -> str:
    """The figure as inline SVG without style attributes (analitik.svg.svg_inline)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    return svg_inline(buf.getvalue(), kunci=kunci, judul=judul, keterangan=keterangan)


def _gambar(kunci: str, judul: str, keterangan: str, lukis: Any) -> str:
    """Draw with the house style and a salt fixed per chart (ids in the SVG are hashes of it)."""
    import matplotlib

    gaya = _gaya() | {"svg.hashsalt": f"tilik-{kunci}"}
    with matplotlib.rc_context(gaya):  # type: ignore[arg-type]
        fig, ax = _figur()
        lukis(fig, ax)
        return _svg(fig, kunci=kunci, judul=judul, keterangan=keterangan)


def _format_sumbu(ax: Axes, *, x: bool = False) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(_tik))
    if x:
        ax.xaxis.set_major_formatter(FuncFormatter(_tik))


# NRR per unsur, before vs after --------------------------------------------------------------


def grafik_nrr(banding: Mapping[str, Any], *, kunci: str, judul: str | None = None) -> Grafik:
    """Grouped bars of the NRR (1-4) per unsur before and after, from a banding object
    (analitik.keluaran.objek_banding: banding["sebelum"]["unsur"]["U1"]["nrr"], ...).
    Table: unsur, NRR sebelum, NRR sesudah, selisih."""
    judul = judul or _("NRR per unsur sebelum dan sesudah penataan")
    baris: list[tuple[Nilai, ...]] = []
    for kode in KODE_UNSUR:
        a = _nrr(banding, "sebelum", kode)
        b = _nrr(banding, "sesudah", kode)
        baris.append((judul_unsur(kode), a, b, None if a is None or b is None else b - a))
    naik = sum(1 for b in baris if isinstance(b[3], float) and b[3] > 0)
    turun = sum(1 for b in baris if isinstance(b[3], float) and b[3] < 0)
    keterangan = _(
        "Diagram batang berkelompok: nilai rata-rata (NRR, skala 1 sampai 4) tiap unsur U1 sampai U9, "
        "sebelum dan sesudah penataan. %(naik)s unsur naik, %(turun)s unsur turun. Angkanya ada pada tabel "
        "di samping diagram."
    ) % {"naik": naik, "turun": turun}

    def lukis(fig: Figure, ax: Axes) -> None:
        lebar = 0.38
        for geser, kolom, label, warna, arsir in (
            (-lebar / 2, 1, _("Sebelum"), WARNA_KEDUA, "//"),
            (lebar / 2, 2, _("Sesudah"), WARNA_UTAMA, None),
        ):
            xs = [i + geser for i, b in enumerate(baris) if b[kolom] is not None]
            ys = [float(b[kolom]) for b in baris if b[kolom] is not None]  # type: ignore[arg-type]
            ax.bar(xs, ys, lebar, label=label, color=warna, hatch=arsir, edgecolor="white", linewidth=0.5)
        ax.set_xticks(range(len(KODE_UNSUR)), list(KODE_UNSUR))
        ax.set_ylim(1, 4)
        ax.set_ylabel(_("NRR (1–4)"))
        _format_sumbu(ax)
        ax.legend(loc="upper left", ncols=2, bbox_to_anchor=(0, 1.12))

    svg = _gambar(kunci, judul, keterangan, lukis)
    kolom = (_("Unsur"), _("NRR sebelum"), _("NRR sesudah"), _("Selisih"))
    return Grafik(kunci, judul, keterangan, svg, kolom, tuple(baris))


def _nrr(banding: Mapping[str, Any], sisi: str, kode: str) -> float | None:
    u = banding.get(sisi, {}).get("unsur", {}).get(kode)
    if not u or not u.get("n"):
        return None
    return float(u["nrr"])


# Nilai konversi per period -------------------------------------------------------------------


@dataclass(frozen=True)
class Penanda:
    """A vertical line at x (period index; x.5 is between two periods) with a label."""

    x: float
    label: str


def grafik_tren(
    periode: Sequence[str],
    seri: Mapping[str, Sequence[float | None]],
    *,
    kunci: str,
    penanda: Sequence[Penanda] = (),
    judul: str | None = None,
) -> Grafik:
    """Lines of the nilai konversi (25-100) per period, one per series (unit), with the
    penataan dates marked. A None value leaves a gap in its line. Table: period, then one
    column per series."""
    judul = judul or _("Nilai konversi IKM per periode")
    nama = list(seri)
    for n, nilai in seri.items():
        if len(nilai) != len(periode):
            raise ValueError(f"seri {n!r} punya {len(nilai)} nilai untuk {len(periode)} periode")
    baris = tuple((p, *(seri[n][i] for n in nama)) for i, p in enumerate(periode))
    keterangan = _(
        "Diagram garis: nilai konversi IKM (25 sampai 100) per periode untuk %(seri)s, %(n)s periode "
        "dari %(awal)s sampai %(akhir)s."
    ) % {
        "seri": ", ".join(nama) or "–",
        "n": len(periode),
        "awal": periode[0] if periode else "–",
        "akhir": periode[-1] if periode else "–",
    }
    if penanda:
        keterangan += " " + _("Garis putus-putus tegak: %(penanda)s.") % {
            "penanda": "; ".join(p.label for p in penanda)
        }
    keterangan += " " + _("Angkanya ada pada tabel di samping diagram.")

    def lukis(fig: Figure, ax: Axes) -> None:
        semua: list[float] = []
        for i, n in enumerate(nama):
            ys = [float("nan") if v is None else float(v) for v in seri[n]]
            semua += [v for v in seri[n] if v is not None]
            ax.plot(
                range(len(periode)),
                ys,
                label=n,
                color=WARNA_SERI[i % len(WARNA_SERI)],
                marker=PENANDA_SERI[i % len(PENANDA_SERI)],
                markersize=4,
                linewidth=1.6,
            )
        for p in penanda:
            ax.axvline(p.x, color=WARNA_GARIS, linestyle="--", linewidth=1)
            ax.annotate(
                p.label,
                (p.x, 1),
                xycoords=("data", "axes fraction"),
                xytext=(3, -2),
                textcoords="offset points",
                va="top",
                fontsize=8,
                color=WARNA_GARIS,
            )
        ax.set_xticks(range(len(periode)), list(periode), rotation=30 if len(periode) > 4 else 0, ha="right")
        if len(periode) <= 4:
            for t in ax.get_xticklabels():
                t.set_horizontalalignment("center")
        bawah = max(25.0, min(semua) - 5) if semua else 25.0
        atas = min(100.0, max(semua) + 5) if semua else 100.0
        ax.set_ylim(bawah, max(atas, bawah + 10))
        ax.set_xlim(-0.5, max(len(periode) - 0.5, 0.5))
        ax.set_ylabel(_("Nilai konversi"))
        _format_sumbu(ax)
        if nama:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)

    svg = _gambar(kunci, judul, keterangan, lukis)
    return Grafik(kunci, judul, keterangan, svg, (_("Periode"), *nama), baris)


# Importance-performance ----------------------------------------------------------------------


def grafik_ipa(hasil_ipa: Mapping[str, Any], *, kunci: str, judul: str | None = None) -> Grafik:
    """Scatter of the unsur by kinerja (x) and harapan (y), both 1-4, split into the four
    quadrants at the means, from an ipa object (analitik.keluaran.objek_ipa). Table: unsur,
    kinerja, harapan, kesesuaian (%), kuadran."""
    judul = judul or _("Analisis kepentingan–kinerja (IPA)")
    batas_k, batas_h = hasil_ipa.get("rata_kinerja"), hasil_ipa.get("rata_harapan")
    baris: list[tuple[Nilai, ...]] = []
    for kode in KODE_UNSUR:
        u = hasil_ipa.get("unsur", {}).get(kode, {})
        kuadran = u.get("kuadran")
        teks_kuadran = f"{_romawi(kuadran)} {_(KUADRAN[kuadran])}" if kuadran else None
        baris.append(
            (judul_unsur(kode), u.get("kinerja"), u.get("harapan"), u.get("kesesuaian"), teks_kuadran)
        )
    utama = [str(b[0]).split(" ")[0] for b in baris if b[4] and str(b[4]).startswith("I ")]
    keterangan = _(
        "Diagram sebar: tiap unsur menurut kinerja (sumbu mendatar) dan harapan atau kepentingan (sumbu "
        "tegak), skala 1 sampai 4, dibagi empat kuadran pada rata-rata kinerja %(k)s dan rata-rata harapan "
        "%(h)s. Kuadran I (prioritas utama): %(utama)s. Angkanya ada pada tabel di samping diagram."
    ) % {"k": angka(batas_k), "h": angka(batas_h), "utama": ", ".join(utama) or _("tidak ada")}

    def lukis(fig: Figure, ax: Axes) -> None:
        titik = [
            (str(b[0]).split(" ")[0], b[1], b[2]) for b in baris if b[1] is not None and b[2] is not None
        ]
        xs = [float(t[1]) for t in titik]
        ys = [float(t[2]) for t in titik]
        ax.scatter(xs, ys, color=WARNA_UTAMA, s=24, zorder=3)
        for kode, x, y in zip((t[0] for t in titik), xs, ys, strict=True):
            ax.annotate(kode, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=8)
        if batas_k is not None and batas_h is not None:
            ax.axvline(batas_k, color=WARNA_GARIS, linestyle="--", linewidth=1)
            ax.axhline(batas_h, color=WARNA_GARIS, linestyle="--", linewidth=1)
        semua = [*xs, *ys] or [1.0, 4.0]
        bawah, atas = max(1.0, min(semua) - 0.25), min(4.0, max(semua) + 0.25)
        ax.set_xlim(bawah, atas)
        ax.set_ylim(bawah, atas)
        for k, (x, y, ha, va) in {
            1: (0.01, 0.99, "left", "top"),
            2: (0.99, 0.99, "right", "top"),
            3: (0.01, 0.01, "left", "bottom"),
            4: (0.99, 0.01, "right", "bottom"),
        }.items():
            ax.text(
                x, y, f"{_romawi(k)} {_(KUADRAN[k])}", transform=ax.transAxes, ha=ha, va=va,
                fontsize=8, color=WARNA_GARIS,
            )  # fmt: skip
        ax.set_xlabel(_("Kinerja (rata-rata 1–4)"))
        ax.set_ylabel(_("Harapan (rata-rata 1–4)"))
        ax.grid(True, axis="both")
        _format_sumbu(ax, x=True)

    svg = _gambar(kunci, judul, keterangan, lukis)
    kolom = (_("Unsur"), _("Kinerja"), _("Harapan"), _("Kesesuaian (%)"), _("Kuadran"))
    return Grafik(kunci, judul, keterangan, svg, kolom, tuple(baris))


def _romawi(k: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV"}[k]


# Charts of the PDF reports (laporan), usable by the dashboards too -----------------------------
#
# They take the same JSON-ready objects as the charts above (analitik.keluaran,
# analitik.penataan) or plain count mappings, never the ORM.

# Answer values 1..4 from "worst" to "best": orange to blue, also apart in lightness for grey print.
WARNA_NILAI = ("#b45309", "#f2b880", "#9cc3d5", "#0b5570")
# Shading of the quality bands (mutu) on the nilai konversi axis, lightest for A.
WARNA_PITA = {"A": "#eef6f9", "B": "#f6f8f1", "C": "#fdf6ec", "D": "#fbeeee"}
BATAS_PITA = (("D", 25.0, 65.0), ("C", 65.0, 76.61), ("B", 76.61, 88.31), ("A", 88.31, 100.0))
ALFA_GRAFIK = 0.05


def _gambar_ukuran(kunci: str, judul: str, keterangan: str, lukis: Any, ukuran: tuple[float, float]) -> str:
    """_gambar with another figure size (inches)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    gaya = _gaya() | {"svg.hashsalt": f"tilik-{kunci}"}
    with matplotlib.rc_context(gaya):  # type: ignore[arg-type]
        fig = Figure(figsize=ukuran, layout="constrained")
        ax = fig.add_subplot()
        lukis(fig, ax)
        return _svg(fig, kunci=kunci, judul=judul, keterangan=keterangan)


def _format_sumbu_x(ax: Axes) -> None:
    """Decimal commas on the x axis only (the y axis of these charts carries the unsur codes)."""
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(_tik))


def _nilai_p_teks(p: float | None) -> str:
    from .format import nilai_p

    return nilai_p(p)


def bilangan(n: int) -> str:
    from .format import bilangan as _bilangan

    return _bilangan(n)


def grafik_selisih(banding: Mapping[str, Any], *, kunci: str, judul: str | None = None) -> Grafik:
    """The change of every unsur (sesudah minus sebelum, 1-4 scale) with its 95% Welch
    interval, from a banding object (analitik.keluaran.objek_banding). Filled markers: the
    change is significant after Holm's correction (p < 0,05); hollow: it is not. Table:
    unsur, selisih, lower and upper bound of the interval, p Holm."""
    judul = judul or _("Perubahan rata-rata per unsur dengan interval kepercayaan 95%")
    baris: list[tuple[Nilai, ...]] = []
    for kode in KODE_UNSUR:
        u = banding.get("unsur", {}).get(kode) or {}
        ci = u.get("ci95") or [None, None]
        p = u.get("p_holm")
        baris.append((judul_unsur(kode), u.get("selisih"), ci[0], ci[1], _nilai_p_teks(p)))
    bermakna = [
        str(b[0]).split(" ")[0]
        for b, kode in zip(baris, KODE_UNSUR, strict=True)
        if _p_holm(banding, kode) is not None and _p_holm(banding, kode) < ALFA_GRAFIK  # type: ignore[operator]
    ]
    keterangan = _(
        "Diagram titik: selisih rata-rata tiap unsur (sesudah dikurangi sebelum, skala 1 sampai 4) dengan "
        "garis interval kepercayaan 95%%. Titik penuh menandai perubahan yang bermakna setelah koreksi Holm: "
        "%(bermakna)s. Titik di kanan garis nol berarti naik. Angkanya ada pada tabel data."
    ) % {"bermakna": ", ".join(bermakna) or _("tidak ada")}

    def lukis(fig: Figure, ax: Axes) -> None:
        semua: list[float] = [0.0]
        for i, (b, kode) in enumerate(zip(baris, KODE_UNSUR, strict=True)):
            y = len(KODE_UNSUR) - 1 - i
            selisih, bawah, atas = b[1], b[2], b[3]
            if selisih is None:
                continue
            warna = WARNA_UTAMA if float(selisih) >= 0 else WARNA_KEDUA
            if bawah is not None and atas is not None:
                ax.plot([float(bawah), float(atas)], [y, y], color=warna, linewidth=1.6)
                semua += [float(bawah), float(atas)]
            p = _p_holm(banding, kode)
            penuh = p is not None and p < ALFA_GRAFIK
            ax.plot(
                [float(selisih)], [y], marker="o", markersize=6, color=warna,
                markerfacecolor=warna if penuh else "white", markeredgewidth=1.4, linestyle="none",
            )  # fmt: skip
            semua.append(float(selisih))
        ax.axvline(0, color=WARNA_GARIS, linewidth=1)
        ax.set_yticks(range(len(KODE_UNSUR)), list(reversed(KODE_UNSUR)))
        lebar = max(abs(min(semua)), abs(max(semua)), 0.1) * 1.15
        ax.set_xlim(-lebar, lebar)
        ax.set_ylim(-0.6, len(KODE_UNSUR) - 0.4)
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        ax.set_xlabel(_("Selisih rata-rata (sesudah − sebelum)"))
        _format_sumbu_x(ax)
        from matplotlib.lines import Line2D

        ax.legend(
            handles=[
                Line2D([], [], marker="o", color=WARNA_GARIS, markerfacecolor=WARNA_GARIS, linestyle="none",
                       label=_("bermakna (Holm)")),
                Line2D([], [], marker="o", color=WARNA_GARIS, markerfacecolor="white", linestyle="none",
                       label=_("tidak bermakna")),
            ],
            loc="upper left", bbox_to_anchor=(0, 1.13), ncols=2,
        )  # fmt: skip

    svg = _gambar(kunci, judul, keterangan, lukis)
    kolom = (_("Unsur"), _("Selisih"), _("IK 95% bawah"), _("IK 95% atas"), _("p Holm"))
    return Grafik(kunci, judul, keterangan, svg, kolom, tuple(baris))


def _p_holm(banding: Mapping[str, Any], kode: str) -> float | None:
    p = (banding.get("unsur", {}).get(kode) or {}).get("p_holm")
    return None if p is None else float(p)


def grafik_distribusi(
    kelompok: Mapping[str, Mapping[str, Sequence[int]]],
    *,
    kunci: str,
    judul: str | None = None,
) -> Grafik:
    """100% stacked bars of the answers 1..4 of every unsur, one bar per group (e.g.
    {"Sebelum": tabel.unsur, "Sesudah": tabel.unsur}: per unsur code the counts of the values
    1, 2, 3, 4). Table: unsur, group, the share of each value (%) and n."""
    judul = judul or _("Sebaran jawaban per unsur")
    nama = list(kelompok)
    baris: list[tuple[Nilai, ...]] = []
    for kode in KODE_UNSUR:
        for k in nama:
            hitung = [int(c) for c in (kelompok[k].get(kode) or (0, 0, 0, 0))]
            n = sum(hitung)
            persen: list[Nilai] = [100 * c / n if n else None for c in hitung]
            baris.append((judul_unsur(kode), k, *persen, bilangan(n)))
    keterangan = _(
        "Diagram batang bertumpuk 100%%: bagian jawaban bernilai 1 (terburuk) sampai 4 (terbaik) untuk tiap "
        "unsur U1 sampai U9%(kelompok)s. Angkanya (persen dan jumlah jawaban) ada pada tabel data."
    ) % {"kelompok": (", " + _("untuk %(nama)s") % {"nama": ", ".join(nama)}) if len(nama) > 1 else ""}

    def lukis(fig: Figure, ax: Axes) -> None:
        tinggi = 0.8 / max(len(nama), 1)
        label_y: list[float] = []
        teks_y: list[str] = []
        # One barh call per answer value (all unsur and groups at once): far fewer artists to
        # lay out than one call per bar.
        ys: list[float] = []
        persen: list[list[float]] = []
        for i, kode in enumerate(KODE_UNSUR):
            pusat = len(KODE_UNSUR) - 1 - i
            for j, k in enumerate(nama):
                y = pusat + 0.4 - tinggi * (j + 0.5)
                hitung = [int(c) for c in (kelompok[k].get(kode) or (0, 0, 0, 0))]
                n = sum(hitung)
                ys.append(y)
                persen.append([100 * c / n if n else 0.0 for c in hitung])
                if len(nama) > 1:
                    label_y.append(y)
                    teks_y.append(f"{kode} · {k}")
            if len(nama) == 1:
                label_y.append(pusat)
                teks_y.append(kode)
        kiri = [0.0] * len(ys)
        for v in range(4):
            lebar = [p[v] for p in persen]
            ax.barh(
                ys, lebar, tinggi * 0.92, left=kiri, color=WARNA_NILAI[v], edgecolor="white", linewidth=0.4,
                label=_("Nilai %(v)s") % {"v": v + 1},
            )  # fmt: skip
            kiri = [a + b for a, b in zip(kiri, lebar, strict=True)]
        ax.set_yticks(label_y, teks_y, fontsize=7 if len(nama) > 1 else 9)
        ax.set_xlim(0, 100)
        ax.set_ylim(-0.6, len(KODE_UNSUR) - 0.4)
        ax.set_xlabel(_("Persen jawaban"))
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        _format_sumbu_x(ax)
        ax.legend(loc="upper left", bbox_to_anchor=(0, 1.08), ncols=4)

    tinggi_gambar = 3.8 if len(nama) <= 1 else min(9.0, 2.2 + 1.0 * len(nama) * 2.2)
    svg = _gambar_ukuran(kunci, judul, keterangan, lukis, (7.0, tinggi_gambar))
    kolom = (
        _("Unsur"),
        _("Kelompok"),
        *(_("Nilai %(v)s (%%)") % {"v": v} for v in (1, 2, 3, 4)),
        _("Jumlah jawaban"),
    )
    return Grafik(kunci, judul, keterangan, svg, kolom, tuple(baris), desimal=1)


def grafik_ikm_periode(
    its: Mapping[str, Any],
    label_periode: Sequence[str],
    *,
    kunci: str,
    label_penanda: str | None = None,
    judul: str | None = None,
) -> Grafik:
    """The nilai konversi of consecutive periods around a penataan, from an its object of
    analitik.penataan ({"periode": [{"mulai", "sampai", "n", "nilai_konversi"}, ...],
    "indeks_intervensi", "koefisien", "alasan"}), over the shaded quality bands (mutu A-D),
    with the penataan marked between the last period before and the first after it and, when
    the interrupted time series could be fitted, its two regression segments. Table: period,
    nilai konversi, mutu band, respondents."""
    judul = judul or _("Nilai konversi IKM per periode")
    periode = list(its.get("periode") or [])
    if len(label_periode) != len(periode):
        raise ValueError(f"{len(label_periode)} label untuk {len(periode)} periode")
    indeks = int(its.get("indeks_intervensi") or 0)
    nilai = [None if p.get("nilai_konversi") is None else float(p["nilai_konversi"]) for p in periode]
    baris = tuple(
        (label, v, _pita(v), bilangan(int(p.get("n") or 0)))
        for label, v, p in zip(label_periode, nilai, periode, strict=True)
    )
    koef = its.get("koefisien") or {}
    ada_garis = its.get("alasan") is None and all(
        (koef.get(k) or {}).get("koef") is not None
        for k in ("konstanta", "tren", "perubahan_level", "perubahan_tren")
    )
    keterangan = _(
        "Diagram garis: nilai konversi IKM (25 sampai 100) pada %(n)s periode berurutan, %(sebelum)s sebelum "
        "dan %(sesudah)s sesudah penataan (garis putus-putus tegak), di atas pita mutu A sampai D."
    ) % {"n": len(periode), "sebelum": indeks, "sesudah": len(periode) - indeks}
    if ada_garis:
        keterangan += " " + _("Garis tipis: regresi tersegmentasi deret waktu terputus (ITS) tiap sisi.")
    keterangan += " " + _("Angkanya ada pada tabel data.")

    def lukis(fig: Figure, ax: Axes) -> None:
        ada = [v for v in nilai if v is not None]
        bawah = max(25.0, min(ada) - 6) if ada else 25.0
        atas = min(100.0, max(ada) + 6) if ada else 100.0
        atas = max(atas, bawah + 10)
        for mutu, a, b in BATAS_PITA:
            if b > bawah and a < atas:
                ax.axhspan(max(a, bawah), min(b, atas), color=WARNA_PITA[mutu], zorder=0, linewidth=0)
                ax.text(
                    1.005, (max(a, bawah) + min(b, atas)) / 2, _("mutu %(m)s") % {"m": mutu},
                    transform=ax.get_yaxis_transform(), va="center", ha="left", fontsize=7, color=WARNA_GARIS,
                )  # fmt: skip
        xs = list(range(len(periode)))
        ys = [float("nan") if v is None else v for v in nilai]
        ax.plot(xs, ys, color=WARNA_UTAMA, marker="o", markersize=4, linewidth=1.4, zorder=3)
        if ada_garis:
            b0, b1 = koef["konstanta"]["koef"], koef["tren"]["koef"]
            b2, b3 = koef["perubahan_level"]["koef"], koef["perubahan_tren"]["koef"]
            sebelum = [t for t in xs if t < indeks]
            sesudah = [t for t in xs if t >= indeks]
            ax.plot(sebelum, [b0 + b1 * t for t in sebelum], color=WARNA_KEDUA, linewidth=1, linestyle="-")
            ax.plot(
                sesudah,
                [b0 + b1 * t + b2 + b3 * (t - indeks) for t in sesudah],
                color=WARNA_KEDUA,
                linewidth=1,
            )
        if 0 < indeks < len(periode):
            ax.axvline(indeks - 0.5, color=WARNA_GARIS, linestyle="--", linewidth=1)
            ax.annotate(
                label_penanda or _("Penataan"), (indeks - 0.5, 1), xycoords=("data", "axes fraction"),
                xytext=(3, -2), textcoords="offset points", va="top", fontsize=8, color=WARNA_GARIS,
            )  # fmt: skip
        ax.set_xticks(
            xs,
            list(label_periode),
            rotation=30 if len(xs) > 4 else 0,
            ha="right" if len(xs) > 4 else "center",
        )
        ax.set_xlim(-0.5, max(len(xs) - 0.5, 0.5))
        ax.set_ylim(bawah, atas)
        ax.set_ylabel(_("Nilai konversi"))
        _format_sumbu(ax)

    svg = _gambar(kunci, judul, keterangan, lukis)
    kolom = (_("Periode"), _("Nilai konversi"), _("Mutu"), _("Responden"))
    return Grafik(kunci, judul, keterangan, svg, kolom, baris)


def _pita(nilai_konversi: float | None) -> str | None:
    if nilai_konversi is None:
        return None
    from .statistik import mutu_pelayanan

    return mutu_pelayanan(nilai_konversi)[0]


def grafik_did(did: Mapping[str, Any], *, kunci: str, judul: str | None = None) -> Grafik:
    """Difference-in-differences from a did object (analitik.keluaran.objek_did): the mean
    score (0-100) of the restructured and the comparison units before and after, and the
    path the restructured units would have taken with the comparison units' change (dashed,
    the counterfactual); the gap at "after" is the estimate. Table: group, sebelum, sesudah,
    perubahan."""
    judul = judul or _("Selisih-dalam-selisih: unit ditata dibanding unit pembanding")
    rata = did.get("rata") or {}
    ds, dt = rata.get("diobati_sebelum"), rata.get("diobati_sesudah")
    ps, pt = rata.get("pembanding_sebelum"), rata.get("pembanding_sesudah")

    def beda(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else float(b) - float(a)

    kontra = None if ds is None or beda(ps, pt) is None else float(ds) + beda(ps, pt)  # type: ignore[operator]
    baris: tuple[tuple[Nilai, ...], ...] = (
        (_("Unit ditata"), ds, dt, beda(ds, dt)),
        (_("Unit pembanding"), ps, pt, beda(ps, pt)),
        (_("Unit ditata bila berubah seperti pembanding"), ds, kontra, beda(ds, kontra)),
    )
    estimasi = (did.get("estimasi") or {}).get("koef")
    keterangan = _(
        "Diagram garis dua titik waktu: rata-rata skor (0 sampai 100) unit yang ditata dan unit pembanding "
        "sebelum dan sesudah penataan. Garis putus-putus: jalur unit ditata seandainya berubah seperti unit "
        "pembanding. Jarak pada titik sesudah adalah estimasi selisih-dalam-selisih: %(est)s poin. Angkanya "
        "ada pada tabel data."
    ) % {"est": angka(estimasi)}

    def lukis(fig: Figure, ax: Axes) -> None:
        semua = [float(v) for v in (ds, dt, ps, pt, kontra) if v is not None]
        for label, a, b, warna, penanda, gaya in (
            (_("Unit ditata"), ds, dt, WARNA_UTAMA, "o", "-"),
            (_("Unit pembanding"), ps, pt, WARNA_KEDUA, "s", "-"),
            (_("Kontrafaktual"), ds, kontra, WARNA_UTAMA, None, "--"),
        ):
            if a is None or b is None:
                continue
            ax.plot([0, 1], [float(a), float(b)], color=warna, marker=penanda, linestyle=gaya, linewidth=1.6,
                    markersize=5, label=label)  # fmt: skip
        if dt is not None and kontra is not None:
            ax.annotate(
                "", xy=(1.04, float(dt)), xytext=(1.04, kontra),
                arrowprops={"arrowstyle": "<->", "color": WARNA_GARIS, "linewidth": 1},
            )  # fmt: skip
            ax.text(
                1.07,
                (float(dt) + kontra) / 2,
                _("DiD %(n)s") % {"n": angka(estimasi)},
                va="center",
                fontsize=8,
            )
        ax.set_xticks([0, 1], [_("Sebelum"), _("Sesudah")])
        ax.set_xlim(-0.3, 1.45)
        if semua:
            ax.set_ylim(max(0.0, min(semua) - 4), min(100.0, max(semua) + 4))
        ax.set_ylabel(_("Rata-rata skor (0–100)"))
        _format_sumbu(ax)
        ax.legend(loc="upper left", bbox_to_anchor=(0, 1.13), ncols=3)

    svg = _gambar(kunci, judul, keterangan, lukis)
    kolom = (_("Kelompok"), _("Sebelum"), _("Sesudah"), _("Perubahan"))
    return Grafik(kunci, judul, keterangan, svg, kolom, baris)


__all__ += ["grafik_did", "grafik_distribusi", "grafik_ikm_periode", "grafik_selisih"]
