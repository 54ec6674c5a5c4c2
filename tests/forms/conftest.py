import boto3
import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from moto.server import ThreadedMotoServer

from forms.models import CitizenProfile

BUCKET = "portal-private-test"


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's standalone S3 server over real HTTP, with a private bucket."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    s3.create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    """Point the private storage at the S3 server, as production points it at AWS, MinIO or Ceph."""
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_endpoint,
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
        "default_acl": None,
        "querystring_auth": True,
        **django_settings.PRIVATE_S3_WRITES,  # as production writes
        "location": "private",
        "querystring_expire": 300,
        "signature_version": "s3v4",
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )


def make_citizen(email, name="Warga Uji", mobile="+6281234567890"):
    user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password="Sandi-uji-2026!")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    CitizenProfile.objects.create(user=user, full_name=name, mobile=mobile)
    return user


@pytest.fixture
def citizen(seeded):
    return make_citizen("ani@example.org", "Ani Lestari")


@pytest.fixture
def other_citizen(seeded):
    return make_citizen("budi@example.org", "Budi Santoso")
