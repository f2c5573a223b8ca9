"""The synthetic demo team: deterministic, clearly invented, built through the same rules.

``build_demo(db, today=..., scale=1)`` fills a database; ``ensure_demo_database(url,
today)`` does it once for an empty one; ``past_sessions_to_sign`` lists the past sessions the
sign-off work signs with demo identities (or pass ``sign=`` to ``build_demo``).
"""

from workbench.demo.build import (
    DEFAULT_SEED,
    DEMO_PREFIX,
    DemoSummary,
    SignHook,
    build_demo,
    past_sessions_to_sign,
)
from workbench.demo.ensure import ensure_demo_database

__all__ = [
    "DEFAULT_SEED",
    "DEMO_PREFIX",
    "DemoSummary",
    "SignHook",
    "build_demo",
    "ensure_demo_database",
    "past_sessions_to_sign",
]
