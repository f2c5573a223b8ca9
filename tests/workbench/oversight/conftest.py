"""The oversight tests' clock (the report's day, builders.NOW) and signing identities."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FixedClock
from tests.workbench.oversight.builders import NOW
from workbench.audit import AuditTrail
from workbench.secrets import SecretStore
from workbench.signing.identity import IdentityStore


@pytest.fixture
def now() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def identities(tmp_path: Path, now: FixedClock) -> IdentityStore:
    return IdentityStore(tmp_path / "keys", SecretStore(), now, AuditTrail(now))
