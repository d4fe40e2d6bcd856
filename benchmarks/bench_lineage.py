"""How the lineage selector scales with the history of an instansi.

A synthetic instansi with a long chain of restructurings: each year-step merges the previous
result with an untouched unit, renames it, or splits it. We ask for the "before" of the last
unit (the deepest walk) and of an untouched unit, and report time and query counts.

    make bench          (or: .venv/bin/python benchmarks/bench_lineage.py)
"""

import sys
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _django

_django.siapkan()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from organisasi.models import Instansi, LinPenataan, Penataan, UnitLayanan  # noqa: E402
from organisasi.selectors import unit_sebelum  # noqa: E402

LANGKAH = 200  # penataan in the chain
CADANGAN = 400  # untouched units (merge partners and the comparison group)


@transaction.atomic
def bangun() -> tuple[UnitLayanan, UnitLayanan, Penataan]:
    instansi = Instansi.objects.create(nama="Kota Bench", slug="kota-bench")
    cadangan = UnitLayanan.objects.bulk_create(
        UnitLayanan(instansi=instansi, nama=f"Unit {i}", slug=f"unit-{i}") for i in range(CADANGAN)
    )
    kini = cadangan[0]
    tanggal = date(2000, 1, 1)
    penataan = None
    for langkah in range(LANGKAH):
        tanggal += timedelta(days=30)
        penataan = Penataan.objects.create(
            instansi=instansi, judul=f"Penataan {langkah}", tanggal_efektif=tanggal, dasar_hukum="bench"
        )
        baru = UnitLayanan.objects.create(instansi=instansi, nama=f"Hasil {langkah}", slug=f"hasil-{langkah}")
        jenis = langkah % 3
        if jenis == 0:  # merger with an untouched unit
            mitra = cadangan[1 + langkah % (CADANGAN - 1)]
            LinPenataan.objects.bulk_create(
                [
                    LinPenataan(penataan=penataan, jenis="penggabungan", unit_asal=kini, unit_hasil=baru),
                    LinPenataan(penataan=penataan, jenis="penggabungan", unit_asal=mitra, unit_hasil=baru),
                ]
            )
        elif jenis == 1:  # rename
            LinPenataan.objects.create(penataan=penataan, jenis="ganti_nama", unit_asal=kini, unit_hasil=baru)
        else:  # split, we follow the larger part
            sisa = UnitLayanan.objects.create(
                instansi=instansi, nama=f"Sisa {langkah}", slug=f"sisa-{langkah}"
            )
            LinPenataan.objects.bulk_create(
                [
                    LinPenataan(
                        penataan=penataan,
                        jenis="pemecahan",
                        unit_asal=kini,
                        unit_hasil=baru,
                        porsi=Decimal("0.9"),
                    ),
                    LinPenataan(
                        penataan=penataan,
                        jenis="pemecahan",
                        unit_asal=kini,
                        unit_hasil=sisa,
                        porsi=Decimal("0.1"),
                    ),
                ]
            )
        kini = baru
    assert penataan is not None
    return kini, cadangan[-1], penataan


def main() -> None:
    terakhir, tak_tersentuh, penataan = bangun()
    for label, unit in (("unit at the end of the chain", terakhir), ("untouched unit", tak_tersentuh)):
        with CaptureQueriesContext(connection) as q:
            hasil = unit_sebelum(unit=unit, penataan=penataan)
        median, maks = _django.ukur(partial(unit_sebelum, unit=unit, penataan=penataan))
        print(
            f"unit_sebelum, {label}: {len(hasil)} predecessor units, {len(q)} queries, "
            f"median {median:.1f} ms, max {maks:.1f} ms ({LANGKAH} penataan, {connection.vendor})"
        )


if __name__ == "__main__":
    main()
