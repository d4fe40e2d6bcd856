"""Inline SVG for the charts of analitik.grafik, without the styles a strict
Content-Security-Policy blocks.

matplotlib writes every fill, stroke and font as a style="" attribute and adds one <style>
element; under the site's `style-src 'self'` a browser ignores both (bars drawn black). So
the SVG is rewritten, as an XML tree, into SVG presentation attributes (fill="...",
stroke-width="...", ...), which no CSP restricts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.etree import ElementTree as ET

__all__ = ["ATRIBUT_PRESENTASI", "svg_inline", "tanpa_gaya"]

_NS_SVG = "http://www.w3.org/2000/svg"
_NS_XLINK = "http://www.w3.org/1999/xlink"
_STYLE, _DEFS = f"{{{_NS_SVG}}}style", f"{{{_NS_SVG}}}defs"
_HREF = (f"{{{_NS_XLINK}}}href", "href")
# The prefixes of the namespaces matplotlib writes. The SVG is serialised with them, not with
# ElementTree's global registry (ns0:, ns1: otherwise): inline in HTML, xlink:href is only
# understood under that exact name.
_AWALAN = {
    _NS_SVG: "",
    _NS_XLINK: "xlink",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://creativecommons.org/ns#": "cc",
}
_URL_ID = re.compile(r"url\(#([^)]+)\)")

# Every CSS property matplotlib's SVG backend writes into style="" (backend_svg 3.11: paths,
# markers, hatches, text, gradients). Each is also an SVG presentation attribute of the same name
# and value syntax, so it moves over 1:1. Anything else has no attribute that means the same:
# image-rendering, the one other property matplotlib writes (raster images, which no chart here
# draws), comes as the CSS fallback pair "crisp-edges; pixelated" that one attribute cannot hold;
# a `font` shorthand or a blend mode has no attribute at all. Those are refused with an error
# rather than dropped, so that a chart never changes silently.
ATRIBUT_PRESENTASI = frozenset(
    {
        "fill",
        "fill-opacity",
        "opacity",
        "stroke",
        "stroke-opacity",
        "stroke-width",
        "stroke-linejoin",
        "stroke-linecap",
        "stroke-dasharray",
        "stroke-dashoffset",
        "font-family",
        "font-size",
        "font-style",
        "font-variant",
        "font-weight",
        "font-stretch",
        "text-anchor",
        "stop-color",
        "stop-opacity",
    }
)


def _deklarasi(teks: str) -> list[tuple[str, str]]:
    """The declarations of a CSS declaration list ("fill: #fff; font-family: 'A'") in order,
    split at the semicolons outside quotes and parentheses."""
    bagian: list[str] = []
    kini: list[str] = []
    kutip, kurung = "", 0
    for c in teks:
        if kutip:
            kutip = "" if c == kutip else kutip
        elif c in "'\"":
            kutip = c
        elif c in "()":
            kurung += 1 if c == "(" else -1
        elif c == ";" and not kurung:
            bagian.append("".join(kini))
            kini = []
            continue
        kini.append(c)
    bagian.append("".join(kini))
    hasil = []
    for b in filter(str.strip, bagian):
        nama, titik_dua, nilai = b.partition(":")
        if not titik_dua or not nama.strip() or not nilai.strip():
            raise ValueError(f"deklarasi CSS tidak terbaca di SVG grafik: {b.strip()!r}")
        hasil.append((nama.strip().lower(), nilai.strip()))
    return hasil


def _atribut_gaya(gaya: str) -> dict[str, str]:
    """A style="" value as presentation attributes; ValueError for what has no equivalent."""
    hasil: dict[str, str] = {}
    for nama, nilai in _deklarasi(gaya):
        if nama not in ATRIBUT_PRESENTASI:
            raise ValueError(
                f"properti CSS {nama!r} di SVG grafik tidak punya atribut presentasi yang setara"
            )
        if nama in hasil or "!" in nilai:
            # A repeated property is a CSS fallback and !important a cascade rule: neither
            # survives as one attribute.
            raise ValueError(f"deklarasi CSS {nama}: {nilai} di SVG grafik tidak bisa menjadi atribut")
        hasil[nama] = nilai
    return hasil


def _aturan_semua(teks: str) -> dict[str, str]:
    """The declarations of matplotlib's stylesheet: one rule for every element,
    `*{stroke-linejoin: round; stroke-linecap: butt}`. Any other stylesheet is refused."""
    pemilih, kurawal, isi = teks.strip().partition("{")
    if pemilih.strip() != "*" or not kurawal or not isi.endswith("}") or "{" in isi or "}" in isi[:-1]:
        raise ValueError(f"lembar gaya di SVG grafik tidak dikenal: {teks!r}")
    return _atribut_gaya(isi[:-1])


def tanpa_gaya(akar: ET.Element) -> None:
    """Turn every style="" into presentation attributes and matplotlib's <style> rule into
    attributes with the same effect; remove the <style> (and its <defs> when left empty)."""
    induk_dari = {anak: induk for induk in akar.iter() for anak in induk}
    aturan: dict[str, str] = {}
    for gaya in [el for el in akar.iter() if el.tag == _STYLE]:
        aturan |= _aturan_semua(gaya.text or "")
        induk = induk_dari[gaya]
        induk.remove(gaya)
        if induk.tag == _DEFS and not len(induk) and induk in induk_dari:
            induk_dari[induk].remove(induk)
    for el in akar.iter():
        # The cascade was: presentation attribute < the `*` rule < style="". An attribute of
        # the rule's properties never showed, and any attribute gives way to the style.
        for nama in aturan:
            el.attrib.pop(nama, None)
        teks = el.attrib.pop("style", None)
        if teks is not None:
            for nama, nilai in _atribut_gaya(teks).items():
                el.set(nama, nilai)
    _pasang_aturan(akar, aturan, {})


def _pasang_aturan(
    el: ET.Element, aturan: Mapping[str, str], warisan: Mapping[str, str | None], *, dalam_defs: bool = False
) -> None:
    """A `*` rule gives its value to every element whose own style says nothing; presentation
    attributes inherit instead. So the value is written on the root, and again wherever
    inheriting would give something else: under an element with a value of its own, and
    inside <defs>, whose content a <use> clones and which then inherits from that <use>."""
    for nama, nilai in aturan.items():
        if nama not in el.attrib and warisan.get(nama) != nilai:
            el.set(nama, nilai)
    dalam_defs = dalam_defs or el.tag == _DEFS
    lanjut = {} if dalam_defs else {nama: el.get(nama, warisan.get(nama)) for nama in aturan}
    for anak in el:
        _pasang_aturan(anak, aturan, lanjut, dalam_defs=dalam_defs)


def _id_unik(akar: ET.Element, awalan: str) -> None:
    """Prefix every id (matplotlib's "figure_1", "axes_1", ... and its hashed clip paths)
    and every reference to it, so that several charts inline in one page never share one."""
    ids = {i for el in akar.iter() if (i := el.get("id"))}
    for el in akar.iter():
        for nama, nilai in list(el.attrib.items()):
            if nama == "id":
                el.set(nama, awalan + nilai)
            elif nama in _HREF and nilai.startswith("#") and nilai[1:] in ids:
                el.set(nama, "#" + awalan + nilai[1:])
            elif "url(#" in nilai:
                el.set(nama, _URL_ID.sub(lambda m: f"url(#{awalan}{m[1]})" if m[1] in ids else m[0], nilai))


def _teks_svg(akar: ET.Element) -> str:
    """The tree as text, with matplotlib's namespace prefixes declared on the root."""
    dipakai: set[str] = set()

    def tertulis(nama: str) -> str:
        if not nama.startswith("{"):
            return nama
        uri, _, lokal = nama[1:].partition("}")
        if uri not in _AWALAN:
            raise ValueError(f"namespace tidak dikenal di SVG grafik: {uri}")
        dipakai.add(uri)
        return f"{_AWALAN[uri]}:{lokal}" if _AWALAN[uri] else lokal

    for el in akar.iter():
        el.tag = tertulis(el.tag)
        el.attrib = {tertulis(nama): nilai for nama, nilai in el.attrib.items()}
    deklarasi = {
        f"xmlns:{_AWALAN[u]}" if _AWALAN[u] else "xmlns": u for u in sorted(dipakai, key=_AWALAN.__getitem__)
    }
    akar.attrib = deklarasi | akar.attrib
    return ET.tostring(akar, encoding="unicode")


def svg_inline(teks: str, *, kunci: str, judul: str, keterangan: str) -> str:
    """matplotlib's SVG as inline SVG (no XML declaration or DOCTYPE) with role="img", a <title>
    and a <desc>, whose ids start with "grafik-<kunci>" so that charts on one page differ,
    and with no style="" attribute or <style> element (see ATRIBUT_PRESENTASI)."""
    # matplotlib's own output, labels escaped by it; parsed from <svg> on, past the DOCTYPE, so
    # there is no DTD and no entity to expand.
    akar = ET.fromstring(teks[teks.index("<svg") :])  # noqa: S314
    tanpa_gaya(akar)
    _id_unik(akar, f"grafik-{kunci}-")
    id_judul, id_ket = f"grafik-{kunci}-judul", f"grafik-{kunci}-ket"
    akar.set("role", "img")
    akar.set("aria-labelledby", f"{id_judul} {id_ket}")
    for posisi, (tag, id_, isi) in enumerate((("title", id_judul, judul), ("desc", id_ket, keterangan))):
        el = ET.Element(f"{{{_NS_SVG}}}{tag}", id=id_)
        el.text = isi
        akar.insert(posisi, el)
    return _teks_svg(akar)
