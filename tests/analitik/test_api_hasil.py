"""The open-data API under /api/v1/: published results only, numbers as JSON numbers equal to
analitik's own objects, pagination and errors, and a hand-written OpenAPI 3.1 description that
covers every path served and whose schemas the real responses satisfy (checked by a small
recursive validator written here: no new dependency)."""

from __future__ import annotations

import json
import random
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from pytest_django import DjangoAssertNumQueries

from analitik import urls_api
from analitik.keluaran import objek_ikm
from analitik.tabel import KODE_UNSUR, dari_baris
from organisasi.models import Instansi, UnitLayanan
from survei.models import Survei
from tests.analitik.test_hasil_publik import SEMUA_3, isi, survei_ditutup, tutup
from tests.factories import UnitLayananFactory

# A small JSON Schema checker (the subset the document uses) ------------------------------------

_JENIS = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_TANGGAL = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def cek_skema(nilai: Any, skema: dict[str, Any], dokumen: dict[str, Any], jalur: str = "$") -> list[str]:
    """The violations of skema by nilai, each naming its JSON path (empty: it conforms)."""
    if "$ref" in skema:
        assert skema["$ref"].startswith("#/"), skema["$ref"]
        target: Any = dokumen
        for bagian in skema["$ref"][2:].split("/"):
            target = target[bagian]
        return cek_skema(nilai, target, dokumen, jalur)
    galat: list[str] = []
    if "type" in skema:
        jenis = skema["type"] if isinstance(skema["type"], list) else [skema["type"]]
        if not any(_JENIS[j](nilai) for j in jenis):
            return [f"{jalur}: {nilai!r} bukan {jenis}"]
    if "enum" in skema and nilai not in skema["enum"]:
        galat.append(f"{jalur}: {nilai!r} tidak dalam {skema['enum']}")
    if _JENIS["number"](nilai):
        if "minimum" in skema and nilai < skema["minimum"]:
            galat.append(f"{jalur}: {nilai} < {skema['minimum']}")
        if "maximum" in skema and nilai > skema["maximum"]:
            galat.append(f"{jalur}: {nilai} > {skema['maximum']}")
    if isinstance(nilai, str) and skema.get("format") == "date" and not _TANGGAL.match(nilai):
        galat.append(f"{jalur}: {nilai!r} bukan tanggal")
    if (
        isinstance(nilai, str)
        and skema.get("format") == "uri"
        and not nilai.startswith(("http://", "https://"))
    ):
        galat.append(f"{jalur}: {nilai!r} bukan URI")
    if isinstance(nilai, dict):
        properti = skema.get("properties", {})
        galat += [f"{jalur}: tanpa {k}" for k in skema.get("required", []) if k not in nilai]
        for k, v in nilai.items():
            if k in properti:
                galat += cek_skema(v, properti[k], dokumen, f"{jalur}.{k}")
            elif skema.get("additionalProperties") is False:
                galat.append(f"{jalur}: kunci tak terduga {k}")
    if isinstance(nilai, list) and "items" in skema:
        for i, v in enumerate(nilai):
            galat += cek_skema(v, skema["items"], dokumen, f"{jalur}[{i}]")
    return galat


def test_the_checker_finds_violations() -> None:
    dokumen = {
        "components": {
            "schemas": {
                "A": {
                    "type": "object",
                    "required": ["x"],
                    "properties": {"x": {"type": ["number", "null"], "minimum": 1}},
                    "additionalProperties": False,
                }
            }
        }
    }
    skema = {"$ref": "#/components/schemas/A"}

    assert cek_skema({"x": 2.5}, skema, dokumen) == []
    assert cek_skema({"x": None}, skema, dokumen) == []
    assert len(cek_skema({"x": 0}, skema, dokumen)) == 1
    assert len(cek_skema({"x": "2"}, skema, dokumen)) == 1
    assert len(cek_skema({"y": 2}, skema, dokumen)) == 2
    assert len(cek_skema([], skema, dokumen)) == 1


# Helpers -------------------------------------------------------------------------------------


def dapat(client: Client, url: str, status: int = 200, **parameter: Any) -> Any:
    jawaban = client.get(url, parameter)
    assert jawaban.status_code == status, jawaban.content
    assert jawaban["Content-Type"] == "application/json"
    return jawaban.json()


def openapi(client: Client) -> dict[str, Any]:
    return json.loads(client.get(reverse("analitik:api_openapi")).content)


def skema_jawaban(dokumen: dict[str, Any], jalur: str, status: int = 200) -> dict[str, Any]:
    isi_jawaban = dokumen["paths"][jalur]["get"]["responses"][str(status)]["content"]
    return isi_jawaban["application/json"]["schema"]


