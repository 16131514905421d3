"""The studio's signing key (Ed25519, the ``cryptography`` package): created once, kept in
the studio's database (store/signing_key.py; an older installation kept it in a file
beside the database, ``key_path_for``, imported from there on first use). The bureau
registers its public key's fingerprint; a bundle carries the public key and a signature
of its tag manifest. Files and bytes only: this module never sees a database."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)


def key_path_for(db_path: Path) -> Path:
    """Where an older installation kept its key: beside the database."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".signing-key.pem")


def new_key_pem() -> bytes:
    """A new key, as PKCS#8 PEM (what the database keeps)."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def key_from_pem(pem: bytes) -> Ed25519PrivateKey:
    """The key in ``pem`` (ValueError: not an Ed25519 private key)."""
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 key")
    return key


def public_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(raw_public: bytes) -> str:
    """SHA-256 of the raw public key, as 16 groups of four hex digits: short enough to
    read over the phone, long enough that nobody forges a match."""
    digest = hashlib.sha256(raw_public).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, 64, 4))


def short_fingerprint(fingerprint: str | None) -> str:
    """The first four groups: enough to tell keys apart at a glance, short enough to
    read out (the whole stays where it is registered)."""
    if not fingerprint:
        return ""
    groups = fingerprint.split()
    return " ".join(groups[:4]) + (" …" if len(groups) > 4 else "")


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (spaces, colons, upper case) → the canonical form."""
    digits = "".join(c for c in text.lower() if c in "0123456789abcdef")
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def sign(key: Ed25519PrivateKey, message: bytes) -> bytes:
    return base64.b64encode(key.sign(message)) + b"\n"


def encode_public(raw_public: bytes) -> bytes:
    return base64.b64encode(raw_public) + b"\n"


def _canonical(file: bytes) -> bytes:
    """The bytes a key or signature file holds: base64 and one newline, exactly as this
    program writes them; any other byte makes the file invalid (so that no byte of a
    bundle can change unnoticed)."""
    value = base64.b64decode(file.removesuffix(b"\n"), validate=True)
    if base64.b64encode(value) + b"\n" != file:
        raise ValueError("not in canonical form")
    return value


def check(public_file: bytes, signature_file: bytes, message: bytes) -> str | None:
    """The signer's fingerprint when ``signature_file`` is a valid signature of
    ``message`` by the key in ``public_file``; None otherwise."""
    try:
        raw = _canonical(public_file)
        signature = _canonical(signature_file)
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, message)
    except (ValueError, InvalidSignature):
        return None
    return fingerprint(raw)
