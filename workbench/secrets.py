"""Secrets in the OS keyring, and an honest answer when there is no secure one.

With no desktop keyring, ``keyring`` picks its *fail* backend (every call raises), and
``keyrings.alt`` may pick a plaintext file. Neither keeps a secret: callers ask
:meth:`SecretStore.is_secure` and, when it is false, ask the user for a passphrase instead.
"""

from __future__ import annotations

import contextlib

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from workbench.errors import KeyringUnavailable
from workbench.messages import translatable

SERVICE = "practice-supervision-workbench"

# Backends that do not keep a secret safe, by module prefix.
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class NoSecureKeyring(KeyringUnavailable):
    """No secure keyring backend is available, or it would not open: ask for a passphrase.

    It is an :class:`~workbench.errors.EnvironmentProblem` (and still a RuntimeError), so
    its message can be shown to the user as it is.
    """


def _leaves(backend: KeyringBackend) -> list[KeyringBackend]:
    inner = getattr(backend, "backends", None)  # the chainer holds several
    return list(inner) if inner else [backend]


def backend_is_secure(backend: KeyringBackend) -> bool:
    leaves = _leaves(backend)
    return bool(leaves) and all(
        not type(leaf).__module__.startswith(_INSECURE_MODULES) for leaf in leaves
    )


class SecretStore:
    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE) -> None:
        self._backend = backend
        self.service = service

    @property
    def backend(self) -> KeyringBackend:
        return self._backend or keyring.get_keyring()

    def is_secure(self) -> bool:
        return backend_is_secure(self.backend)

    def describe(self) -> str:
        return f"{type(self.backend).__module__}.{type(self.backend).__name__}"

    def _require_secure(self) -> KeyringBackend:
        if not self.is_secure():
            raise NoSecureKeyring(translatable(
                "workbench.secrets", "No secure keyring is available (found %1). The workbench will "
                                     "ask for a passphrase instead.").arg(self.describe()))
        return self.backend

    def get(self, name: str) -> str | None:
        try:
            return self._require_secure().get_password(self.service, name)
        except KeyringError as error:
            raise NoSecureKeyring(translatable(
                "workbench.secrets", "The keyring could not be opened: %1").arg(error)) from error

    def set(self, name: str, value: str) -> None:
        try:
            self._require_secure().set_password(self.service, name, value)
        except KeyringError as error:
            raise NoSecureKeyring(translatable(
                "workbench.secrets", "The keyring could not be written: %1").arg(error)) from error

    def delete(self, name: str) -> None:
        with contextlib.suppress(KeyringError):
            self._require_secure().delete_password(self.service, name)
