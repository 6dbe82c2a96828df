"""PostgreSQL refuses UPDATE and DELETE on the audit log (the app refuses them too).

One UPDATE is let through: setting ``actor_id`` to NULL and nothing else, which is what the
foreign key's ON DELETE SET NULL does when a user account is deleted; the entry keeps the
copied user name and role. TRUNCATE is not blocked by a trigger: it needs table ownership,
which the application's database role should not have (docs/operations.md), and the test
suite's flush of transactional tests uses it.
"""

from django.db import migrations

TABLE = "privacy_auditentry"

CREATE = f"""
CREATE OR REPLACE FUNCTION privacy_audit_append_only() RETURNS trigger AS $$
DECLARE
    unlinked {TABLE};
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL THEN
        unlinked := NEW;
        unlinked.actor_id := OLD.actor_id;
        IF unlinked IS NOT DISTINCT FROM OLD THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER privacy_auditentry_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION privacy_audit_append_only();
"""

DROP = f"""
DROP TRIGGER IF EXISTS privacy_auditentry_append_only ON {TABLE};
DROP FUNCTION IF EXISTS privacy_audit_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
