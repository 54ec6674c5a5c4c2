"""The private storage every room writes citizens' files to, and what it raises when it is down."""

from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import storages

# What the private storage raises when it is down or refuses a write: S3 through botocore or boto3's transfer
# manager, or the local disk (full, read-only, gone).
STORAGE_ERRORS = (BotoCoreError, ClientError, S3UploadFailedError, OSError)


class UploadsNotStored(Exception):
    """The private storage failed during a submission; what it had already stored of it was deleted again."""


def private_storage():
    return storages["private"]
