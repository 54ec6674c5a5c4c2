from django.db import migrations


def visit_forms_use_the_visit_day_field(apps, schema_editor):
    """IKD forms seeded before this app asked for a plain date; give them the bookable-day field."""
    ApplicationFormField = apps.get_model("intake", "ApplicationFormField")
    ApplicationFormField.objects.filter(page__processing="visit", field_type="date").update(field_type="visit_date")


def back_to_a_plain_date(apps, schema_editor):
    ApplicationFormField = apps.get_model("intake", "ApplicationFormField")
    ApplicationFormField.objects.filter(field_type="visit_date").update(field_type="date")


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0001_initial"),
        ("intake", "0004_counter_channel"),
    ]

    operations = [migrations.RunPython(visit_forms_use_the_visit_day_field, back_to_a_plain_date)]
