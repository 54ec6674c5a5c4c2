"""On PostgreSQL, the database itself refuses UPDATE, DELETE and TRUNCATE on Wagtail's audit log.

Nothing in the portal changes or removes a log entry once written: retention and account erasure blank the
application's own fields and write a new entry, and Wagtail keeps its entries when a user, page or snippet is deleted
(their foreign keys are DO_NOTHING without a database constraint). So there is no sanctioned path to let through.
Deleting a content type that has entries is refused as well (Django would null their `content_type`), which keeps
the trail readable. A future upgrade migration that must rewrite entries disables the trigger for its own statements.

The test suite empties its database between browser tests with TRUNCATE (Django's flush); only its connections set
`portal.allow_truncate = on` (portal/settings/test.py). Any session may set that option, and the tables' owner may
disable the triggers: this stops a mistaken or injected statement, not the owner. SQLite gets no trigger.
"""

from django.db import migrations

TABLES = ("wagtailcore_modellogentry", "wagtailcore_pagelogentry")

FUNCTION = """
CREATE OR REPLACE FUNCTION intake_audit_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('portal.allow_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGERS = """
CREATE TRIGGER intake_audit_log_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION intake_audit_log_append_only();
CREATE TRIGGER intake_audit_log_no_truncate
    BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION intake_audit_log_append_only();
"""
DROP_TRIGGERS = """
DROP TRIGGER IF EXISTS intake_audit_log_append_only ON {table};
DROP TRIGGER IF EXISTS intake_audit_log_no_truncate ON {table};
"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS intake_audit_log_append_only();"

CREATE = FUNCTION + "".join(TRIGGERS.format(table=table) for table in TABLES)
DROP = "".join(DROP_TRIGGERS.format(table=table) for table in TABLES) + DROP_FUNCTION


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # the function body holds % placeholders of its own

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0007_retention"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
