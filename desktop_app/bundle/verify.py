"""Verify a bundle without trusting it: the archive is checked by SafeZip, the tag
manifest's signature by the key the bundle carries, every tag and payload file by its
checksum; the first kind of failure found is the reason, naming every file concerned."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.bundle import content, signing
from desktop_app.bundle import format as fmt
from desktop_app.bundle.safezip import DEFAULT_LIMITS, Limits, SafeZip, UnsafeArchive
from desktop_app.domain import messages


@dataclass(frozen=True)
class Verdict:
    valid: bool
    code: str | None = None  # why not: a key of the bundle messages
    files: tuple[str, ...] = ()  # the files the reason is about, inside the bag
    detail: str = ""
    studio: str | None = None
    period: str | None = None
    period_kind: str | None = None
    signer: str | None = None  # fingerprint, when the signature holds
    format_version: str | None = None
    root: str | None = None  # the bag's folder inside the zip
    info: dict[str, str] = field(default_factory=dict)

    @property
    def reason(self) -> str | None:
        if self.valid or self.code is None:
            return None
        names = "、".join(self.files[:10]) + ("…" if len(self.files) > 10 else "")
        detail = self.detail
        if self.code == "not_a_bundle":  # what is wrong, in words (not a library's English)
            if detail in ("not_a_zip", "layout"):
                detail = messages.text("bundle_detail_" + detail)
            elif detail:
                detail = messages.text("bundle_detail_lacks", name=detail)
        return messages.text(
            "bundle_" + self.code, files=names, detail=detail, count=len(self.files)
        )


def _hash(archive: SafeZip, name: str) -> str:
    digest = hashlib.sha256()
    for block in archive.blocks(name):
        digest.update(block)
    return digest.hexdigest()


def _scan(archive: SafeZip, name: str) -> tuple[str, bytes, bytes]:
    """The entry's checksum, first content.HEAD_BYTES and last content.TAIL_BYTES, in one
    pass (blocks are 1 MB: the last two hold the tail)."""
    digest = hashlib.sha256()
    head = b""
    before = last = b""
    for block in archive.blocks(name):
        digest.update(block)
        if len(head) < content.HEAD_BYTES:
            head += block[: content.HEAD_BYTES - len(head)]
        before, last = last, block
    return digest.hexdigest(), head, (before + last)[-content.TAIL_BYTES :]


def _member_range(archive: SafeZip, name: str, offset: int, length: int) -> bytes:
    """``length`` bytes of the entry from ``offset``, streamed up to there."""
    found = bytearray()
    at = 0
    for block in archive.blocks(name):
        if at + len(block) > offset:
            found += block[max(0, offset - at) : offset + length - at]
            if len(found) >= length:
                break
        at += len(block)
    return bytes(found)


def verify(path: Path, limits: Limits = DEFAULT_LIMITS) -> Verdict:
    try:
        with SafeZip(path, limits) as archive:
            return check_archive(archive)
    except UnsafeArchive as exc:
        return unsafe_verdict(exc)


def unsafe_verdict(exc: UnsafeArchive) -> Verdict:
    """The verdict on an archive refused while opening it: "not a zip" reads as "not a
    bundle"; the others name what made it unsafe."""
    if exc.code == "not_a_zip":
        return Verdict(False, "not_a_bundle", detail="not_a_zip")
    name = str(exc.params.get("name", ""))
    detail = str(exc.params.get("detail", ""))
    return Verdict(False, "unsafe_" + exc.code, (name,) if name else (), detail)


