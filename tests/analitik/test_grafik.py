"""The chart module (analitik.grafik): valid, accessible, deterministic SVG whose data table is
exactly the input, with Indonesian number formatting, and no inline style a strict
Content-Security-Policy would block."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.utils import translation

from analitik import svg as modul_svg
from analitik.format import judul_unsur
from analitik.grafik import WARNA_UTAMA, Grafik, Penanda, grafik_ipa, grafik_nrr, grafik_tren
from analitik.tabel import KODE_UNSUR

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _indonesia() -> Any:
    with translation.override("id"):
        yield


def banding() -> dict[str, Any]:
    return {
        "sebelum": {"unsur": {k: {"n": 40, "nrr": 3.0 + i / 20} for i, k in enumerate(KODE_UNSUR)}},
        "sesudah": {"unsur": {k: {"n": 40, "nrr": 3.31 - i / 40} for i, k in enumerate(KODE_UNSUR)}},
    }


def objek_ipa() -> dict[str, Any]:
    return {
        "unsur": {
            "U1": {"kinerja": 2.75, "harapan": 3.5, "kesesuaian": 78.57142857, "kuadran": 1},
            "U2": {"kinerja": 3.4, "harapan": 3.6, "kesesuaian": 94.4444, "kuadran": 2},
            "U3": {"kinerja": 2.9, "harapan": 3.0, "kesesuaian": 96.6667, "kuadran": 3},
            **{
                k: {"kinerja": None, "harapan": None, "kesesuaian": None, "kuadran": None}
                for k in KODE_UNSUR[3:]
            },
        },
        "rata_kinerja": 3.0166667,
        "rata_harapan": 3.3666667,
        "kesesuaian": 89.6,
        "alasan": None,
    }


def semua_grafik() -> list[Grafik]:
    return [
        grafik_nrr(banding(), kunci="nrr"),
        grafik_tren(
            ["Semester I 2024", "Semester II 2024", "Semester I 2025"],
            {"Unit A": [70.5, None, 80.25], "Unit B": [60.0, 65.125, 70.0]},
            kunci="tren",
            penanda=[Penanda(1.5, "Penataan 1 Jan 2025")],
        ),
        grafik_ipa(objek_ipa(), kunci="ipa"),
    ]


def teks_svg(g: Grafik) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(g.svg).iter(f"{SVG}text")]


def test_every_chart_is_valid_svg_with_its_title_and_description() -> None:
    for g in semua_grafik():
        akar = ET.fromstring(g.svg)
        assert akar.tag == f"{SVG}svg"
        assert akar.get("role") == "img"
        assert akar.get("aria-labelledby") == f"grafik-{g.kunci}-judul grafik-{g.kunci}-ket"
        assert akar.find(f"{SVG}title").text == g.judul  # type: ignore[union-attr]
        assert akar.find(f"{SVG}desc").text == g.keterangan  # type: ignore[union-attr]
        assert not g.svg.startswith("<?xml") and "<!DOCTYPE" not in g.svg  # embeddable inline


def test_the_same_input_gives_the_same_bytes_without_a_date() -> None:
    pertama = [g.svg.encode() for g in semua_grafik()]
    kedua = [g.svg.encode() for g in semua_grafik()]
    assert pertama == kedua
    for svg in pertama:
        assert b"<dc:date>" not in svg


def test_charts_on_one_page_have_distinct_ids() -> None:
    a = grafik_nrr(banding(), kunci="satu")
    b = grafik_nrr(banding(), kunci="dua")
    ids_a = {e.get("id") for e in ET.fromstring(a.svg).iter() if e.get("id")}
    ids_b = {e.get("id") for e in ET.fromstring(b.svg).iter() if e.get("id")}
    assert ids_a and not ids_a & ids_b
    for g in (a, b):
        rujukan = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', g.svg))
        assert rujukan and rujukan <= {e.get("id") for e in ET.fromstring(g.svg).iter()}


def test_the_nrr_table_is_the_input_per_unsur() -> None:
    b = banding()
    g = grafik_nrr(b, kunci="nrr")
    assert [r[0] for r in g.baris] == [judul_unsur(k) for k in KODE_UNSUR]
    for kode, (_judul, sebelum, sesudah, selisih) in zip(KODE_UNSUR, g.baris, strict=True):
        assert sebelum == b["sebelum"]["unsur"][kode]["nrr"]
        assert sesudah == b["sesudah"]["unsur"][kode]["nrr"]
        assert selisih == pytest.approx(sesudah - sebelum)  # type: ignore[operator]
    assert g.baris_teks()[0] == ["U1 Persyaratan", "3,00", "3,31", "0,31"]
    # Two groups of nine bars.
    assert "Sebelum" in teks_svg(g) and "Sesudah" in teks_svg(g)


def test_an_unsur_without_answers_has_no_bar_and_a_dash_in_the_table() -> None:
    b = banding()
    b["sesudah"]["unsur"]["U9"] = {"n": 0, "nrr": 0.0}
    g = grafik_nrr(b, kunci="nrr")
    assert g.baris[-1][2] is None and g.baris[-1][3] is None
    assert g.baris_teks()[-1][2:] == ["–", "–"]


def test_the_trend_table_is_the_input_per_period_and_the_penataan_is_marked() -> None:
    g = semua_grafik()[1]
    assert g.kolom[1:] == ("Unit A", "Unit B")
    assert g.baris == (
        ("Semester I 2024", 70.5, 60.0),
        ("Semester II 2024", None, 65.125),
        ("Semester I 2025", 80.25, 70.0),
    )
    assert g.baris_teks()[1] == ["Semester II 2024", "–", "65,13"]
    assert "Penataan 1 Jan 2025" in teks_svg(g)
    assert "Penataan 1 Jan 2025" in g.keterangan


def test_a_series_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="Unit A"):
        grafik_tren(["S1", "S2"], {"Unit A": [70.0]}, kunci="x")


def test_the_ipa_table_gives_kinerja_harapan_and_the_quadrant() -> None:
    g = grafik_ipa(objek_ipa(), kunci="ipa")
    assert g.baris[0] == ("U1 Persyaratan", 2.75, 3.5, 78.57142857, "I Prioritas utama")
    assert g.baris[3][1:] == (None, None, None, None)
    assert g.baris_teks()[0] == ["U1 Persyaratan", "2,75", "3,50", "78,57", "I Prioritas utama"]
    teks = teks_svg(g)
    assert {"U1", "U2", "U3"} <= set(teks) and "U4" not in teks
    assert "Kuadran I (prioritas utama): U1" in g.keterangan


def test_axis_ticks_have_a_decimal_comma_in_indonesian_and_a_point_in_english() -> None:
    assert "1,5" in teks_svg(grafik_nrr(banding(), kunci="nrr"))
    with translation.override("en"):
        teks = teks_svg(grafik_nrr(banding(), kunci="nrr"))
    assert "1.5" in teks and "1,5" not in teks


def test_text_in_a_label_is_escaped() -> None:
    g = grafik_tren(["S1"], {"Unit <A> & B": [70.0]}, kunci="x", judul="IKM <b>")
    akar = ET.fromstring(g.svg)
    assert akar.find(f"{SVG}title").text == "IKM <b>"  # type: ignore[union-attr]
    assert "Unit <A> & B" in teks_svg(g)


# No inline styles: the charts draw under the site's CSP (style-src 'self') ----------------------


def semua_jenis() -> list[Grafik]:
    """Every kind of chart: the dashboards' and the reports'."""
    from tests.laporan.test_grafik_laporan import semua

    return [*semua_grafik(), *semua()]


def test_no_chart_has_a_style_attribute_or_a_style_element() -> None:
    for g in semua_jenis():
        akar = ET.fromstring(g.svg)
        assert [e.tag for e in akar.iter() if "style" in e.attrib] == [], g.kunci
        assert akar.find(f".//{SVG}style") is None, g.kunci
        # matplotlib's one rule, *{stroke-linejoin: round; stroke-linecap: butt}, inherited.
        assert (akar.get("stroke-linejoin"), akar.get("stroke-linecap")) == ("round", "butt")
        assert "<style" not in g.svg and "style=" not in g.svg
        # Written as HTML's parser understands inline SVG, not with ElementTree's ns0: prefixes.
        assert g.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "ns0:" not in g.svg


def test_a_bar_keeps_its_fill_and_stroke_as_attributes() -> None:
    g = grafik_nrr(banding(), kunci="nrr")
    akar = ET.fromstring(g.svg)
    ids = {e.get("id") for e in akar.iter()}
    # The nine "sesudah" bars (plus the legend's swatch) in the primary colour, white edges.
    sesudah = [p for p in akar.iter(f"{SVG}path") if p.get("fill") == WARNA_UTAMA]
    assert len(sesudah) == 10
    assert all((p.get("stroke"), p.get("stroke-width")) == ("#ffffff", "0.5") for p in sesudah)
    assert all(p.get("stroke-linejoin") == "miter" for p in sesudah)
    # The hatched "sebelum" bars fill with a pattern whose lines keep their colour too.
    sebelum = [p for p in akar.iter(f"{SVG}path") if (p.get("fill") or "").startswith("url(#")]
    assert len(sebelum) == 10
    pola = sebelum[0].get("fill")[len("url(#") : -1]  # type: ignore[index]
    assert pola.startswith("grafik-nrr-") and pola in ids
    garis = akar.find(f".//{SVG}pattern[@id='{pola}']/{SVG}path")
    assert garis is not None and (garis.get("fill"), garis.get("stroke")) == ("#ffffff", "#ffffff")
    # Text keeps its font and anchor; references to marks keep the xlink: name HTML needs.
    teks = next(t for t in akar.iter(f"{SVG}text") if t.text == "U1")
    assert (teks.get("font-size"), teks.get("font-family"), teks.get("text-anchor")) == (
        "9px",
        "'DejaVu Sans'",
        "middle",
    )
    assert 'xlink:href="#grafik-nrr-' in g.svg


def tanpa_gaya(isi: str) -> ET.Element:
    akar = ET.fromstring(f'<svg xmlns="http://www.w3.org/2000/svg">{isi}</svg>')
    modul_svg.tanpa_gaya(akar)
    return akar


def test_style_declarations_become_the_same_attributes_and_win_over_old_ones() -> None:
    akar = tanpa_gaya(
        """<path id="p" fill="#000000" style="fill: #0b5570; fill-opacity: 0.5;
        stroke-dasharray: 3.7,1.6; stroke-dashoffset: 0; opacity: 0.8"/>
        <text id="t" style="font-size: 9px; font-family: 'A;B', sans-serif; font-weight: 700;
        font-style: italic; text-anchor: end">x</text>"""
    )
    p, t = akar.find(f"{SVG}path"), akar.find(f"{SVG}text")
    assert p is not None and t is not None
    assert p.attrib == {
        "id": "p",
        "fill": "#0b5570",
        "fill-opacity": "0.5",
        "stroke-dasharray": "3.7,1.6",
        "stroke-dashoffset": "0",
        "opacity": "0.8",
    }
    assert t.get("font-family") == "'A;B', sans-serif" and t.get("font-weight") == "700"
    assert (t.get("font-size"), t.get("font-style"), t.get("text-anchor")) == ("9px", "italic", "end")


