"""Working days: weekends and each instansi's own holidays are skipped."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forum.hari_kerja import adalah_hari_kerja, hari_kerja_antara, tambah_hari_kerja
from forum.models import HariLibur
from organisasi.models import Instansi

pytestmark = pytest.mark.django_db

SENIN = date(2026, 11, 2)


def test_three_working_days_after_a_monday_is_thursday(instansi: Instansi) -> None:
    assert tambah_hari_kerja(SENIN, 3, instansi_id=instansi.pk) == date(2026, 11, 5)


@pytest.mark.parametrize("hari", [date(2026, 11, 6), date(2026, 11, 7), date(2026, 11, 8)])
def test_filing_on_friday_or_the_weekend_is_due_on_wednesday(instansi: Instansi, hari: date) -> None:
    assert tambah_hari_kerja(hari, 3, instansi_id=instansi.pk) == date(2026, 11, 11)


def test_a_holiday_of_the_instansi_moves_the_deadline(instansi: Instansi, instansi_lain: Instansi) -> None:
    HariLibur.objects.create(instansi=instansi, tanggal=date(2026, 11, 4), nama="Libur daerah")
    assert tambah_hari_kerja(SENIN, 3, instansi_id=instansi.pk) == date(2026, 11, 6)
    # Another government's holiday is not this one's.
    assert tambah_hari_kerja(SENIN, 3, instansi_id=instansi_lain.pk) == date(2026, 11, 5)


def test_a_long_collective_leave_is_read_beyond_the_first_window(instansi: Instansi) -> None:
    # Twenty-five days off in a row: more than the first window (2 * 3 + 14 days) holds.
    for i in range(25):
        HariLibur.objects.create(instansi=instansi, tanggal=SENIN + timedelta(days=i + 1), nama="Cuti")
    akhir_libur = SENIN + timedelta(days=25)  # Friday 27 November
    assert akhir_libur.weekday() == 4
    assert tambah_hari_kerja(SENIN, 3, instansi_id=instansi.pk) == date(2026, 12, 2)


def test_ten_working_days_span_two_weekends(instansi: Instansi) -> None:
    assert tambah_hari_kerja(SENIN, 10, instansi_id=instansi.pk) == date(2026, 11, 16)


def test_zero_working_days_is_a_programming_error(instansi: Instansi) -> None:
    with pytest.raises(ValueError, match="positif"):
        tambah_hari_kerja(SENIN, 0, instansi_id=instansi.pk)


def test_working_days_between_two_dates(instansi: Instansi) -> None:
    HariLibur.objects.create(instansi=instansi, tanggal=date(2026, 11, 4), nama="Libur")
    assert hari_kerja_antara(SENIN, date(2026, 11, 9), instansi_id=instansi.pk) == 4
    assert hari_kerja_antara(SENIN, SENIN, instansi_id=instansi.pk) == 0
    assert hari_kerja_antara(date(2026, 11, 9), SENIN, instansi_id=instansi.pk) == 0


def test_is_a_working_day(instansi: Instansi) -> None:
    HariLibur.objects.create(instansi=instansi, tanggal=SENIN, nama="Libur")
    assert not adalah_hari_kerja(SENIN, instansi_id=instansi.pk)
    assert adalah_hari_kerja(SENIN + timedelta(days=1), instansi_id=instansi.pk)
    assert not adalah_hari_kerja(date(2026, 11, 7), instansi_id=instansi.pk)
