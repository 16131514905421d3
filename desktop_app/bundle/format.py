"""The bundle's layout and fixed words. A change to any of this is a new format version."""

from __future__ import annotations

FORMAT_VERSION = "1"
DATA_SCHEMA = "studiodesk-bundle-data"
DATA_SCHEMA_VERSION = 1

BAGIT_TXT = "bagit.txt"
BAG_INFO = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
PUBLIC_KEY = "signer-ed25519.pub"  # base64 of the raw 32-byte key; listed in the tag manifest
SIGNATURE = "tagmanifest-sha256.txt.sig"  # base64 of the Ed25519 signature of the tag manifest
DATA_JSON = "data/data.json"
TAG_FILES = (BAGIT_TXT, BAG_INFO, MANIFEST, PUBLIC_KEY)  # what the tag manifest covers

BAGIT_CONTENT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

# bag-info.txt keys of our own (BagIt reserves the others' meaning)
KEY_FORMAT = "StudioDesk-Format-Version"
KEY_STUDIO = "StudioDesk-Studio"
KEY_PERIOD = "StudioDesk-Period"
KEY_PERIOD_KIND = "StudioDesk-Period-Kind"
KEY_SIGNER = "StudioDesk-Signer"
KEY_OXUM = "Payload-Oxum"
KEY_AGENT = "Bag-Software-Agent"
KEY_DATE = "Bagging-Date"

# Every zip entry carries this timestamp, so that the same records give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def parse_bag_info(text: str) -> dict[str, str]:
    """``Key: value`` lines; a line starting with whitespace continues the value (RFC 8493
    §2.2.2). A key given twice keeps its first value."""
    info: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and last is not None:
            info[last] += " " + line.strip()
            continue
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key = key.strip()
        if key not in info:
            info[key] = value.strip()
        last = key
    return info


def format_bag_info(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"{key}: {' '.join(str(value).split())}\n" for key, value in pairs)


def parse_manifest(text: str) -> dict[str, str]:
    """``checksum path`` lines → {path: checksum}. Raises ValueError on a malformed line or
    a path given twice."""
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        checksum, sep, path = line.partition(" ")
        path = path.lstrip(" ")
        if not sep or not path or len(checksum) != 64 or not _is_hex(checksum):
            raise ValueError(f"line {number}")
        path = _decode_path(path)
        if path in entries:
            raise ValueError(f"line {number}: {path} twice")
        entries[path] = checksum.lower()
    return entries


def format_manifest(entries: dict[str, str]) -> str:
    return "".join(f"{entries[path]}  {_encode_path(path)}\n" for path in sorted(entries))


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)


def _encode_path(path: str) -> str:
    # RFC 8493 §2.1.3: CR, LF and % in a path are percent-encoded.
    return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D")


def _decode_path(path: str) -> str:
    return path.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