def test_the_star_rule_reaches_every_element_its_style_left_alone() -> None:
    akar = tanpa_gaya(
        """<defs><style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style></defs>
        <defs><path id="m" style="stroke: #000000"/></defs>
        <g id="g" style="stroke-linejoin: miter"><path id="anak"/></g>
        <path id="langsung" stroke-linecap="square"/><path id="sendiri" style="stroke-linecap: round"/>"""
    )
    el = {e.get("id"): e for e in akar.iter() if e.get("id")}
    # The stylesheet and the <defs> it leaves empty are gone; the rule sits on the root.
    assert akar.find(f".//{SVG}style") is None and len(akar.findall(f"{SVG}defs")) == 1
    assert (akar.get("stroke-linejoin"), akar.get("stroke-linecap")) == ("round", "butt")
    # Under an element with a value of its own, inheriting would give "miter": written again.
    assert el["g"].get("stroke-linejoin") == "miter" and el["anak"].get("stroke-linejoin") == "round"
    # What a <use> clones inherits from the <use>, so <defs> content carries the rule itself.
    assert (el["m"].get("stroke-linejoin"), el["m"].get("stroke-linecap")) == ("round", "butt")
    # The rule beat a plain attribute (it inherits "butt" now); a style beat the rule.
    assert "stroke-linecap" not in el["langsung"].attrib
    assert el["sendiri"].get("stroke-linecap") == "round"
    assert "stroke-linejoin" not in el["sendiri"].attrib  # inherited from the root


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        # No presentation attribute: a shorthand, a blend mode.
        ("""<text style="font: 9px 'DejaVu Sans'">x</text>""", "'font'"),
        ('<path style="fill: #fff; mix-blend-mode: multiply"/>', "'mix-blend-mode'"),
        # matplotlib's raster images: a CSS fallback pair that one attribute cannot hold.
        ('<image style="image-rendering:crisp-edges;image-rendering:pixelated"/>', "'image-rendering'"),
        ('<path style="fill: #fff; fill: #000"/>', "fill: #000"),
        ('<path style="fill: #fff !important"/>', "fill: #fff !important"),
        ('<path style="fill #fff"/>', "tidak terbaca"),
        ("<style>path{fill: red}</style>", "lembar gaya"),
    ],
)
def test_a_style_with_no_attribute_equivalent_is_refused_not_dropped(isi: str, pesan: str) -> None:
    with pytest.raises(ValueError, match=re.escape(pesan)):
        tanpa_gaya(isi)