def check_archive(archive: SafeZip) -> Verdict:
    names = list(archive.files)
    roots = {n.split("/", 1)[0] for n in names}
    if len(roots) != 1 or any("/" not in n for n in names):
        return Verdict(False, "not_a_bundle", detail="layout")
    root = roots.pop()

    def inside(name: str) -> str:
        return f"{root}/{name}"

    def present(name: str) -> bool:
        return inside(name) in archive.files

    if not present(fmt.BAGIT_TXT):
        return Verdict(False, "not_a_bundle", detail=fmt.BAGIT_TXT, root=root)
    info: dict[str, str] = {}
    if present(fmt.BAG_INFO):
        info = fmt.parse_bag_info(archive.read(inside(fmt.BAG_INFO)).decode("utf-8", "replace"))
    base = dict(
        root=root,
        info=info,
        studio=info.get(fmt.KEY_STUDIO),
        period=info.get(fmt.KEY_PERIOD),
        period_kind=info.get(fmt.KEY_PERIOD_KIND),
        format_version=info.get(fmt.KEY_FORMAT),
    )
    missing = [n for n in (fmt.TAGMANIFEST, fmt.SIGNATURE, fmt.PUBLIC_KEY) if not present(n)]
    if not present(fmt.TAGMANIFEST) and fmt.KEY_FORMAT not in info:
        return Verdict(False, "not_a_bundle", detail=fmt.TAGMANIFEST, **base)
    tagmanifest_bytes = archive.read(inside(fmt.TAGMANIFEST)) if present(fmt.TAGMANIFEST) else b""
    try:
        tagmanifest = fmt.parse_manifest(tagmanifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        tagmanifest = None

    version = info.get(fmt.KEY_FORMAT)
    if version is not None and version != fmt.FORMAT_VERSION:
        # A newer program's bundle — unless bag-info.txt itself was changed.
        listed = (tagmanifest or {}).get(fmt.BAG_INFO)
        if listed is not None and listed == _hash(archive, inside(fmt.BAG_INFO)):
            return Verdict(False, "unknown_version", detail=version, **base)
        return Verdict(False, "changed", (fmt.BAG_INFO,), **base)
    if missing:
        return Verdict(False, "missing", tuple(missing), **base)
    if tagmanifest is None:
        return Verdict(False, "changed", (fmt.TAGMANIFEST,), **base)

    signer = signing.check(
        archive.read(inside(fmt.PUBLIC_KEY), 4096),
        archive.read(inside(fmt.SIGNATURE), 4096),
        tagmanifest_bytes,
    )
    if signer is None:
        # The tag manifest, the signature or the key changed; when a tag file no longer
        # matches the manifest, it is the manifest's line that changed.
        suspects = [
            n
            for n, h in sorted(tagmanifest.items())
            if present(n) and _hash(archive, inside(n)) != h
        ]
        files = (fmt.TAGMANIFEST, *suspects) if suspects else (fmt.TAGMANIFEST, fmt.SIGNATURE)
        return Verdict(False, "bad_signature", files, **base)
    base["signer"] = signer

    # Tag files: what the signed manifest lists must be there and unchanged; nothing else
    # may sit beside them but the signature.
    expected_tags = set(tagmanifest)
    if not set(fmt.TAG_FILES) <= expected_tags:
        return Verdict(False, "not_a_bundle", detail=fmt.TAGMANIFEST, **base)
    top = {n[len(root) + 1 :] for n in names if "/" not in n[len(root) + 1 :]}
    problem = _compare(archive, root, tagmanifest, top - {fmt.TAGMANIFEST, fmt.SIGNATURE})
    if problem:
        return Verdict(False, problem[0], problem[1], **base)

    if version is None:
        return Verdict(False, "not_a_bundle", detail=fmt.KEY_FORMAT, **base)
    try:
        manifest = fmt.parse_manifest(archive.read(inside(fmt.MANIFEST)).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Verdict(False, "not_a_bundle", detail=fmt.MANIFEST, **base)
    payload = {n[len(root) + 1 :] for n in names if n[len(root) + 1 :].startswith("data/")}
    problem = _compare(archive, root, manifest, payload, inspect=True)
    if problem:
        return Verdict(False, problem[0], problem[1], **base)
    oxum = f"{sum(archive.files[inside(n)].file_size for n in payload)}.{len(payload)}"
    if info.get(fmt.KEY_OXUM) != oxum:
        return Verdict(False, "not_a_bundle", detail=fmt.KEY_OXUM, **base)
    return Verdict(True, **base)


def _compare(
    archive: SafeZip, root: str, listed: dict[str, str], found: set[str], inspect: bool = False
) -> tuple[str, tuple[str, ...]] | None:
    """What differs between the files a manifest lists and those found; with
    ``inspect``, also the files that are archives under another name (read in the same
    pass as their checksums)."""
    missing = sorted(set(listed) - found)
    if missing:
        return "missing", tuple(missing)
    extra = sorted(found - set(listed))
    if extra:
        return "extra", tuple(extra)
    changed = []
    hidden = []
    for name in sorted(listed):
        entry = f"{root}/{name}"
        if not inspect:
            if _hash(archive, entry) != listed[name]:
                changed.append(name)
            continue
        digest, head, tail = _scan(archive, entry)
        if digest != listed[name]:
            changed.append(name)
        elif content.hidden_archive(
            name,
            archive.files[entry].file_size,
            head,
            tail,
            lambda offset, length, entry=entry: _member_range(archive, entry, offset, length),
        ):
            hidden.append(name)
    if changed:
        return "changed", tuple(changed)
    if hidden:
        return "unsafe_nested_archive_content", tuple(hidden)
    return None
