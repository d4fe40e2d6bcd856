"""Respons.pola_unsur, jumlah_unsur, dijawab_unsur (survei.models.ringkasan_unsur), filled for
the responses stored before them from their unsur answers, in one UPDATE (the same formula as
analitik.selectors: digit k in base 5 is the value of unsur U(k+1)); the (unit, waktu) index
carries them so that the analysis reads the index alone."""

import django.db.models.expressions
from django.conf import settings
from django.db import migrations, models

_BOBOT = " ".join(f"WHEN 'U{k}' THEN {5 ** (k - 1)}" for k in range(1, 10))
ISI = f"""
UPDATE survei_respons SET pola_unsur = r.pola, jumlah_unsur = r.jumlah, dijawab_unsur = r.dijawab
FROM (
    SELECT j.respons_id, SUM(j.nilai * CASE p.unsur {_BOBOT} ELSE 0 END) AS pola,
           SUM(j.nilai) AS jumlah, COUNT(*) AS dijawab
    FROM survei_jawaban j JOIN survei_pertanyaan p ON p.id = j.pertanyaan_id
    WHERE p.kelompok = 'unsur'
    GROUP BY j.respons_id
) AS r
WHERE survei_respons.id = r.respons_id
"""
# A response without unsur answers (a profile-only row written by hand) has nothing to count.
ISI_KOSONG = (
    "UPDATE survei_respons SET pola_unsur = 0, jumlah_unsur = 0, dijawab_unsur = 0 WHERE dijawab_unsur IS NULL"
)


def isi(apps, schema_editor):
    schema_editor.execute(ISI)
    schema_editor.execute(ISI_KOSONG)


class Migration(migrations.Migration):

    dependencies = [
        ('organisasi', '0001_initial'),
        ('survei', '0003_template_skm'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='respons',
            name='dijawab_unsur',
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name='unsur yang dijawab'),
        ),
        migrations.AddField(
            model_name='respons',
            name='jumlah_unsur',
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name='jumlah nilai unsur'),
        ),
        migrations.AddField(
            model_name='respons',
            name='pola_unsur',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='pola jawaban unsur'),
        ),
        migrations.RunPython(isi, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name='respons',
            name='respons_unit_waktu',
        ),
        migrations.AddIndex(
            model_name='respons',
            index=models.Index(fields=['unit', 'waktu', 'dijawab_unsur', 'jumlah_unsur', 'pola_unsur'], name='respons_unit_waktu_ringkasan'),
        ),
        migrations.AddConstraint(
            model_name='respons',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('dijawab_unsur__isnull', True), ('jumlah_unsur__isnull', True), ('pola_unsur__isnull', True)), models.Q(('dijawab_unsur__isnull', False), ('jumlah_unsur__gte', models.F('dijawab_unsur')), ('jumlah_unsur__isnull', False), ('jumlah_unsur__lte', django.db.models.expressions.CombinedExpression(models.F('dijawab_unsur'), '*', models.Value(4))), ('pola_unsur__isnull', False)), _connector='OR'), name='respons_ringkasan_unsur_utuh'),
        ),
    ]
