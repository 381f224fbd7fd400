"""Full-text search of the openings on PostgreSQL: a GIN index over the `danish` text-search
vector of `search_document` (the Snowball-stemmed title, occupation and description, see
labour/search.py). Matching queries with the same expression, `to_tsvector('danish'::regconfig,
search_document) @@ <tsquery>`, so the planner uses the index. SQLite has no text-search
configurations; there labour/search.py matches the stemmed words in the same column."""

from django.db import migrations

FORWARD = [
    """CREATE INDEX labour_opening_search_danish ON labour_jobopening
        USING gin (to_tsvector('danish'::regconfig, search_document))""",
]
BACKWARD = ["DROP INDEX IF EXISTS labour_opening_search_danish"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("labour", "0003_industries")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
