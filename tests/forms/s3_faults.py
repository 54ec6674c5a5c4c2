"""A real S3 outage for the tests: a TCP proxy in front of the moto server that can go down and come back."""

import contextlib
import socket
import threading
import uuid

import boto3
from django.conf import settings as django_settings
from django.core.files.storage import storages

from .conftest import BUCKET


class SwitchableProxy:
    """Forwards TCP to the S3 server; down() stops listening and cuts open connections, so clients get refused."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.up()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def up(self) -> None:
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(16)
            listener.settimeout(0.05)
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            connections, self._connections = self._connections, set()
        if listener is not None:
            listener.close()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:  # closed by down()
                return
            client.settimeout(None)
            server = socket.create_connection(self.upstream)
            with self._lock:
                if self._listener is not listener:
                    client.close()
                    server.close()
                    return
                self._connections |= {client, server}
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


def private_s3_options(endpoint_url: str) -> dict:
    """S3Storage options for endpoint_url, under a prefix of their own so that the objects can be counted."""
    return {
        "bucket_name": BUCKET,
        "endpoint_url": endpoint_url,
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
        "default_acl": None,
        "querystring_auth": True,
        **django_settings.PRIVATE_S3_WRITES,  # as production writes
        "location": f"private-{uuid.uuid4().hex[:8]}",
        "signature_version": "s3v4",
    }


def private_s3_storage(settings, endpoint_url: str):
    """Point the private storage at endpoint_url, as production points it at AWS, MinIO or Ceph."""
    options = private_s3_options(endpoint_url)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    return storages["private"]


def stored_keys(s3_endpoint: str, storage) -> list[str]:
    """Every key under the storage's prefix, read straight from the S3 server (not through the proxy)."""
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=storage.location + "/")
    return sorted(item["Key"] for item in listed.get("Contents", []))


def on_s3_call(storage, event: str, action) -> None:
    """Run action on a botocore event of the storage's own client, e.g. 'after-call.s3.PutObject'."""
    storage.connection.meta.client.meta.events.register(event, lambda **kwargs: action())
