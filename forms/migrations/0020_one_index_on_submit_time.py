"""The plain submit_time index goes: the report's covering index on the same key serves the queue's "submitted"
filter too, and beside it the planner read the trend's 500,000 table rows through the smaller plain one. SQLite,
which got no covering index in 0014, gets intake_app_report_cohort's keys here."""

from django.db import migrations

from forms.intake.report_times import covering_indexes_create


def covering_indexes_ensure(apps, schema_editor):
    covering_indexes_create(schema_editor)  # IF NOT EXISTS: nothing to do where 0014 made them


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0019_cases_out_of_the_reference_index"),
    ]

    operations = [
        # The covering index first, so that submit_time is never without one.
        migrations.RunPython(covering_indexes_ensure, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="application", name="intake_app_submitted"),
    ]
