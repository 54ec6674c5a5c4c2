"""Objects in the private storage that no row names: what a fault mid-submission could not clean up itself."""

import logging
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.utils import timezone
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)

# A submission stores its files before its rows are committed; nothing in flight is anywhere near this old.
ORPHAN_MIN_AGE = timedelta(hours=1)
# House rule: a model that keeps a private storage name keeps it in a column of this name (ApplicationDocument,
# ComplaintAttachment). Every such column counts, so a new room's files are never taken for orphans.
PRIVATE_NAME_FIELD = "object_name"


@dataclass
class OrphanSweepResult:
    checked: int = 0
    referenced: int = 0
    young: int = 0
    deleted: int = 0
    failed: int = 0


def _walk(storage, directory: str) -> Iterator[tuple[str, datetime]]:
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # nothing stored yet, or the folder went meanwhile
        return
    for name in files:
        path = posixpath.join(directory, name)
        yield path, storage.get_modified_time(path)
    for sub in directories:
        yield from _walk(storage, posixpath.join(directory, sub))


def private_objects(storage) -> Iterator[tuple[str, datetime]]:
    """(storage name, last modified) of every object under the private storage's location."""
    if not isinstance(storage, S3Storage):
        yield from _walk(storage, "")
        return
    location = storage.location.strip("/")
    if not location:
        # The bucket may be shared with the public storage: never sweep a whole bucket.
        raise ImproperlyConfigured("The private S3 storage needs a location (prefix) before it can be swept.")
    prefix = location + "/"
    paginator = storage.connection.meta.client.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=storage.bucket_name, Prefix=prefix):
        for item in page.get("Contents", []):
            yield item["Key"].removeprefix(prefix), item["LastModified"]


def referenced_private_names() -> set[str]:
    """Every private storage name a row still holds, in any installed model."""
    names = set()
    for model in apps.get_models():
        if any(field.name == PRIVATE_NAME_FIELD for field in model._meta.concrete_fields):
            names.update(model._default_manager.values_list(PRIVATE_NAME_FIELD, flat=True))
    return names


def private_orphans_sweep(*, now: datetime | None = None, dry_run: bool = False) -> OrphanSweepResult:
    """Delete private objects that no row names and that are older than ORPHAN_MIN_AGE; safe to repeat."""
    storage = storages["private"]
    cutoff = (now or timezone.now()) - ORPHAN_MIN_AGE
    # Listed before the rows are read: an object whose row is committed meanwhile is then seen as referenced.
    listed = list(private_objects(storage))
    referenced = referenced_private_names()
    result = OrphanSweepResult(checked=len(listed))
    for name, modified in listed:
        if name in referenced:
            result.referenced += 1
        elif modified > cutoff:
            result.young += 1
        elif dry_run:
            result.deleted += 1
        else:
            try:
                storage.delete(name)
            except Exception:  # one refused delete must not stop the sweep; the next run tries again
                logger.exception("Could not delete orphaned private object %s", name)
                result.failed += 1
            else:
                logger.info("Deleted orphaned private object %s (last modified %s)", name, modified.isoformat())
                result.deleted += 1
    return result