@pytest.fixture
def terbit(unit: UnitLayanan, unit_lain: UnitLayanan, unit_instansi_lain: UnitLayanan) -> Survei:
    """A closed survey of two units (the second lacks U9: no IKM), an open and a draft one."""
    survei = survei_ditutup(unit, unit_lain)
    isi(survei, unit, jumlah=3)
    isi(survei, unit, SEMUA_3, jumlah=2)
    isi(survei, unit_lain, {**SEMUA_3, "U9": None}, jumlah=2)
    tutup(survei)
    survei_ditutup(unit_instansi_lain, periode="Semester II 2025", isi_dulu=3)  # open
    return survei


# Endpoints -----------------------------------------------------------------------------------


def test_the_index_links_every_resource(client: Client, db: None) -> None:
    jawaban = client.get("/api/v1/")
    data = jawaban.json()

    assert jawaban["Cache-Control"] == "public, max-age=300"
    assert data["tautan"] == {
        "instansi": "http://testserver/api/v1/instansi/",
        "hasil": "http://testserver/api/v1/hasil/",
        "openapi": "http://testserver/api/v1/openapi.json",
    }


def test_the_instansi_list_has_only_instansi_with_published_results(client: Client, terbit: Survei) -> None:
    data = dapat(client, "/api/v1/instansi/")

    assert data == {"jumlah": 1, "data": [{"slug": "palembang", "nama": "Pemerintah Kota Palembang"}]}


