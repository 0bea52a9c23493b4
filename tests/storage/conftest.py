"""Database servers for the storage tests: one PostgreSQL cluster per run
(initdb takes a few seconds), one database in it per test."""
import itertools

import pytest

from tests.servers import PostgresCluster, RelStorageDatabase, zeo_server

_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_cluster():
    cluster = PostgresCluster()
    yield cluster
    cluster.stop()


@pytest.fixture
def relstorage(postgres_cluster):
    """A fresh, empty PostgreSQL database for RelStorage."""
    return RelStorageDatabase(postgres_cluster, f"roundtable{next(_names)}")


@pytest.fixture
def zeo(tmp_path):
    with zeo_server(tmp_path / "zeo") as server:
        yield server
