"""organisasi.selectors: which units' history is the "before" of a unit at a restructuring."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pytest_django import DjangoAssertNumQueries

from organisasi.models import Instansi, LinPenataan, Penataan, UnitLayanan
from organisasi.selectors import Pendahulu, unit_hasil_penataan, unit_sebelum, unit_tidak_ditata
from tests.factories import InstansiFactory, LinPenataanFactory, PenataanFactory, UnitLayananFactory

Jenis = LinPenataan.Jenis


@pytest.fixture
def kota(db: None) -> Instansi:
    return InstansiFactory.create(slug="kota")


def buat_unit(instansi: Instansi, kode: str, **kwargs: object) -> UnitLayanan:
    return UnitLayananFactory.create(instansi=instansi, nama=f"Unit {kode}", slug=kode.lower(), **kwargs)


def buat_penataan(instansi: Instansi, tanggal: date) -> Penataan:
    return PenataanFactory.create(instansi=instansi, tanggal_efektif=tanggal)


def sisi(
    penataan: Penataan,
    jenis: str,
    asal: UnitLayanan | None,
    hasil: UnitLayanan | None,
    porsi: str | None = None,
) -> LinPenataan:
    return LinPenataanFactory.create(
        penataan=penataan,
        jenis=jenis,
        unit_asal=asal,
        unit_hasil=hasil,
        porsi=Decimal(porsi) if porsi else None,
    )


def ringkas(pendahulu: list[Pendahulu]) -> list[tuple[str, Decimal | None, tuple[int, ...]]]:
    return [(p.unit.nama, p.porsi, p.melalui) for p in pendahulu]


def test_penggabungan_memberi_unit_hasil_semua_unit_asal(kota: Instansi) -> None:
    a, b, c = buat_unit(kota, "A"), buat_unit(kota, "B"), buat_unit(kota, "C")
    p = buat_penataan(kota, date(2024, 1, 1))
    sisi(p, Jenis.PENGGABUNGAN, a, c)
    sisi(p, Jenis.PENGGABUNGAN, b, c)

    assert ringkas(unit_sebelum(unit=c, penataan=p)) == [("Unit A", None, (p.pk,)), ("Unit B", None, (p.pk,))]


def test_penggabungan_dengan_peleburan_unit_yang_bertahan_tetap_membawa_riwayatnya(kota: Instansi) -> None:
    a, b = buat_unit(kota, "A"), buat_unit(kota, "B")
    p = buat_penataan(kota, date(2024, 1, 1))
    sisi(p, Jenis.PENGGABUNGAN, a, a)
    sisi(p, Jenis.PENGGABUNGAN, b, a)

    assert ringkas(unit_sebelum(unit=a, penataan=p)) == [("Unit A", None, (p.pk,)), ("Unit B", None, (p.pk,))]
    # The absorbed unit, asked about directly, only has its own past.
    assert ringkas(unit_sebelum(unit=b, penataan=p)) == [("Unit B", None, ())]


def test_pemecahan_memberi_setiap_unit_hasil_porsinya(kota: Instansi) -> None:
    a, b, c = buat_unit(kota, "A"), buat_unit(kota, "B"), buat_unit(kota, "C")
    p = buat_penataan(kota, date(2024, 1, 1))
    sisi(p, Jenis.PEMECAHAN, a, b, "0.6")
    sisi(p, Jenis.PEMECAHAN, a, c, "0.4")

    assert ringkas(unit_sebelum(unit=b, penataan=p)) == [("Unit A", Decimal("0.6"), (p.pk,))]
    assert ringkas(unit_sebelum(unit=c, penataan=p)) == [("Unit A", Decimal("0.4"), (p.pk,))]


def test_perubahan_nama_menjadikan_unit_lama_sebagai_sebelum(kota: Instansi) -> None:
    lama, baru = buat_unit(kota, "Lama"), buat_unit(kota, "Baru")
    p = buat_penataan(kota, date(2024, 1, 1))
    sisi(p, Jenis.GANTI_NAMA, lama, baru)

    assert ringkas(unit_sebelum(unit=baru, penataan=p)) == [("Unit Lama", None, (p.pk,))]


def test_unit_yang_baru_dibentuk_tidak_punya_sebelum(kota: Instansi) -> None:
    baru = buat_unit(kota, "N")
    p = buat_penataan(kota, date(2024, 1, 1))
    sisi(p, Jenis.BARU, None, baru)

    assert unit_sebelum(unit=baru, penataan=p) == []


def test_unit_yang_dibubarkan_hanya_punya_masa_lalunya_sendiri(kota: Instansi) -> None:
    bubar, tetap = buat_unit(kota, "Bubar"), buat_unit(kota, "Tetap")
    p = buat_penataan(kota, date(2024, 1, 1))
    sisi(p, Jenis.DIBUBARKAN, bubar, None)

    assert ringkas(unit_sebelum(unit=bubar, penataan=p)) == [("Unit Bubar", None, ())]
    assert ringkas(unit_sebelum(unit=tetap, penataan=p)) == [("Unit Tetap", None, ())]


def test_unit_yang_tidak_pernah_ditata_sebelumnya_adalah_dirinya_sendiri(kota: Instansi) -> None:
    a, b, c = buat_unit(kota, "A"), buat_unit(kota, "B"), buat_unit(kota, "C")
    p = buat_penataan(kota, date(2024, 1, 1))
    sisi(p, Jenis.GANTI_NAMA, a, b)

    [pendahulu] = unit_sebelum(unit=c, penataan=p)

    assert pendahulu.unit == c
    assert pendahulu.porsi is None
    assert pendahulu.melalui == ()
    assert pendahulu.kedalaman == 0


def test_rantai_dua_penataan_menelusuri_semua_pendahulu(kota: Instansi) -> None:
    x, y, z, w = (buat_unit(kota, k) for k in "XYZW")
    p2022 = buat_penataan(kota, date(2022, 1, 1))
    sisi(p2022, Jenis.GANTI_NAMA, x, y)
    p2024 = buat_penataan(kota, date(2024, 1, 1))
    sisi(p2024, Jenis.PENGGABUNGAN, y, w)
    sisi(p2024, Jenis.PENGGABUNGAN, z, w)

    assert ringkas(unit_sebelum(unit=w, penataan=p2024)) == [
        ("Unit Y", None, (p2024.pk,)),
        ("Unit Z", None, (p2024.pk,)),
        ("Unit X", None, (p2024.pk, p2022.pk)),
    ]


def test_porsi_pemecahan_berantai_dikalikan(kota: Instansi) -> None:
    a, b, c, d, e = (buat_unit(kota, k) for k in "ABCDE")
    p2022 = buat_penataan(kota, date(2022, 1, 1))
    sisi(p2022, Jenis.PEMECAHAN, a, b, "0.6")
    sisi(p2022, Jenis.PEMECAHAN, a, c, "0.4")
    p2024 = buat_penataan(kota, date(2024, 1, 1))
    sisi(p2024, Jenis.PEMECAHAN, b, d, "0.5")
    sisi(p2024, Jenis.PEMECAHAN, b, e, "0.5")

    assert ringkas(unit_sebelum(unit=d, penataan=p2024)) == [
        ("Unit B", Decimal("0.5"), (p2024.pk,)),
        ("Unit A", Decimal("0.3"), (p2024.pk, p2022.pk)),
    ]


def test_porsi_tanpa_angka_di_satu_langkah_memakai_porsi_langkah_lain(kota: Instansi) -> None:
    a, b, c = (buat_unit(kota, k) for k in "ABC")
    p2022 = buat_penataan(kota, date(2022, 1, 1))
    sisi(p2022, Jenis.PEMECAHAN, a, b, "0.25")
    p2024 = buat_penataan(kota, date(2024, 1, 1))
    sisi(p2024, Jenis.GANTI_NAMA, b, c)

    assert ringkas(unit_sebelum(unit=c, penataan=p2024)) == [
        ("Unit B", None, (p2024.pk,)),
        ("Unit A", Decimal("0.25"), (p2024.pk, p2022.pk)),
    ]


def test_unit_yang_dipecah_lalu_digabung_lagi_muncul_sekali_dengan_porsi_dijumlah(kota: Instansi) -> None:
    a, b, c, d = (buat_unit(kota, k) for k in "ABCD")
    p2022 = buat_penataan(kota, date(2022, 1, 1))
    sisi(p2022, Jenis.PEMECAHAN, a, b, "0.6")
    sisi(p2022, Jenis.PEMECAHAN, a, c, "0.4")
    p2024 = buat_penataan(kota, date(2024, 1, 1))
    sisi(p2024, Jenis.PENGGABUNGAN, b, d)
    sisi(p2024, Jenis.PENGGABUNGAN, c, d)

    hasil = unit_sebelum(unit=d, penataan=p2024)

    assert [p.unit.nama for p in hasil] == ["Unit B", "Unit C", "Unit A"]
    assert hasil[2].porsi == Decimal(1)


def test_unit_yang_tidak_tersentuh_tetap_membawa_pendahulu_dari_penataan_lama(kota: Instansi) -> None:
    x, y, lain = buat_unit(kota, "X"), buat_unit(kota, "Y"), buat_unit(kota, "Lain")
    p2022 = buat_penataan(kota, date(2022, 1, 1))
    sisi(p2022, Jenis.GANTI_NAMA, x, y)
    p2024 = buat_penataan(kota, date(2024, 1, 1))
    sisi(p2024, Jenis.DIBUBARKAN, lain, None)

    assert ringkas(unit_sebelum(unit=y, penataan=p2024)) == [
        ("Unit Y", None, ()),
        ("Unit X", None, (p2022.pk,)),
    ]


def test_riwayat_unit_yang_meleburkan_unit_lain_berlanjut_lewat_sisi_dirinya(kota: Instansi) -> None:
    x, y, z, lain = buat_unit(kota, "X"), buat_unit(kota, "Y"), buat_unit(kota, "Z"), buat_unit(kota, "Lain")
    p2022 = buat_penataan(kota, date(2022, 1, 1))
    sisi(p2022, Jenis.GANTI_NAMA, x, y)
    p2023 = buat_penataan(kota, date(2023, 1, 1))
    sisi(p2023, Jenis.PENGGABUNGAN, y, y)
    sisi(p2023, Jenis.PENGGABUNGAN, z, y)
    p2024 = buat_penataan(kota, date(2024, 1, 1))
    sisi(p2024, Jenis.DIBUBARKAN, lain, None)

    assert ringkas(unit_sebelum(unit=y, penataan=p2024)) == [
        ("Unit Y", None, ()),
        ("Unit Z", None, (p2023.pk,)),
        ("Unit X", None, (p2023.pk, p2022.pk)),
    ]


def test_penataan_yang_lebih_akhir_tidak_bocor_ke_jawaban_penataan_sebelumnya(kota: Instansi) -> None:
    x, y, z, w = (buat_unit(kota, k) for k in "XYZW")
    p2022 = buat_penataan(kota, date(2022, 1, 1))
    sisi(p2022, Jenis.GANTI_NAMA, x, y)
    p2024 = buat_penataan(kota, date(2024, 1, 1))
    sisi(p2024, Jenis.PENGGABUNGAN, y, w)
    sisi(p2024, Jenis.PENGGABUNGAN, z, w)

    assert ringkas(unit_sebelum(unit=y, penataan=p2022)) == [("Unit X", None, (p2022.pk,))]
    assert ringkas(unit_sebelum(unit=z, penataan=p2022)) == [("Unit Z", None, ())]
    assert ringkas(unit_sebelum(unit=w, penataan=p2022)) == [("Unit W", None, ())]


def test_penataan_lain_pada_tanggal_yang_sama_tidak_dihitung(kota: Instansi) -> None:
    a, b, c = (buat_unit(kota, k) for k in "ABC")
    pagi = buat_penataan(kota, date(2024, 1, 1))
    sisi(pagi, Jenis.GANTI_NAMA, a, b)
    sore = buat_penataan(kota, date(2024, 1, 1))
    sisi(sore, Jenis.GANTI_NAMA, b, c)

    assert ringkas(unit_sebelum(unit=c, penataan=sore)) == [("Unit B", None, (sore.pk,))]


def test_data_berputar_tidak_membuat_penelusuran_berulang(kota: Instansi) -> None:
    a, b, lain = buat_unit(kota, "A"), buat_unit(kota, "B"), buat_unit(kota, "Lain")
    p2022 = buat_penataan(kota, date(2022, 1, 1))
    sisi(p2022, Jenis.GANTI_NAMA, a, b)
    p2023 = buat_penataan(kota, date(2023, 1, 1))
    sisi(p2023, Jenis.GANTI_NAMA, b, a)
    p2024 = buat_penataan(kota, date(2024, 1, 1))
    sisi(p2024, Jenis.DIBUBARKAN, lain, None)

    assert ringkas(unit_sebelum(unit=a, penataan=p2024)) == [
        ("Unit A", None, ()),
        ("Unit B", None, (p2023.pk,)),
    ]


def test_unit_dari_instansi_lain_ditolak(kota: Instansi) -> None:
    p = buat_penataan(kota, date(2024, 1, 1))
    asing = UnitLayananFactory.create()

    with pytest.raises(ValueError, match="instansi yang sama"):
        unit_sebelum(unit=asing, penataan=p)


def test_jumlah_kueri_tidak_tumbuh_dengan_panjang_rantai(
    kota: Instansi, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # Eight renames in a row, each merging in one more unit: 17 predecessors, 8 levels deep.
    sekarang = buat_unit(kota, "U0")
    penataan = None
    for tahun in range(1, 9):
        berikut = buat_unit(kota, f"U{tahun}")
        tambahan = buat_unit(kota, f"T{tahun}")
        penataan = buat_penataan(kota, date(2015 + tahun, 1, 1))
        sisi(penataan, Jenis.PENGGABUNGAN, sekarang, berikut)
        sisi(penataan, Jenis.PENGGABUNGAN, tambahan, berikut)
        sekarang = berikut
    assert penataan is not None

    with django_assert_max_num_queries(2):
        hasil = unit_sebelum(unit=sekarang, penataan=penataan)
        [p.unit.nama for p in hasil]

    assert len(hasil) == 16
    assert max(p.kedalaman for p in hasil) == 8


# unit_hasil_penataan and unit_tidak_ditata ------------------------------------------------


def test_unit_hasil_penataan_adalah_unit_yang_dihasilkan_tanpa_yang_dibubarkan(kota: Instansi) -> None:
    a, b, c, n, bubar = (buat_unit(kota, k) for k in ["A", "B", "C", "N", "Bubar"])
    p = buat_penataan(kota, date(2024, 1, 1))
    sisi(p, Jenis.PENGGABUNGAN, a, c)
    sisi(p, Jenis.PENGGABUNGAN, b, c)
    sisi(p, Jenis.BARU, None, n)
    sisi(p, Jenis.DIBUBARKAN, bubar, None)

    assert list(unit_hasil_penataan(penataan=p)) == [c, n]


@pytest.fixture
def kelompok_pembanding(kota: Instansi) -> dict[str, object]:
    a, b, c = buat_unit(kota, "A"), buat_unit(kota, "B"), buat_unit(kota, "C", aktif_dari=date(2024, 1, 1))
    tetap = buat_unit(kota, "Tetap")
    tetangga = buat_unit(kota, "Tetangga")
    tutup = buat_unit(kota, "Tutup", aktif_sampai=date(2023, 6, 30))
    belum = buat_unit(kota, "Belum", aktif_dari=date(2024, 6, 1))
    buat_unit(InstansiFactory.create(), "Asing")
    p = buat_penataan(kota, date(2024, 1, 1))
    sisi(p, Jenis.PENGGABUNGAN, a, c)
    sisi(p, Jenis.PENGGABUNGAN, b, c)
    susulan = buat_penataan(kota, date(2024, 3, 1))
    sisi(susulan, Jenis.DIBUBARKAN, tetangga, None)
    return {"p": p, "tetap": tetap, "tetangga": tetangga, "tutup": tutup, "belum": belum}


def test_unit_tidak_ditata_adalah_unit_aktif_yang_tidak_disentuh_penataan_ini(
    kelompok_pembanding: dict[str, object],
) -> None:
    p = kelompok_pembanding["p"]
    assert isinstance(p, Penataan)

    assert [u.nama for u in unit_tidak_ditata(penataan=p)] == ["Unit Tetangga", "Unit Tetap"]


def test_unit_tidak_ditata_dengan_jendela_membuang_unit_yang_ditata_di_sekitarnya(
    kelompok_pembanding: dict[str, object],
) -> None:
    p = kelompok_pembanding["p"]
    assert isinstance(p, Penataan)

    assert [u.nama for u in unit_tidak_ditata(penataan=p, jendela_hari=90)] == ["Unit Tetap"]
    assert [u.nama for u in unit_tidak_ditata(penataan=p, jendela_hari=30)] == ["Unit Tetangga", "Unit Tetap"]
