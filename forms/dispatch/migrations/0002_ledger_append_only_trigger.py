"""On PostgreSQL, the database itself refuses UPDATE and DELETE on the blank-card ledger.

The model already refuses them through the ORM and the hash chain shows an edit made in SQL; this stops one, for
anyone but a superuser who first switches triggers off (which the hash chain would then still show). TRUNCATE, which
only the test suite's flush uses, fires no row trigger. SQLite, the embedded development default, gets no trigger.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION dispatch_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The blank-card ledger is append-only: % of entry % refused', TG_OP, OLD.id
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Record a correction as a new entry.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER dispatch_ledger_append_only
    BEFORE UPDATE OR DELETE ON dispatch_blankledgerentry
    FOR EACH ROW EXECUTE FUNCTION dispatch_ledger_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS dispatch_ledger_append_only ON dispatch_blankledgerentry;
DROP FUNCTION IF EXISTS dispatch_ledger_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # the function body holds % placeholders of its own

    return run


class Migration(migrations.Migration):
    dependencies = [("dispatch", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
