"""QR codes that open a survey's form with the unit (and optionally the service) chosen, to be
printed and put at the counter."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import qrcode
import qrcode.constants
from django.http import HttpRequest
from django.urls import reverse
from qrcode.image.svg import SvgPathImage

from organisasi.models import Layanan, UnitLayanan

from .models import Survei

# M (15 % redundancy) survives a worn or partly covered print and keeps the code small enough
# for a long absolute URL.
_KOREKSI = qrcode.constants.ERROR_CORRECT_M
_TEPI = 4  # the quiet zone the standard asks for, in modules


def url_formulir(
    request: HttpRequest, *, survei: Survei, unit: UnitLayanan, layanan: Layanan | None = None
) -> str:
    """The absolute address of the form with the unit (and service) preselected."""
    parameter = {"unit": unit.pk}
    if layanan is not None:
        parameter["layanan"] = layanan.pk
    alamat = reverse("survei:isi", kwargs={"kode": survei.kode})
    return request.build_absolute_uri(f"{alamat}?{urlencode(parameter)}")


def _kode(data: str, *, ukuran_kotak: int) -> qrcode.QRCode:
    kode = qrcode.QRCode(error_correction=_KOREKSI, box_size=ukuran_kotak, border=_TEPI)
    kode.add_data(data)
    kode.make(fit=True)
    return kode


def svg(data: str) -> bytes:
    """A scalable code: the print shop can enlarge it to any size without blurring."""
    gambar = _kode(data, ukuran_kotak=10).make_image(image_factory=SvgPathImage)
    return gambar.to_string(encoding="unicode").encode()


def png(data: str) -> bytes:
    gambar = _kode(data, ukuran_kotak=10).make_image(fill_color="black", back_color="white")
    isi = io.BytesIO()
    gambar.save(isi)
    return isi.getvalue()
