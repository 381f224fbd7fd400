"""Re-encrypt every encrypted column under the first of FIELD_ENCRYPTION_KEYS, and with
--rehash recompute the CPR lookup hashes under the current CPR_HASH_KEY. See docs/SECURITY.md
("Rotating keys") for the order of steps. It re-encrypts every app's columns (found through the
app registry) and lives with the citizens because the CPR lookup hash is theirs."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from citizens.identifiers import cpr_hash
from common.crypto import EncryptedTextField

BATCH = 500


def encrypted_models():
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            yield model, fields


def rotate(*, rehash: bool = False, batch: int = BATCH) -> dict[str, int]:
    """Rows re-encrypted per model label. Each batch is its own transaction, so a long run can
    be interrupted and started again: a row already under the new key is simply written again."""
    counts: dict[str, int] = {}
    for model, fields in encrypted_models():
        rehashes = rehash and "cpr" in fields and hasattr(model, "cpr_hash")
        update = fields + (["cpr_hash"] if rehashes else [])
        done, last_pk = 0, None
        while True:
            rows = model._default_manager.order_by("pk")
            if last_pk is not None:
                rows = rows.filter(pk__gt=last_pk)
            objects = list(rows.only("pk", *update)[:batch])
            if not objects:
                break
            if rehashes:
                for obj in objects:
                    obj.cpr_hash = cpr_hash(obj.cpr)
            with transaction.atomic():
                model._default_manager.bulk_update(objects, update)
            done += len(objects)
            last_pk = objects[-1].pk
        counts[model._meta.label] = done
    return counts


class Command(BaseCommand):
    help = "Re-encrypt CPR numbers (and other encrypted columns) under the newest key."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rehash",
            action="store_true",
            help="Also recompute the CPR lookup hashes under the current CPR_HASH_KEY.",
        )

    def handle(self, *args, rehash: bool = False, **options):
        for label, count in rotate(rehash=rehash).items():
            self.stdout.write(f"{label}: {count} rows re-encrypted")
