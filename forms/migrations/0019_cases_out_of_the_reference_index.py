"""Citizens' cases were kept in Wagtail's reference index while their admin screens registered them; they no longer
are (add_to_reference_index = False on the queue and complaint viewsets). The rows they left behind are removed."""

from django.db import migrations

CASE_MODELS = (("intake", "application"), ("complaints", "complaint"))


def forget_cases(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    for app_label, model in CASE_MODELS:
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is not None:
            ReferenceIndex.objects.filter(base_content_type=content_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0018_queue_sort_indexes"),
        ("complaints", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forget_cases, migrations.RunPython.noop)]
