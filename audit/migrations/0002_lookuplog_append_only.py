"""The lookup log is append-only: the database itself refuses to change a line."""

from django.db import migrations

SQLITE = """
CREATE TRIGGER audit_lookuplog_no_update BEFORE UPDATE ON audit_lookuplog
BEGIN SELECT RAISE(ABORT, 'audit_lookuplog is append-only'); END;
"""
POSTGRES = """
CREATE OR REPLACE FUNCTION audit_lookuplog_refuse_update() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit_lookuplog is append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_lookuplog_no_update BEFORE UPDATE ON audit_lookuplog
FOR EACH ROW EXECUTE FUNCTION audit_lookuplog_refuse_update();
"""


def forwards(apps, schema_editor):
    sql = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    schema_editor.execute(sql)


def backwards(apps, schema_editor):
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS audit_lookuplog_no_update ON audit_lookuplog"
        if schema_editor.connection.vendor == "postgresql"
        else "DROP TRIGGER IF EXISTS audit_lookuplog_no_update"
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