def test_results_of_closed_surveys_only_with_json_numbers(
    client: Client, terbit: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    data = dapat(client, "/api/v1/hasil/")

    assert data["jumlah"] == 2
    per_unit = {h["unit"]["id"]: h for h in data["data"]}
    assert set(per_unit) == {unit.pk, unit_lain.pk}
    h = per_unit[unit.pk]
    assert h["instansi"] == "palembang"
    assert h["unit"] == {"id": unit.pk, "nama": unit.nama}
    assert h["survei"] == {
        "kode": terbit.kode,
        "periode": "Semester I 2025",
        "mulai": "2025-01-01",
        "selesai": "2025-06-30",
    }
    # 3 x all 4 and 2 x all 3: IKM 3,6 exactly, nilai konversi 90, mutu A.
    assert h["n"] == 5
    assert h["ikm"] == pytest.approx(3.6, abs=1e-12) and isinstance(h["ikm"], float)
    assert h["nilai_konversi"] == pytest.approx(90.0, abs=1e-12)
    assert (h["mutu"], h["kinerja"]) == ("A", "Sangat Baik")
    assert h["unsur"]["U1"] == {"n": 5, "nrr": pytest.approx(3.6)}
    tanpa = per_unit[unit_lain.pk]
    assert (tanpa["ikm"], tanpa["nilai_konversi"], tanpa["mutu"], tanpa["kinerja"]) == (
        None,
        None,
        None,
        None,
    )
    assert tanpa["n"] == 2
    assert tanpa["unsur"]["U9"] == {"n": 0, "nrr": None}


def test_the_api_index_equals_objek_ikm_on_the_same_responses(client: Client, unit: UnitLayanan) -> None:
    rng = random.Random(2017)
    survei = survei_ditutup(unit)
    baris = []
    for _ in range(60):
        nilai = [rng.choice([None, 1, 2, 3, 3, 4]) for _ in KODE_UNSUR]
        if any(nilai):
            baris.append(nilai)
            isi(survei, unit, dict(zip(KODE_UNSUR, nilai, strict=True)))
    tutup(survei)
    harapan = objek_ikm(dari_baris(baris))

    (h,) = dapat(client, "/api/v1/hasil/")["data"]

    assert h["ikm"] == harapan["ikm"]
    assert h["nilai_konversi"] == harapan["nilai_konversi"]
    assert (h["n"], h["mutu"], h["kinerja"]) == (harapan["n"], harapan["mutu"], harapan["kinerja"])
    assert {k: u["nrr"] for k, u in h["unsur"].items()} == {k: u["nrr"] for k, u in harapan["unsur"].items()}
    assert {k: u["n"] for k, u in h["unsur"].items()} == {k: u["n"] for k, u in harapan["unsur"].items()}


def test_filters_by_instansi_unit_and_periode(
    client: Client, terbit: Survei, unit: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    lain = survei_ditutup(unit_instansi_lain, periode="Tahun 2024", isi_dulu=2)
    tutup(lain)

    assert dapat(client, "/api/v1/hasil/", instansi="palembang")["jumlah"] == 2
    assert [h["instansi"] for h in dapat(client, "/api/v1/hasil/", instansi="jambi")["data"]] == ["jambi"]
    assert [h["unit"]["id"] for h in dapat(client, "/api/v1/hasil/", unit=unit.pk)["data"]] == [unit.pk]
    assert [h["survei"]["kode"] for h in dapat(client, "/api/v1/hasil/", periode="Tahun 2024")["data"]] == [
        lain.kode
    ]
    assert dapat(client, "/api/v1/hasil/", periode="Tahun 1999")["jumlah"] == 0


def test_pagination_with_limit_and_offset(client: Client, instansi: Instansi) -> None:
    daftar = UnitLayananFactory.create_batch(5, instansi=instansi)
    tutup(survei_ditutup(*daftar, isi_dulu=1))

    pertama = dapat(client, "/api/v1/hasil/", limit=2)
    kedua = client.get(pertama["berikutnya"]).json()
    terakhir = dapat(client, "/api/v1/hasil/", limit=2, offset=4)

    assert (pertama["jumlah"], pertama["limit"], pertama["offset"], len(pertama["data"])) == (5, 2, 0, 2)
    assert pertama["sebelumnya"] is None
    assert kedua["offset"] == 2 and kedua["sebelumnya"] is not None
    assert len(terakhir["data"]) == 1 and terakhir["berikutnya"] is None
    semua = [h["unit"]["id"] for h in pertama["data"] + kedua["data"] + terakhir["data"]]
    assert sorted(semua) == sorted(u.pk for u in daftar)
    assert dapat(client, "/api/v1/hasil/", limit=200)["jumlah"] == 5
    assert dapat(client, "/api/v1/hasil/", offset=50)["data"] == []


@pytest.mark.parametrize(
    "parameter",
    [
        {"limit": "abc"},
        {"limit": "0"},
        {"limit": "201"},
        {"limit": "1.5"},
        {"offset": "-1"},
        {"offset": "x"},
        {"unit": "dinkes"},
    ],
)
def test_bad_parameters_are_400_with_a_message(client: Client, db: None, parameter: dict[str, str]) -> None:
    data = dapat(client, "/api/v1/hasil/", 400, **parameter)

    assert list(data) == ["galat"] and next(iter(parameter)) in data["galat"]


def test_an_unknown_instansi_or_unit_is_404(client: Client, terbit: Survei) -> None:
    assert "tidak-ada" in dapat(client, "/api/v1/hasil/", 404, instansi="tidak-ada")["galat"]
    assert "999999" in dapat(client, "/api/v1/hasil/", 404, unit=999999)["galat"]


def test_the_api_only_reads(client: Client, db: None) -> None:
    jawaban = client.post("/api/v1/hasil/", {})

    assert jawaban.status_code == 405
    assert jawaban["Allow"] == "GET, HEAD"
    assert "galat" in jawaban.json()


def test_the_result_query_count_does_not_grow_with_units(
    client: Client, instansi: Instansi, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    daftar = UnitLayananFactory.create_batch(15, instansi=instansi)
    tutup(survei_ditutup(*daftar, isi_dulu=1))

    # count, page, one count table for the survey on the page
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/hasil/").json()["data"]) == 15


# OpenAPI -------------------------------------------------------------------------------------


def _jalur_api() -> set[str]:
    awalan = reverse("analitik:api_indeks").rstrip("/")
    jalur = set()
    for pola in urls_api.urlpatterns:
        assert isinstance(pola, URLPattern)
        jalur.add(reverse(f"analitik:{pola.name}")[len(awalan) :])
    return jalur


def test_openapi_parses_and_covers_every_path(client: Client, db: None) -> None:
    dokumen = openapi(client)

    assert dokumen["openapi"].startswith("3.1.")
    assert dokumen["servers"] == [{"url": "/api/v1"}]
    assert set(dokumen["paths"]) == _jalur_api() == {"/", "/instansi/", "/hasil/", "/openapi.json"}
    for operasi in dokumen["paths"].values():
        assert set(operasi) == {"get"}
        assert "200" in operasi["get"]["responses"]


def test_openapi_refs_all_resolve(client: Client, db: None) -> None:
    dokumen = openapi(client)
    teks = json.dumps(dokumen)
    for ref in set(re.findall(r'"\$ref": "#/components/schemas/(\w+)"', teks)):
        assert ref in dokumen["components"]["schemas"]


def test_real_responses_conform_to_the_declared_schemas(
    client: Client, terbit: Survei, unit: UnitLayanan
) -> None:
    dokumen = openapi(client)
    contoh = {
        "/": client.get("/api/v1/").json(),
        "/instansi/": client.get("/api/v1/instansi/").json(),
        "/hasil/": client.get("/api/v1/hasil/", {"limit": 1}).json(),
        "/openapi.json": dokumen,
    }
    assert contoh["/hasil/"]["berikutnya"] is not None and len(contoh["/hasil/"]["data"]) == 1
    for jalur, data in contoh.items():
        assert cek_skema(data, skema_jawaban(dokumen, jalur), dokumen) == [], jalur
    lengkap = client.get("/api/v1/hasil/").json()
    assert any(h["ikm"] is None for h in lengkap["data"]) and any(h["ikm"] for h in lengkap["data"])
    assert cek_skema(lengkap, skema_jawaban(dokumen, "/hasil/"), dokumen) == []
    for status, parameter in ((400, {"limit": "x"}), (404, {"instansi": "tidak-ada"})):
        galat = client.get("/api/v1/hasil/", parameter).json()
        assert cek_skema(galat, skema_jawaban(dokumen, "/hasil/", status), dokumen) == []
