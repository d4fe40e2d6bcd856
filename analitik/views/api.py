"""The read-only open-data API under /api/v1/: published IKM per unit and period (closed
surveys only, analitik.publik), as JSON without authentication. Numbers are JSON numbers,
unrounded; errors are {"galat": "..."}. OPENAPI is the hand-written description served at
/api/v1/openapi.json; tests check the real responses against its schemas."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from organisasi.models import Instansi, UnitLayanan

from .. import publik
from ..tabel import KODE_UNSUR

LIMIT_BAKU = 50
LIMIT_MAKS = 200
CACHE_CONTROL = "public, max-age=300"

Tampilan = Callable[..., HttpResponse]


def _galat(pesan: str, status: int) -> JsonResponse:
    return JsonResponse({"galat": pesan}, status=status)


def api_get(tampilan: Tampilan) -> Tampilan:
    """GET/HEAD only (405 as JSON otherwise); successful answers may be cached for 5 minutes."""

    @wraps(tampilan)
    def bungkus(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            ditolak = _galat(_("Metode tidak diizinkan; API ini hanya membaca (GET)."), 405)
            ditolak["Allow"] = "GET, HEAD"
            return ditolak
        jawaban = tampilan(request, *args, **kwargs)
        if jawaban.status_code == 200:
            jawaban["Cache-Control"] = CACHE_CONTROL
        return jawaban

    return bungkus


def _bilangan(
    request: HttpRequest, nama: str, baku: int | None, *, minimum: int, maksimum: int | None
) -> int | None:
    """An integer query parameter; ValueError with the message for the 400 answer."""
    teks = request.GET.get(nama)
    if teks is None or teks == "":
        return baku
    if not teks.isascii() or not teks.isdigit():
        raise ValueError(_("Parameter %(nama)s harus bilangan bulat.") % {"nama": nama})
    nilai = int(teks)
    if nilai < minimum or (maksimum is not None and nilai > maksimum):
        if maksimum is None:
            raise ValueError(_("Parameter %(nama)s paling kecil %(min)d.") % {"nama": nama, "min": minimum})
        raise ValueError(
            _("Parameter %(nama)s harus antara %(min)d dan %(maks)d.")
            % {"nama": nama, "min": minimum, "maks": maksimum}
        )
    return nilai


@api_get
def api_indeks(request: HttpRequest) -> HttpResponse:
    def url(nama: str) -> str:
        return request.build_absolute_uri(reverse(nama))

    return JsonResponse(
        {
            "nama": "Tilik: hasil Survei Kepuasan Masyarakat (PermenPANRB 14/2017)",
            "versi": "1",
            "tautan": {
                "instansi": url("analitik:api_instansi"),
                "hasil": url("analitik:api_hasil"),
                "openapi": url("analitik:api_openapi"),
            },
        }
    )


@api_get
def api_instansi(request: HttpRequest) -> HttpResponse:
    data = [{"slug": i.slug, "nama": i.nama} for i in publik.instansi_terbit()]
    return JsonResponse({"jumlah": len(data), "data": data})


@api_get
def api_hasil(request: HttpRequest) -> HttpResponse:
    try:
        limit = _bilangan(request, "limit", LIMIT_BAKU, minimum=1, maksimum=LIMIT_MAKS)
        offset = _bilangan(request, "offset", 0, minimum=0, maksimum=None)
        unit_id = _bilangan(request, "unit", None, minimum=1, maksimum=None)
    except ValueError as e:
        return _galat(str(e), 400)
    assert limit is not None and offset is not None
    instansi = None
    if slug := request.GET.get("instansi"):
        instansi = Instansi.objects.filter(slug=slug).first()
        if instansi is None:
            return _galat(_("Instansi “%(slug)s” tidak ada.") % {"slug": slug}, 404)
    if unit_id is not None and not UnitLayanan.objects.filter(pk=unit_id).exists():
        return _galat(_("Unit layanan %(id)d tidak ada.") % {"id": unit_id}, 404)
    periode = request.GET.get("periode") or None
    total, halaman = publik.hasil_daftar(
        instansi=instansi, unit_id=unit_id, periode=periode, limit=limit, offset=offset
    )

    def tautan(geser: int) -> str:
        parameter = {k: request.GET[k] for k in request.GET if k not in ("limit", "offset")}
        parameter.update(limit=str(limit), offset=str(geser))
        return request.build_absolute_uri(reverse("analitik:api_hasil") + "?" + urlencode(parameter))

    return JsonResponse(
        {
            "jumlah": total,
            "limit": limit,
            "offset": offset,
            "berikutnya": tautan(offset + limit) if offset + limit < total else None,
            "sebelumnya": tautan(max(offset - limit, 0)) if offset > 0 else None,
            "data": [h.objek() for h in halaman],
        }
    )


@api_get
def api_openapi(request: HttpRequest) -> HttpResponse:
    return JsonResponse(OPENAPI)


# The description -----------------------------------------------------------------------------

_NULLABLE_NUMBER = {"type": ["number", "null"]}
_GALAT = {
    "description": "Galat",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Galat"}}},
}


def _ok(skema: str, keterangan: str) -> dict[str, Any]:
    return {
        "description": keterangan,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{skema}"}}},
    }


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "Tilik: data terbuka hasil Survei Kepuasan Masyarakat",
        "version": "1.0.0",
        "description": (
            "Indeks Kepuasan Masyarakat (IKM) per unit layanan dan periode menurut PermenPANRB 14/2017, "
            "hanya untuk survei yang sudah ditutup. Hanya baca (GET), tanpa autentikasi. Angka tidak "
            "dibulatkan; nilai yang tidak dapat dihitung bernilai null. Jawaban sukses boleh disimpan "
            "dalam cache 5 menit (Cache-Control: public, max-age=300)."
        ),
        "license": {"name": "Data terbuka"},
    },
    "servers": [{"url": "/api/v1"}],
    "paths": {
        "/": {
            "get": {
                "operationId": "indeks",
                "summary": "Tautan ke sumber daya API",
                "responses": {"200": _ok("Indeks", "Tautan")},
            }
        },
        "/instansi/": {
            "get": {
                "operationId": "daftarInstansi",
                "summary": "Instansi yang memiliki hasil terbit",
                "responses": {"200": _ok("DaftarInstansi", "Daftar instansi")},
            }
        },
        "/hasil/": {
            "get": {
                "operationId": "daftarHasil",
                "summary": "Hasil IKM per unit dan periode (survei yang sudah ditutup)",
                "parameters": [
                    {
                        "name": "instansi",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string"},
                        "description": "Slug instansi (404 bila tidak ada).",
                    },
                    {
                        "name": "unit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1},
                        "description": "Id unit layanan (404 bila tidak ada).",
                    },
                    {
                        "name": "periode",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string"},
                        "description": 'Teks periode persis, misalnya "Semester I 2025".',
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": LIMIT_MAKS,
                            "default": LIMIT_BAKU,
                        },
                    },
                    {
                        "name": "offset",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 0, "default": 0},
                    },
                ],
                "responses": {
                    "200": _ok("HalamanHasil", "Satu halaman hasil"),
                    "400": _GALAT,
                    "404": _GALAT,
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "Dokumen OpenAPI ini",
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.1",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Galat": {
                "type": "object",
                "required": ["galat"],
                "properties": {"galat": {"type": "string"}},
                "additionalProperties": False,
            },
            "Indeks": {
                "type": "object",
                "required": ["nama", "versi", "tautan"],
                "properties": {
                    "nama": {"type": "string"},
                    "versi": {"type": "string"},
                    "tautan": {
                        "type": "object",
                        "required": ["instansi", "hasil", "openapi"],
                        "properties": {
                            "instansi": {"type": "string", "format": "uri"},
                            "hasil": {"type": "string", "format": "uri"},
                            "openapi": {"type": "string", "format": "uri"},
                        },
                        "additionalProperties": False,
                    },
                },
                "additionalProperties": False,
            },
            "Instansi": {
                "type": "object",
                "required": ["slug", "nama"],
                "properties": {"slug": {"type": "string"}, "nama": {"type": "string"}},
                "additionalProperties": False,
            },
            "DaftarInstansi": {
                "type": "object",
                "required": ["jumlah", "data"],
                "properties": {
                    "jumlah": {"type": "integer", "minimum": 0},
                    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Instansi"}},
                },
                "additionalProperties": False,
            },
            "Unsur": {
                "type": "object",
                "required": ["n", "nrr"],
                "properties": {
                    "n": {
                        "type": "integer",
                        "minimum": 0,
                        "description": "Responden yang menjawab unsur ini",
                    },
                    "nrr": {
                        "type": ["number", "null"],
                        "minimum": 1,
                        "maximum": 4,
                        "description": "Nilai rata-rata unsur (1-4); null bila tidak ada jawaban",
                    },
                },
                "additionalProperties": False,
            },
            "Hasil": {
                "type": "object",
                "required": [
                    "instansi",
                    "unit",
                    "survei",
                    "n",
                    "ikm",
                    "nilai_konversi",
                    "mutu",
                    "kinerja",
                    "unsur",
                ],
                "properties": {
                    "instansi": {"type": "string", "description": "Slug instansi"},
                    "unit": {
                        "type": "object",
                        "required": ["id", "nama"],
                        "properties": {"id": {"type": "integer"}, "nama": {"type": "string"}},
                        "additionalProperties": False,
                    },
                    "survei": {
                        "type": "object",
                        "required": ["kode", "periode", "mulai", "selesai"],
                        "properties": {
                            "kode": {"type": "string"},
                            "periode": {"type": "string"},
                            "mulai": {"type": "string", "format": "date"},
                            "selesai": {"type": "string", "format": "date"},
                        },
                        "additionalProperties": False,
                    },
                    "n": {
                        "type": "integer",
                        "minimum": 0,
                        "description": "Responden yang menjawab paling sedikit satu unsur",
                    },
                    "ikm": {
                        **_NULLABLE_NUMBER,
                        "minimum": 1,
                        "maximum": 4,
                        "description": "IKM (1-4), bobot 1/9; null bila ada unsur tanpa jawaban",
                    },
                    "nilai_konversi": {
                        **_NULLABLE_NUMBER,
                        "minimum": 25,
                        "maximum": 100,
                        "description": "IKM x 25",
                    },
                    "mutu": {"type": ["string", "null"], "enum": ["A", "B", "C", "D", None]},
                    "kinerja": {
                        "type": ["string", "null"],
                        "enum": ["Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik", None],
                    },
                    "unsur": {
                        "type": "object",
                        "required": list(KODE_UNSUR),
                        "properties": {k: {"$ref": "#/components/schemas/Unsur"} for k in KODE_UNSUR},
                        "additionalProperties": False,
                    },
                },
                "additionalProperties": False,
            },
            "HalamanHasil": {
                "type": "object",
                "required": ["jumlah", "limit", "offset", "berikutnya", "sebelumnya", "data"],
                "properties": {
                    "jumlah": {"type": "integer", "minimum": 0},
                    "limit": {"type": "integer", "minimum": 1, "maximum": LIMIT_MAKS},
                    "offset": {"type": "integer", "minimum": 0},
                    "berikutnya": {"type": ["string", "null"], "format": "uri"},
                    "sebelumnya": {"type": ["string", "null"], "format": "uri"},
                    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Hasil"}},
                },
                "additionalProperties": False,
            },
        }
    },
}
