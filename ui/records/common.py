"""What the records view's parts share."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.services import AppServices
    from workbench.signing.identity import IdentityStore


def identity_store(services: AppServices) -> IdentityStore:
    """This computer's signing keys (``<data folder>/keys``): only needed to make the PDFs of
    records signed before PDFs were kept, and to sign a case history."""
    from workbench.signing.identity import IdentityStore

    return IdentityStore(services.data_dir / "keys", services.secrets, services.clock, services.audit)
