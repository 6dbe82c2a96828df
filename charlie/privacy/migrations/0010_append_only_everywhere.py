"""Append-only in the database for every append-only table, on SQLite as on PostgreSQL.

- The models' base manager becomes their append-only manager, so Django's own machinery (the
  UPDATE that ``save()`` would run for a known id) cannot go round it.
- SQLite: a trigger per table refuses UPDATE, except setting the link to a deleted user account
  to NULL and nothing else (what deleting the account does). DELETE gets no trigger on SQLite:
  Django's flush between transactional tests empties tables with DELETE (PostgreSQL's uses
  TRUNCATE, which triggers do not see); the application refuses every delete.
- PostgreSQL: one rule for all three tables, through a function that compares the rows as JSON
  (so it needs no column list): UPDATE and DELETE refused, except an UPDATE that changes
  nothing or only sets the user link to NULL. It replaces the audit log's trigger (0002) and the
  deletion log's (0006), which refused even an UPDATE that changes nothing; the register's
  versions had none.

The SQLite trigger compares every column by name. SQLite drops a table's triggers when Django
rebuilds the table (most ALTERs), so a later migration that alters one of these tables must run
``create_sqlite_triggers`` again; ``privacy/tests/test_append_only.py`` fails until it does.
"""

from django.db import migrations


#: Each append-only table and the column linking it to a user account (NULL when none).
TABLES = {
    "AuditEntry": "actor_id",
    "PurposeVersion": "changed_by_id",
    "DeletionLog": None,
}

#: The triggers (and their functions) of 0002 and 0006, replaced here and restored on reverse.
OLD_PG_TRIGGERS = {
    "AuditEntry": ("privacy_auditentry_append_only", "privacy_audit_append_only"),
    "DeletionLog": ("privacy_deletionlog_append_only", "privacy_deletionlog_append_only"),
}

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION privacy_append_only() RETURNS trigger AS $$
BEGIN
    -- An UPDATE that changes nothing (Django's restore of serialized test data) passes.
    IF TG_OP = 'UPDATE' AND to_jsonb(NEW) = to_jsonb(OLD) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND TG_NARGS > 0
        AND (to_jsonb(OLD) ->> TG_ARGV[0]) IS NOT NULL
        AND (to_jsonb(NEW) ->> TG_ARGV[0]) IS NULL
        AND (to_jsonb(NEW) - TG_ARGV[0]) = (to_jsonb(OLD) - TG_ARGV[0]) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def create_sqlite_triggers(apps, schema_editor):
    """(Re)create the UPDATE trigger of every append-only table on SQLite."""
    if schema_editor.connection.vendor != "sqlite":
        return
    quote = schema_editor.quote_name
    for model_name, link in TABLES.items():
        model = apps.get_model("privacy", model_name)
        table = model._meta.db_table
        trigger = f"{table}_append_only"
        unchanged = [
            f"NEW.{quote(f.column)} IS OLD.{quote(f.column)}"
            for f in model._meta.concrete_fields
            if f.column != link
        ]
        if link:
            # Unchanged, or the user link set to NULL.
            link_ok = f"(NEW.{quote(link)} IS OLD.{quote(link)} OR NEW.{quote(link)} IS NULL)"
            unchanged.append(link_ok)
        when = f"WHEN NOT ({' AND '.join(unchanged)})"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(trigger)}")
        schema_editor.execute(
            f"CREATE TRIGGER {quote(trigger)} BEFORE UPDATE ON {quote(table)} {when} "
            f"BEGIN SELECT RAISE(ABORT, 'The table {table} is append-only: UPDATE is not "
            "allowed'); END"
        )


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for model_name in TABLES:
        table = apps.get_model("privacy", model_name)._meta.db_table
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {schema_editor.quote_name(table + '_append_only')}")


def create_pg_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(PG_FUNCTION, params=None)
    for model_name, link in TABLES.items():
        table = apps.get_model("privacy", model_name)._meta.db_table
        argument = f"'{link}'" if link else ""
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}; "
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION privacy_append_only({argument})",
            params=None,
        )


def drop_pg_triggers(apps, schema_editor):
    """Back to 0008: the older triggers of 0002 and 0006 (their functions were kept)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in TABLES:
        table = apps.get_model("privacy", model_name)._meta.db_table
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}", params=None)
        if model_name in OLD_PG_TRIGGERS:
            trigger, function = OLD_PG_TRIGGERS[model_name]
            schema_editor.execute(
                f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {function}()",
                params=None,
            )
    schema_editor.execute("DROP FUNCTION IF EXISTS privacy_append_only()", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('privacy', '0009_register_tilsyn'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditentry',
            options={'base_manager_name': 'objects', 'ordering': ['-at', '-pk'], 'verbose_name': 'logpost', 'verbose_name_plural': 'logposter'},
        ),
        migrations.AlterModelOptions(
            name='deletionlog',
            options={'base_manager_name': 'objects', 'ordering': ['-at', '-pk'], 'verbose_name': 'post i sletteloggen', 'verbose_name_plural': 'sletteloggen'},
        ),
        migrations.AlterModelOptions(
            name='purposeversion',
            options={'base_manager_name': 'objects', 'ordering': ['-changed_at', '-pk'], 'verbose_name': 'version af formål', 'verbose_name_plural': 'versioner af formål'},
        ),
        migrations.RunPython(create_sqlite_triggers, drop_sqlite_triggers),
        migrations.RunPython(create_pg_triggers, drop_pg_triggers),
    ]
