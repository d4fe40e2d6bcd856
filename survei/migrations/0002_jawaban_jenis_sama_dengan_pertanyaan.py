"""Make the database refuse an answer whose `jenis` differs from its question's.

Together with Jawaban's CHECK constraint this means the database itself rejects a value outside
the question's scale. Django has no composite foreign keys, so the SQL is written per vendor:
a (pertanyaan_id, jenis) foreign key on PostgreSQL, triggers on SQLite (which cannot add a
constraint to an existing table).
"""

from django.db import migrations

POSTGRES_MAJU = """
ALTER TABLE survei_jawaban ADD CONSTRAINT jawaban_jenis_sama_dengan_pertanyaan
    FOREIGN KEY (pertanyaan_id, jenis) REFERENCES survei_pertanyaan (id, jenis)
    ON UPDATE RESTRICT ON DELETE RESTRICT;
"""
POSTGRES_MUNDUR = "ALTER TABLE survei_jawaban DROP CONSTRAINT jawaban_jenis_sama_dengan_pertanyaan;"

_PERIKSA = """
FOR EACH ROW WHEN NEW.jenis IS NOT (SELECT jenis FROM survei_pertanyaan WHERE id = NEW.pertanyaan_id)
BEGIN SELECT RAISE(ABORT, 'jawaban.jenis harus sama dengan jenis pertanyaannya'); END;
"""
SQLITE_MAJU = [
    "CREATE TRIGGER jawaban_jenis_insert BEFORE INSERT ON survei_jawaban " + _PERIKSA,
    "CREATE TRIGGER jawaban_jenis_update BEFORE UPDATE OF jenis, pertanyaan_id ON survei_jawaban " + _PERIKSA,
    """CREATE TRIGGER pertanyaan_jenis_tetap BEFORE UPDATE OF jenis ON survei_pertanyaan
    FOR EACH ROW WHEN NEW.jenis IS NOT OLD.jenis
        AND EXISTS (SELECT 1 FROM survei_jawaban WHERE pertanyaan_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, 'jenis pertanyaan yang sudah dijawab tidak boleh diubah'); END;""",
]
SQLITE_MUNDUR = [
    "DROP TRIGGER jawaban_jenis_insert;",
    "DROP TRIGGER jawaban_jenis_update;",
    "DROP TRIGGER pertanyaan_jenis_tetap;",
]


def maju(apps, schema_editor):
    _jalankan(schema_editor, [POSTGRES_MAJU], SQLITE_MAJU)


def mundur(apps, schema_editor):
    _jalankan(schema_editor, [POSTGRES_MUNDUR], SQLITE_MUNDUR)


def _jalankan(schema_editor, postgres, sqlite):
    vendor = schema_editor.connection.vendor
    perintah = {"postgresql": postgres, "sqlite": sqlite}.get(vendor)
    if perintah is None:
        raise RuntimeError(f"Tilik supports PostgreSQL and SQLite, not {vendor}")
    for sql in perintah:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("survei", "0001_initial")]

    operations = [migrations.RunPython(maju, mundur)]
