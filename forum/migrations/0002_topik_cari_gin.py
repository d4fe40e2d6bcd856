"""A GIN index for the forum search on PostgreSQL.

forum.selectors._cari() filters on the weighted "simple" tsvector of judul and isi; without an
index every search reads every topic. The index is on that very expression (PostgreSQL uses an
expression index only for an identical expression), built here from the same Django
expressions as the query so both compile to the same SQL. SQLite has no tsvector (its search
is a substring match), so the index exists on PostgreSQL only and is not in the model's Meta:
the operation is RunPython guarded by vendor, like survei 0002.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

NAMA = "topik_cari_idx"


def _indeks() -> GinIndex:
    # Keep identical to forum.selectors.vektor_cari(): tests/forum/test_pencarian.py checks
    # that the search's plan uses this index.
    vektor = SearchVector("judul", weight="A", config="simple") + SearchVector(
        "isi", weight="B", config="simple"
    )
    return GinIndex(vektor, name=NAMA)


def maju(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.add_index(apps.get_model("forum", "Topik"), _indeks())


def mundur(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.remove_index(apps.get_model("forum", "Topik"), _indeks())


def _postgresql(schema_editor) -> bool:
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise RuntimeError(f"Tilik supports PostgreSQL and SQLite, not {vendor}")
    return vendor == "postgresql"


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [migrations.RunPython(maju, mundur)]
