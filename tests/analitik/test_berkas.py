"""Reading CSV and XLSX files in the export format into count tables, and the one clear
message (row as the spreadsheet shows it, column name and letter) for a file that cannot be
used."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from analitik.berkas import BerkasTidakSah, berkas_baca
from analitik.tabel import KODE_HARAPAN, KODE_UNSUR, dari_baris

AWAL = ["waktu", "unit", "layanan", "sumber", "jenis_kelamin", "usia", "pendidikan", "pekerjaan"]
KEPALA = [*AWAL, *KODE_UNSUR]
PROFIL = ["2025-03-04T10:15:00+07:00", "Dinas A", "KTP", "impor", "P", "41", "SMA", "Swasta"]
BARIS: list[list[int | None]] = [
    [4, 3, 3, 4, 3, 3, 4, 2, 3],
    [3, 3, None, 4, 3, 4, 4, 1, 3],
    [2, None, None, None, None, None, None, None, None],
    [None] * 9,  # a questionnaire without any unsur answer: not a respondent of the IKM
]


def tulis_csv(jalur: Path, kepala, baris, *, pemisah=",", pengodean="utf-8") -> Path:
    with jalur.open("w", newline="", encoding=pengodean) as f:
        w = csv.writer(f, delimiter=pemisah)
        w.writerow(kepala)
        w.writerows(baris)
    return jalur


def tulis_xlsx(jalur: Path, baris_lembar) -> Path:
    buku = Workbook()
    lembar = buku.active
    for b in baris_lembar:
        lembar.append(b)
    buku.save(jalur)
    return jalur


def isi(baris):
    return [[*PROFIL, *["" if v is None else v for v in b]] for b in baris]


def test_a_csv_export_gives_the_same_tables_as_the_raw_rows(tmp_path):
    jalur = tulis_csv(tmp_path / "ekspor.csv", [*KEPALA, "catatan"], [[*r, "teks bebas"] for r in isi(BARIS)])
    assert berkas_baca(jalur) == dari_baris(BARIS)


def test_column_names_match_trimmed_and_in_any_case_and_other_columns_are_ignored(tmp_path):
    kepala = [*AWAL, " u1", "U2 ", "u3", "U4", "U5", "U6", "U7", "U8", "U9", "U10", "Ux"]
    baris = [[*r, "9", "zz"] for r in isi(BARIS)]
    assert berkas_baca(tulis_csv(tmp_path / "a.csv", kepala, baris)) == dari_baris(BARIS)


def test_a_semicolon_csv_with_bom_from_an_indonesian_spreadsheet(tmp_path):
    jalur = tulis_csv(tmp_path / "a.csv", KEPALA, isi(BARIS), pemisah=";", pengodean="utf-8-sig")
    assert berkas_baca(jalur) == dari_baris(BARIS)


def test_a_csv_that_is_not_utf8_is_still_read(tmp_path):
    baris = isi(BARIS)
    baris[0][1] = "Dinas Pendapatan – Café"  # en dash and é in Windows-1252
    jalur = tulis_csv(tmp_path / "a.csv", KEPALA, baris, pengodean="cp1252")
    assert berkas_baca(jalur) == dari_baris(BARIS)


def test_an_xlsx_with_numbers_text_and_empty_cells(tmp_path):
    baris = isi(BARIS)
    baris[0][8] = 4.0  # a number cell Excel stored as a float
    baris[1][9] = "3"  # a number typed as text
    baris[1][10] = None
    jalur = tulis_xlsx(tmp_path / "a.xlsx", [KEPALA, *baris])
    assert berkas_baca(jalur) == dari_baris(BARIS)


def test_harapan_columns_are_read_when_present(tmp_path):
    kepala = [*KEPALA, *KODE_HARAPAN]
    baris = [[*PROFIL, *[3] * 9, *[4] * 9], [*PROFIL, *[2] * 9, 3, *[""] * 8]]
    t = berkas_baca(tulis_csv(tmp_path / "a.csv", kepala, baris))
    assert t.harapan["H1"] == (0, 0, 1, 1)
    assert t.harapan["H2"] == (0, 0, 0, 1)
    assert berkas_baca(tulis_csv(tmp_path / "b.csv", KEPALA, isi(BARIS))).harapan == {}


@pytest.mark.parametrize(
    ("nilai", "teks"),
    [("5", '"5"'), ("a", '"a"'), ("3,5", '"3,5"'), ("0", '"0"'), ("-1", '"-1"')],
)
def test_a_bad_value_names_the_spreadsheet_row_and_the_column(tmp_path, nilai, teks):
    baris = isi(BARIS)
    baris[1][10] = nilai  # second data row = spreadsheet row 3; U3 is column K
    with pytest.raises(BerkasTidakSah) as e:
        berkas_baca(tulis_csv(tmp_path / "a.csv", KEPALA, baris))
    assert e.value.pesan == (
        f"Baris 3, kolom U3 (K): {teks} bukan nilai yang sah; isi 1, 2, 3 atau 4, atau kosongkan "
        "bila tidak dijawab."
    )


def test_a_bad_xlsx_cell_is_named_by_its_real_row(tmp_path):
    baris = isi(BARIS)
    baris[2][16] = 4.5  # third data row, U9 (column Q)
    jalur = tulis_xlsx(tmp_path / "a.xlsx", [[], [], KEPALA, *baris])  # header on row 3
    with pytest.raises(BerkasTidakSah, match=r"^Baris 6, kolom U9 \(Q\): \"4.5\""):
        berkas_baca(jalur)


def test_a_missing_unsur_column_is_named(tmp_path):
    kepala = [k for k in KEPALA if k not in ("U4", "U7")]
    baris = [r[:11] + r[12:14] + r[15:] for r in isi(BARIS)]
    with pytest.raises(BerkasTidakSah, match=r"^Baris 1 \(judul kolom\): kolom U4, U7 tidak ditemukan"):
        berkas_baca(tulis_csv(tmp_path / "a.csv", kepala, baris))


def test_a_duplicated_unsur_column_is_refused(tmp_path):
    with pytest.raises(BerkasTidakSah, match=r"kolom U2 muncul dua kali \(kolom J dan R\)"):
        berkas_baca(tulis_csv(tmp_path / "a.csv", [*KEPALA, "u2"], [[*r, 3] for r in isi(BARIS)]))


@pytest.mark.parametrize(
    ("isi_berkas", "nama", "pesan"),
    [
        (b"", "a.csv", "Berkas kosong."),
        (b"\n\n", "a.csv", "Berkas kosong: tidak ada baris judul"),
        (",".join(KEPALA).encode() + b"\n", "a.csv", "Berkas hanya berisi judul kolom"),
        (b"\x00\x01\x02binary\x00", "a.csv", "Berkas ini bukan CSV maupun XLSX"),
        (b"PK\x03\x04 not really a zip", "a.xlsx", "Berkas XLSX ini rusak"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a.xls", "Format XLS lama tidak didukung"),
    ],
)
def test_an_empty_or_unreadable_file_gets_one_clear_message(tmp_path, isi_berkas, nama, pesan):
    jalur = tmp_path / nama
    jalur.write_bytes(isi_berkas)
    with pytest.raises(BerkasTidakSah, match="^" + pesan.replace("(", r"\(")):
        berkas_baca(jalur)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(BerkasTidakSah, match="tidak ditemukan"):
        berkas_baca(tmp_path / "tidak-ada.csv")
    with pytest.raises(BerkasTidakSah, match="tidak ditemukan"):
        berkas_baca(tmp_path)  # a directory


def test_whole_numbers_written_with_decimals_are_accepted(tmp_path):
    baris = isi(BARIS)
    baris[0][8], baris[0][9] = "4.0", "3,0"
    assert berkas_baca(tulis_csv(tmp_path / "a.csv", KEPALA, baris)) == dari_baris(BARIS)
