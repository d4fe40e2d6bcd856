from django.db import migrations


def pasang(apps, schema_editor):
    from survei.skm import pasang_template

    pasang_template(apps.get_model("survei", "Kuesioner"), apps.get_model("survei", "Pertanyaan"))


class Migration(migrations.Migration):
    dependencies = [("survei", "0002_jawaban_jenis_sama_dengan_pertanyaan")]

    operations = [migrations.RunPython(pasang, migrations.RunPython.noop)]
