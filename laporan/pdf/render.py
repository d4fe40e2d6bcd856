"""HTML to PDF with WeasyPrint, with the project's own fonts, vector charts and the QR code.

Fonts: the DejaVu Sans files in static/fonts are loaded with @font-face under the family name
"Tilik Sans". No system font has that name, so the report never falls back to whatever
DejaVu (or other) copy a machine has installed: it looks the same everywhere. The charts of
analitik.grafik name 'DejaVu Sans' in their SVG text; svg_data_uri() points that text at the
same files.

Charts go in as <img src="data:image/svg+xml;base64,..."> and stay vectors (their text stays
text, so it can be searched and read aloud).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from django.conf import settings

from survei import qr

KELUARGA_HURUF = "Tilik Sans"
_HURUF = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
)
_HURUF_GRAFIK = "font-family=\"'DejaVu Sans'\""

# WeasyPrint reports every layout step at INFO; a worker's log needs only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def folder_huruf() -> Path:
    return Path(settings.BASE_DIR) / "static" / "fonts"


def css_huruf() -> str:
    folder = folder_huruf()
    aturan = []
    for nama, tebal, gaya in _HURUF:
        jalur = folder / nama
        if not jalur.is_file():
            raise FileNotFoundError(f"huruf laporan tidak ditemukan: {jalur}")
        aturan.append(
            f"@font-face {{ font-family: '{KELUARGA_HURUF}'; src: url('{jalur.as_uri()}'); "
            f"font-weight: {tebal}; font-style: {gaya}; }}"
        )
    return "\n".join(aturan)


def svg_data_uri(svg: str) -> str:
    """A chart of analitik.grafik as an image address, its text set in the report's font."""
    teks = svg.replace(_HURUF_GRAFIK, f"font-family=\"'{KELUARGA_HURUF}'\"")
    return "data:image/svg+xml;base64," + base64.b64encode(teks.encode()).decode("ascii")


def qr_data_uri(alamat: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(qr.svg(alamat)).decode("ascii")


def html_ke_pdf(html: str, *, identitas: bytes) -> tuple[bytes, int]:
    """The PDF of a complete HTML document and its number of pages. identitas becomes the
    PDF's file identifier."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    konfigurasi = FontConfiguration()
    huruf = CSS(string=css_huruf(), font_config=konfigurasi)
    dokumen = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[huruf], font_config=konfigurasi
    )
    hasil = dokumen.write_pdf(pdf_identifier=identitas)
    assert isinstance(hasil, bytes)
    return hasil, len(dokumen.pages)


def sha256_data(isi: Any) -> str:
    """A hash of the inputs of a report that does not depend on dict order or whitespace."""
    teks = json.dumps(isi, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(teks.encode()).hexdigest()
