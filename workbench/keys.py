"""Key material that never shows itself, and the key file that keeps the database key wrapped.

The embedded database is encrypted with a random 256-bit *data key*. The data key is never
stored as it is: the key file beside the database (``workbench.db.key``, JSON) holds it
wrapped with AES-256-GCM, by a random key kept in the OS keyring and/or by a key derived
with scrypt from a passphrase. Losing both the keyring entry and the passphrase loses the
data, so a passphrase wrapping is the recovery route when the keyring is gone.

Every secret lives in a :class:`Secret` whose ``repr``/``str`` are redacted, so a key never
reaches a log line, an exception message or a traceback by accident.
"""

from __future__ import annotations

import base64
import json
import os
import secrets as _random
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, Self

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from workbench.errors import (
    EnvironmentProblem,
    KeyringUnavailable,
    PassphraseRequired,
    WrongPassphrase,
)
from workbench.files import fsync_directory as fsync_directory
from workbench.files import write_atomically as write_atomically
from workbench.messages import translatable
from workbench.secrets import NoSecureKeyring, SecretStore

KEY_FILE_FORMAT = "practice-supervision-workbench key file"
KEY_FILE_VERSION = 1
KEY_BYTES = 32


class Secret:
    """Bytes that are never shown: repr and str are redacted, pickling is refused."""

    __slots__ = ("_value",)

    def __init__(self, value: bytes) -> None:
        if not isinstance(value, bytes) or not value:
            raise TypeError("a secret is non-empty bytes")
        self._value = value

    def reveal(self) -> bytes:
        """The raw bytes; pass them straight to the primitive that needs them."""
        return self._value

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<redacted>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac_compare(self._value, other._value)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> NoReturn:
        raise TypeError(f"{type(self).__name__} is not picklable")


def hmac_compare(a: bytes, b: bytes) -> bool:
    return _random.compare_digest(a, b)


class DataKey(Secret):
    """The 256-bit key SQLCipher encrypts the database with."""

    __slots__ = ()

    def __init__(self, value: bytes) -> None:
        if len(value) != KEY_BYTES:
            raise ValueError(f"a data key is {KEY_BYTES} bytes")
        super().__init__(value)

    @classmethod
    def generate(cls) -> Self:
        return cls(os.urandom(KEY_BYTES))

    @classmethod
    def from_hex(cls, text: str) -> Self:
        """A raw key given as 64 hex digits (the benchmark opens databases this way)."""
        try:
            return cls(bytes.fromhex(text))
        except ValueError:
            raise ValueError(f"a raw key is {KEY_BYTES * 2} hex digits") from None

    def sqlcipher_pragma(self) -> str:
        """``PRAGMA key`` with the raw key, which skips SQLCipher's own key derivation."""
        return f"PRAGMA key = \"x'{self.reveal().hex()}'\""

    def derive(self, purpose: str) -> Secret:
        """An independent key for ``purpose`` (HKDF-SHA256), e.g. the audit chain's key."""
        hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                    info=f"workbench:{purpose}".encode())
        return Secret(hkdf.derive(self.reveal()))


