"""The nine unsur answers move from Jawaban rows into columns of the response (Respons.u1..u9).

A submission then writes one row instead of ten: the foreign keys of nine answer rows locked
the nine shared question rows of the questionnaire for every concurrent submission. The
database still refuses a value outside 1..4, now with a CHECK on each column, and a
questionnaire may have one unsur question per unsur (each has its column). The summaries
(pola_unsur, jumlah_unsur, dijawab_unsur) are recomputed from the columns and are never NULL
any more: every writer fills them (survei.models.isian_unsur) and a CHECK holds them to the
columns.

Existing answers are moved in one UPDATE and then deleted from Jawaban; going back puts them
back as rows."""

from django.db import migrations, models
from django.db.models.functions import Coalesce

UNSUR = [f"U{k}" for k in range(1, 10)]
KOLOM = [k.lower() for k in UNSUR]

_JAWABAN_UNSUR = (
    "SELECT j.nilai FROM survei_jawaban j JOIN survei_pertanyaan p ON p.id = j.pertanyaan_id "
    "WHERE j.respons_id = survei_respons.id AND p.kelompok = 'unsur' AND p.unsur = '{kode}'"
)
PINDAH = (
    "UPDATE survei_respons SET "
    + ", ".join(f"{k.lower()} = ({_JAWABAN_UNSUR.format(kode=k)})" for k in UNSUR)
    + " WHERE EXISTS (SELECT 1 FROM survei_jawaban j JOIN survei_pertanyaan p ON p.id = j.pertanyaan_id "
    "WHERE j.respons_id = survei_respons.id AND p.kelompok = 'unsur')"
)
RINGKAS = (
    "UPDATE survei_respons SET "
    f"pola_unsur = {' + '.join(f'COALESCE({k}, 0) * {5**i}' for i, k in enumerate(KOLOM))}, "
    f"jumlah_unsur = {' + '.join(f'COALESCE({k}, 0)' for k in KOLOM)}, "
    f"dijawab_unsur = {' + '.join(f'CASE WHEN {k} IS NULL THEN 0 ELSE 1 END' for k in KOLOM)}"
)
HAPUS = (
    "DELETE FROM survei_jawaban WHERE pertanyaan_id IN "
    "(SELECT id FROM survei_pertanyaan WHERE kelompok = 'unsur')"
)
KEMBALI = (
    "INSERT INTO survei_jawaban (respons_id, pertanyaan_id, jenis, nilai, teks) "
    "SELECT r.id, p.id, p.jenis, r.{kolom}, NULL FROM survei_respons r "
    "JOIN survei_survei s ON s.id = r.survei_id "
    "JOIN survei_pertanyaan p ON p.kuesioner_id = s.kuesioner_id AND p.kelompok = 'unsur' AND p.unsur = '{kode}' "
    "WHERE r.{kolom} IS NOT NULL"
)


def pindah(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Both UPDATEs touch the same rows: their deferred foreign-key checks would still be
        # pending when the ALTER TABLEs that follow run, which PostgreSQL refuses.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema_editor.execute(PINDAH)
    schema_editor.execute(RINGKAS)
    schema_editor.execute(HAPUS)


def kembali(apps, schema_editor):
    for kode, kolom in zip(UNSUR, KOLOM, strict=True):
        schema_editor.execute(KEMBALI.format(kolom=kolom, kode=kode))


def _rentang():
    syarat = None
    for k in KOLOM:
        satu = models.Q((f"{k}__isnull", True), (f"{k}__range", (1, 4)), _connector="OR")
        syarat = satu if syarat is None else syarat & satu
    return syarat


def _sesuai():
    """The summaries are those of u1..u9 (survei.models.isian_unsur)."""

    def jumlah(bagian):
        bagian = list(bagian)
        hasil = bagian[0]
        for b in bagian[1:]:
            hasil = hasil + b
        return hasil

    return models.Q(
        pola_unsur=jumlah(Coalesce(models.F(k), 0) * 5**i for i, k in enumerate(KOLOM)),
        jumlah_unsur=jumlah(Coalesce(models.F(k), 0) for k in KOLOM),
        dijawab_unsur=jumlah(
            models.Case(models.When(**{f"{k}__isnull": True}, then=0), default=1) for k in KOLOM
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("survei", "0004_respons_ringkasan_unsur"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name="respons",
                name=kolom,
                field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name=kode),
            )
            for kode, kolom in zip(UNSUR, KOLOM, strict=True)
        ],
        migrations.AddConstraint(
            model_name="pertanyaan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kelompok", "unsur")),
                fields=("kuesioner", "unsur"),
                name="pertanyaan_satu_per_unsur",
            ),
        ),
        migrations.RemoveConstraint(model_name="respons", name="respons_ringkasan_unsur_utuh"),
        migrations.RunPython(pindah, kembali),
        migrations.AlterField(
            model_name="respons",
            name="pola_unsur",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="pola jawaban unsur"),
        ),
        migrations.AlterField(
            model_name="respons",
            name="jumlah_unsur",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="jumlah nilai unsur"
            ),
        ),
        migrations.AlterField(
            model_name="respons",
            name="dijawab_unsur",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="unsur yang dijawab"
            ),
        ),
        migrations.AddConstraint(
            model_name="respons",
            constraint=models.CheckConstraint(condition=_rentang(), name="respons_unsur_1_4"),
        ),
        migrations.AddConstraint(
            model_name="respons",
            constraint=models.CheckConstraint(condition=_sesuai(), name="respons_ringkasan_sesuai_unsur"),
        ),
    ]
