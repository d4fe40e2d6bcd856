"""Helpers of the forum view tests (tests/forum/test_views_*.py): verified e-mail addresses for
the conftest actors, topics and complaints made through the real services, and page text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from allauth.account.models import EmailAddress

from akun.models import Pengguna
from forum.models import Topik
from forum.services import topik_buat
from forum.services_pengaduan import pengaduan_jawab, pengaduan_verifikasi
from organisasi.models import Instansi, UnitLayanan


def verifikasi(*pengguna: Pengguna) -> None:
    """Give the users a verified e-mail address, which posting needs."""
    for p in pengguna:
        EmailAddress.objects.get_or_create(
            user=p, email=p.email, defaults={"verified": True, "primary": True}
        )
        EmailAddress.objects.filter(user=p).update(verified=True)


def topik(penulis: Pengguna, instansi: Instansi, **kwargs: Any) -> Topik:
    """A topic through forum.services.topik_buat (the author gets a verified address)."""
    verifikasi(penulis)
    data: dict[str, Any] = {
        "jenis": Topik.Jenis.DISKUSI,
        "judul": "Antrean KTP",
        "isi": "Antrean **panjang**.",
    }
    data.update(kwargs)
    return topik_buat(pengguna=penulis, instansi=instansi, **data)


def pengaduan(penulis: Pengguna, unit: UnitLayanan, **kwargs: Any) -> Topik:
    data: dict[str, Any] = {
        "jenis": Topik.Jenis.PENGADUAN,
        "judul": "KTP belum jadi",
        "isi": "Sudah tiga bulan KTP saya belum dicetak.",
        "unit": unit,
    }
    data.update(kwargs)
    return topik(penulis, unit.instansi, **data)


def pengaduan_terjawab(penulis: Pengguna, unit: UnitLayanan, petugas: Pengguna, **kwargs: Any) -> Topik:
    """A complaint verified and answered by the unit's petugas: ditindaklanjuti."""
    t = pengaduan(penulis, unit, **kwargs)
    verifikasi(petugas)
    pengaduan_verifikasi(topik=t, pengguna=petugas)
    pengaduan_jawab(topik=t, pengguna=petugas, isi="KTP Anda sudah dicetak, silakan ambil.")
    t.refresh_from_db()
    return t


def teks(respons: Any) -> str:
    return respons.content.decode()


def pesan(respons: Any) -> list[str]:
    """The messages-framework messages of a rendered response (the test client's response
    carries the template context)."""
    return [str(m) for m in respons.context["messages"]] if respons.context else []


class _Unsur(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsur: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.unsur.append((tag, attrs))


TAG_TERLARANG = {
    "script",
    "iframe",
    "object",
    "embed",
    "img",
    "svg",
    "math",
    "style",
    "base",
    "meta",
    "video",
    "audio",
    "source",
    "marquee",
    "noscript",
    "animate",
    "body",
}


def periksa_inert(html: str) -> None:
    """No element, event handler or script URL in the page's main content came from the text."""
    pengurai = _Unsur()
    pengurai.feed(html[html.index('id="konten"') - len("<main ") :])
    for tag, attrs in pengurai.unsur:
        assert tag not in TAG_TERLARANG, tag
        for nama, nilai in attrs:
            assert not nama.startswith("on"), (tag, nama)
            if nama in ("href", "src", "action", "formaction", "xlink:href"):
                bersih = re.sub(r"\s", "", (nilai or "")).lower()
                assert not bersih.startswith(("javascript:", "vbscript:", "data:")), (tag, nama, nilai)
