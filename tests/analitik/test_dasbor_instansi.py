"""The evaluator's dashboard of one instansi (/kelola/analitik/<instansi>/): who may see it, the
units x semesters table (the same numbers as analitik.statistik.ikm on the same responses),
the trend chart with its data table and the list of penataan."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from akun.models import Pengguna
from analitik import format as fmt
from analitik.selectors import tabel_hitung
from analitik.statistik import ikm
from organisasi.models import Instansi
from tests.analitik.test_dasbor_penataan import Merger, merger  # noqa: F401  (fixture)
from tests.analitik.test_selectors import isi_acak, jam, survei_harapan
from tests.factories import UnitLayananFactory


def url(instansi: Instansi) -> str:
    return reverse("analitik:dasbor_instansi", kwargs={"instansi": instansi.slug})


def test_anonymous_visitor_is_sent_to_login(client: Client, instansi: Instansi) -> None:
    respons = client.get(url(instansi))
    assert respons.status_code == 302
    assert respons["Location"] == f"{reverse('account_login')}?next={url(instansi)}"


@pytest.mark.parametrize("aktor", ["warga", "petugas", "evaluator_lain", "admin_lain"])
def test_others_are_refused(
    aktor: str, instansi: Instansi, masuk: Callable[..., Client], request: pytest.FixtureRequest
) -> None:
    pengguna: Pengguna = request.getfixturevalue(aktor)
    respons = masuk(pengguna, totp=aktor in ("evaluator_lain", "admin_lain")).get(url(instansi))
    assert respons.status_code == 403


@pytest.mark.parametrize("aktor", ["evaluator", "admin_instansi", "superuser"])
def test_evaluators_admins_and_superusers_see_it(
    aktor: str, instansi: Instansi, masuk: Callable[..., Client], request: pytest.FixtureRequest
) -> None:
    respons = masuk(request.getfixturevalue(aktor), totp=True).get(url(instansi))
    assert respons.status_code == 200
    assert "Belum ada respons survei untuk instansi ini." in respons.content.decode()


def test_an_unknown_instansi_is_404(evaluator: Pengguna, masuk: Callable[..., Client]) -> None:
    respons = masuk(evaluator, totp=True).get(
        reverse("analitik:dasbor_instansi", kwargs={"instansi": "tidak-ada"})
    )
    assert respons.status_code == 404


def test_the_table_gives_each_units_ikm_per_semester_from_one_aggregate_query(
    merger: Merger,  # noqa: F811
    evaluator: Pengguna,
    masuk: Callable[..., Client],
) -> None:
    klien = masuk(evaluator, totp=True)
    with CaptureQueriesContext(connection) as kueri:
        respons = klien.get(url(merger.instansi))
    halaman = respons.content.decode()
    # Whatever the units and periods: one GROUP BY over the responses for the scores (their
    # stored answer patterns), and the answers read once, for harapan.
    sql = [q["sql"] for q in kueri.captured_queries]
    assert len([q for q in sql if "pola_unsur" in q and "GROUP BY" in q]) == 1
    assert len([q for q in sql if "survei_jawaban" in q]) == 1
    assert [s.label for s in respons.context["semester"]] == [
        "Semester II 2023",
        "Semester I 2024",
        "Semester II 2024",
        "Semester I 2025",
    ]
    baris = {u.nama: sel for u, sel in respons.context["baris"]}
    assert list(baris) == ["Unit A", "Unit B", "Unit C", "Unit K1", "Unit K2"]
    with translation.override("id"):
        for unit, i, mulai, sampai in (
            (merger.c, 2, jam(2024, 7, 1), jam(2025, 1, 1)),
            (merger.a, 1, jam(2024, 1, 1), jam(2024, 7, 1)),
            (merger.k1, 3, jam(2025, 1, 1), jam(2025, 7, 1)),
        ):
            h = ikm(tabel_hitung(unit_ids=[unit.pk], mulai=mulai, sampai=sampai))
            sel = baris[unit.nama][i]
            assert (sel.n, sel.nilai_konversi, sel.mutu) == (h.n, fmt.angka(h.nilai_konversi_bulat), h.mutu)
            assert (
                f'{fmt.angka(h.nilai_konversi_bulat)} <span class="lencana lencana--primary">{h.mutu}</span>'
                in halaman
            )
    # Unit C had no responses before the merger.
    assert baris["Unit C"][0].nilai_konversi == "–" and baris["Unit C"][0].n == 0

    tren = respons.context["tren"]
    assert tren.kolom[1:] == ("Unit A", "Unit B", "Unit C", "Unit K1", "Unit K2")
    assert [r[3] for r in tren.baris] == [s.nilai for s in baris["Unit C"]]
    assert "Penataan 1 Jul 2024" in tren.svg
    assert "Data diagram: Nilai konversi IKM per periode" in halaman
    assert respons.context["ipa"] is None  # the SKM template asks no harapan

    tautan = reverse("analitik:dasbor_penataan", kwargs={"penataan_id": merger.penataan.pk})
    assert f'href="{tautan}">Penggabungan Unit A dan Unit B</a>' in halaman


def test_harapan_answers_add_the_importance_performance_chart(
    instansi: Instansi, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    unit = UnitLayananFactory.create(instansi=instansi, nama="Unit H", slug="unit-h")
    survei = survei_harapan(unit)
    isi_acak(survei, unit, 30, mulai=jam(2024, 1, 1), sampai=jam(2024, 6, 1), rng=random.Random(3))
    respons = masuk(evaluator, totp=True).get(url(instansi))
    ipa = respons.context["ipa"]
    assert ipa is not None and "Semester I 2024" in ipa.judul
    assert ipa.svg in respons.content.decode()