class Passphrase:
    """A passphrase typed by a person; never shown."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError("a passphrase is text")
        self._text = text

    def reveal(self) -> str:
        return self._text

    def encoded(self) -> bytes:
        return self._text.encode("utf-8")

    def __bool__(self) -> bool:
        return bool(self._text)

    def __repr__(self) -> str:
        return "Passphrase(<redacted>)"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:
        raise TypeError("Passphrase is not picklable")


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's work factors. The default costs ~0.3 s and 128 MiB; tests pass a cheaper one."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def derive(self, passphrase: Passphrase, salt: bytes) -> bytes:
        return Scrypt(salt=salt, length=KEY_BYTES, n=self.n, r=self.r, p=self.p).derive(
            passphrase.encoded()
        )


def mac(key: Secret, message: bytes) -> bytes:
    """HMAC-SHA256 of ``message`` under ``key``."""
    h = hmac.HMAC(key.reveal(), hashes.SHA256())
    h.update(message)
    return h.finalize()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


class KeyFileDamaged(EnvironmentProblem):
    default_message = translatable(
        "workbench.keys",
        "The database's key file is damaged or not a workbench key file. Restore it from the "
        "backup (it sits beside the backup copy as DEST.key)."
    )


def key_file_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".key")


@dataclass(frozen=True)
class KeyFile:
    """The data key, wrapped one or more ways; safe to copy (it holds no usable secret)."""

    key_id: str
    wrappings: tuple[dict[str, Any], ...]

    # -- making and reading ------------------------------------------------------------
    @classmethod
    def create(cls, data_key: DataKey, *, secrets: SecretStore | None = None,
               passphrase: Passphrase | None = None, cost: ScryptCost | None = None) -> KeyFile:
        """Wrap ``data_key`` by the keyring (if secure) and by ``passphrase`` (if given)."""
        key_file = cls(key_id=uuid.uuid4().hex, wrappings=())
        if secrets is not None and secrets.is_secure():
            key_file = key_file._with_keyring_wrapping(data_key, secrets)
        if passphrase:
            key_file = key_file.with_passphrase(data_key, passphrase, cost or ScryptCost())
        if not key_file.wrappings:
            raise PassphraseRequired(
                translatable("workbench.keys", "No secure keyring is available here (%1), so the database "
                                               "key must be protected by a passphrase. Choose one (for the "
                                               "command line, set WORKBENCH_PASSPHRASE).")
                .arg(secrets.describe() if secrets else 'none given')
            )
        return key_file

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
            if content.get("format") != KEY_FILE_FORMAT or content.get("version") != KEY_FILE_VERSION:
                raise KeyFileDamaged()
            return cls(key_id=str(content["key_id"]), wrappings=tuple(content["wrappings"]))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise KeyFileDamaged() from error

    def save(self, path: Path) -> None:
        content = {"format": KEY_FILE_FORMAT, "version": KEY_FILE_VERSION,
                   "key_id": self.key_id, "wrappings": list(self.wrappings)}
        write_atomically(path, json.dumps(content, indent=2).encode("utf-8"))

    @property
    def keyring_entry(self) -> str:
        return f"database-key:{self.key_id}"

    def methods(self) -> set[str]:
        return {str(w.get("method")) for w in self.wrappings}

    # -- wrapping ----------------------------------------------------------------------
    def _aad(self, method: str) -> bytes:
        return f"{KEY_FILE_FORMAT}:{self.key_id}:{method}".encode()

    def _wrap(self, method: str, wrapping_key: bytes, data_key: DataKey) -> dict[str, Any]:
        nonce = os.urandom(12)
        ciphertext = AESGCM(wrapping_key).encrypt(nonce, data_key.reveal(), self._aad(method))
        return {"method": method, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}

    def _unwrap(self, wrapping: dict[str, Any], wrapping_key: bytes) -> DataKey:
        try:
            raw = AESGCM(wrapping_key).decrypt(
                _unb64(wrapping["nonce"]), _unb64(wrapping["ciphertext"]),
                self._aad(str(wrapping["method"])),
            )
        except InvalidTag:
            raise WrongPassphrase() from None
        except (KeyError, ValueError) as error:
            raise KeyFileDamaged() from error
        return DataKey(raw)

    def with_keyring(self, data_key: DataKey, secrets: SecretStore) -> KeyFile:
        """This key file with a (new) keyring wrapping, its wrapping key stored in ``secrets``."""
        if not secrets.is_secure():
            raise NoSecureKeyring(translatable(
                "workbench.keys", "No secure keyring is available here (%1).").arg(secrets.describe()))
        return self._with_keyring_wrapping(data_key, secrets)

    def _with_keyring_wrapping(self, data_key: DataKey, secrets: SecretStore) -> KeyFile:
        wrapping_key = os.urandom(KEY_BYTES)
        secrets.set(self.keyring_entry, wrapping_key.hex())
        wrapping = self._wrap("keyring", wrapping_key, data_key)
        return KeyFile(self.key_id, (*self._without("keyring"), wrapping))

    def with_passphrase(self, data_key: DataKey, passphrase: Passphrase,
                        cost: ScryptCost | None = None) -> KeyFile:
        """This key file with its passphrase wrapping (re)made from ``passphrase``."""
        if not passphrase:
            raise ValueError("an empty passphrase protects nothing")
        cost = cost or ScryptCost()
        salt = os.urandom(16)
        wrapping = self._wrap("passphrase", cost.derive(passphrase, salt), data_key)
        wrapping.update(kdf="scrypt", salt=_b64(salt), n=cost.n, r=cost.r, p=cost.p)
        return KeyFile(self.key_id, (*self._without("passphrase"), wrapping))

    def _without(self, method: str) -> tuple[dict[str, Any], ...]:
        return tuple(w for w in self.wrappings if w.get("method") != method)

    def _find(self, method: str) -> dict[str, Any] | None:
        return next((w for w in self.wrappings if w.get("method") == method), None)

    # -- unwrapping --------------------------------------------------------------------
    def keyring_can_unlock(self, secrets: SecretStore | None) -> bool:
        """Whether this computer's keyring holds the wrapping key (no prompt needed)."""
        if secrets is None or self._find("keyring") is None or not secrets.is_secure():
            return False
        try:
            return secrets.get(self.keyring_entry) is not None
        except NoSecureKeyring:
            return False

    def unwrap(self, *, secrets: SecretStore | None = None,
               passphrase: Passphrase | None = None) -> DataKey:
        """The data key: from the keyring when it can, else from the passphrase."""
        keyring_problem: EnvironmentProblem | None = None
        by_keyring = self._find("keyring")
        if by_keyring is not None and secrets is not None and secrets.is_secure():
            try:
                stored = secrets.get(self.keyring_entry)
            except NoSecureKeyring as error:
                keyring_problem = error
            else:
                if stored is not None:
                    return self._unwrap(by_keyring, bytes.fromhex(stored))
        by_passphrase = self._find("passphrase")
        if by_passphrase is not None:
            if not passphrase:
                raise PassphraseRequired()
            try:
                cost = ScryptCost(int(by_passphrase["n"]), int(by_passphrase["r"]),
                                  int(by_passphrase["p"]))
                salt = _unb64(by_passphrase["salt"])
            except (KeyError, ValueError, TypeError) as error:
                raise KeyFileDamaged() from error
            return self._unwrap(by_passphrase, cost.derive(passphrase, salt))
        if keyring_problem is not None:
            raise keyring_problem
        raise KeyringUnavailable(
            translatable("workbench.keys", "This database's key is kept in a keyring that is not available "
                                           "here (another computer, or a keyring that was reset), and no "
                                           "passphrase was set for it. Open it where it was created and add "
                                           "a passphrase, or restore it from a backup.")
        )
