"""On PostgreSQL, TRUNCATE of the blank-card ledger is refused too: it fires no row trigger, so 0002 let it through.

The test suite empties its database between browser tests with TRUNCATE (Django's flush); only its connections set
`portal.allow_truncate = on` (portal/settings/test.py). Any session may set that option, so like the row trigger this
stops a mistaken or injected statement, not the table's owner, and the hash chain and recorded heads still show it.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION dispatch_ledger_no_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('portal.allow_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'The blank-card ledger is append-only: TRUNCATE refused'
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Record a correction as a new entry.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER dispatch_ledger_no_truncate
    BEFORE TRUNCATE ON dispatch_blankledgerentry
    FOR EACH STATEMENT EXECUTE FUNCTION dispatch_ledger_no_truncate();
"""
DROP = """
DROP TRIGGER IF EXISTS dispatch_ledger_no_truncate ON dispatch_blankledgerentry;
DROP FUNCTION IF EXISTS dispatch_ledger_no_truncate();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("dispatch", "0004_ledger_check")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
