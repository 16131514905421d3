"""Submission bundles for tests, built directly from the bundle format (bundle.format,
signing, zipwrite) and a data.json dict the test chooses — not by the exporter, so that
the inbox's tests do not depend on it.

    from bundles import build_bundle, make_key, sample_data
    build_bundle(tmp_path / "a.zip", sample_data(studio="某某工作室"))

``tests/`` is on sys.path (it holds conftest.py), so any test folder can import this.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.bundle import format as fmt
from desktop_app.bundle import signing
from desktop_app.bundle.zipwrite import DeterministicZip

STUDIO = "陈静名班主任工作室"
PERIOD = "2025-2026"
BAGGING_DATE = "2026-07-10"


def make_key(seed: int = 1) -> Ed25519PrivateKey:
    """A fixed key per seed: the same fingerprint in every run."""
    return Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"studiodesk-test-key-{seed}".encode()).digest()
    )


def fingerprint_of(key: Ed25519PrivateKey) -> str:
    return signing.fingerprint(signing.public_bytes(key))


# The figures sample_data() holds, worked out by hand from its records.
SAMPLE_FIGURES = {
    "members": 3,  # 赵敏 is only approved, not on the roster
    "activities": 3,
    "attended": 2,  # 王芳 present and late; 李强 absent and on leave
    "expected": 4,  # the lecture (id 12) takes no attendance
    "flagged": 1,  # 李强
    "granted_fen": 3_000_000,  # the grant; the income of 2025-08-31 is outside the period
    "spent_fen": 123_456,  # 1,234.56 + 500.00 reversed
    "duties_done": 3,
    "duties_total": 4,
    "assessment_grade": "excellent",  # the later of the two submitted; the draft does not count
}


def sample_data(studio: str = STUDIO, period: str = PERIOD, **changes) -> dict:
    """A data.json (schema studiodesk-bundle-data 1) of one school year whose stated
    figures agree with its records (SAMPLE_FIGURES). ``changes`` replace top-level keys."""
    start = int(period[:4]) if period[:4].isdigit() else 2025
    first, last = f"{start}-09-01", f"{start + 1}-08-31"
    y0, y1 = str(start), str(start + 1)

    def member(mid, name, role, stage="confirmed", left_on=None):
        return {
            "id": mid,
            "name": name,
            "role": role,
            "stage": stage,
            "gender": "女",
            "birth_date": "1985-04-01",
            "school": "江阴市实验小学",
            "rural": False,
            "title": "一级教师",
            "joined_on": f"{y0}-09-01",
            "left_on": left_on,
            "leave_reason": "调动" if left_on else None,
            "phone": "138****5678",
            "id_number": "320281********1234",
        }

    def activity(aid, date, kind, topic, takes_attendance=True):
        return {
            "id": aid,
            "date": date,
            "start_time": "14:00",
            "end_time": "16:00",
            "place": "会议室",
            "kind": kind,
            "topic": topic,
            "presenter": "陈静",
            "hours": "2",
            "takes_attendance": takes_attendance,
            "summary": "",
            "attachments": [],
        }

    def entry(eid, date, direction, amount, signed, category, reverses=None):
        return {
            "id": eid,
            "date": date,
            "direction": direction,
            "amount_fen": amount,
            "signed_fen": signed,
            "category": category,
            "source": "区教育局" if direction == "income" else None,
            "payee": None if direction == "income" else "新华书店",
            "voucher_no": f"V{eid:03d}",
            "purpose": category,
            "reverses_id": reverses,
            "attachments": [],
        }

    data = {
        "schema": fmt.DATA_SCHEMA,
        "schema_version": fmt.DATA_SCHEMA_VERSION,
        "generator": {"name": "StudioDesk", "version": "test"},
        "personal_data": "masked",
        "studio": {
            "name": studio,
            "level": "区级",
            "type": "工作室",
            "host_school": "江苏省江阴中等专业学校",
            "district": "江阴市",
            "cycle": {"first": "2024-2025", "last": "2026-2027"},
            "preset": {"id": "jiangyin", "name": "江阴", "seed": "002"},
        },
        "period": {"kind": "school_year", "label": period, "first_day": first, "last_day": last},
        "members": [
            member(1, "陈静", "host"),
            member(2, "王芳", "core"),
            member(3, "李强", "member", left_on=f"{y1}-03-01"),
            member(4, "赵敏", "member", stage="approved"),
        ],
        "activities": [
            activity(10, f"{y0}-10-12", "lesson_study", "班会课研讨"),
            activity(11, f"{y0}-12-05", "salon", "家校沟通沙龙"),
            activity(12, f"{y1}-04-20", "lecture", "专家讲座", takes_attendance=False),
        ],
        "attendance": [
            {"activity_id": 10, "member_id": 2, "status": "present", "note": None},
            {"activity_id": 10, "member_id": 3, "status": "absent", "note": None},
            {"activity_id": 11, "member_id": 2, "status": "late", "note": "堵车"},
            {"activity_id": 11, "member_id": 3, "status": "leave", "note": "病假"},
        ],
        "flags": [
            {"member_id": 2, "name": "王芳", "state": "ok", "missed": 0, "expected": 2},
            {"member_id": 3, "name": "李强", "state": "over", "missed": 2, "expected": 2},
        ],
        "growth_records": [
            {
                "id": 30,
                "member_id": 2,
                "kind": "open_lesson",
                "date": f"{y0}-11-11",
                "level": "区级",
                "title": "公开课《我们的班级》",
                "hours": "1.5",
                "attachments": [],
            }
        ],
        "duties": [
            {
                "school_year": period,
                "member_id": 2,
                "name": "王芳",
                "duty": "open_lesson",
                "done": True,
                "evidence": ["公开课《我们的班级》"],
            },
            {
                "school_year": period,
                "member_id": 2,
                "name": "王芳",
                "duty": "paper",
                "done": True,
                "evidence": ["论文"],
            },
            {
                "school_year": period,
                "member_id": 3,
                "name": "李强",
                "duty": "open_lesson",
                "done": True,
                "evidence": ["公开课"],
            },
            {
                "school_year": period,
                "member_id": 3,
                "name": "李强",
                "duty": "paper",
                "done": False,
                "evidence": [],
            },
        ],
        "ledger": {
            "entries": [
                entry(1, f"{y0}-08-31", "income", 100, 100, "其他"),  # before the period
                entry(2, f"{y0}-10-08", "income", 3_000_000, 3_000_000, "专项经费"),
                entry(3, f"{y0}-11-02", "expense", 123_456, -123_456, "图书资料"),
                entry(4, f"{y1}-01-10", "expense", 50_000, -50_000, "专家讲课费"),
                entry(5, f"{y1}-01-12", "expense", 50_000, 50_000, "专家讲课费", reverses=4),
            ],
            "income_fen": 3_000_000,
            "expense_fen": 123_456,
        },
        "plans": {"build": None, "annual": []},
        "summaries": [{"school_year": period, "body": "本学年工作总结"}],
        "assessments": [
            {
                "id": 40,
                "title": "年度考核",
                "kind": "annual",
                "school_year": period,
                "template": "jiangyin-annual",
                "status": "submitted",
                "total": "78",
                "max": "100",
                "grade": "pass",
                "submitted_at": f"{y1}-06-30T10:00:00",
                "items": [],
            },
            {
                "id": 41,
                "title": "年度考核（复评）",
                "kind": "annual",
                "school_year": period,
                "template": "jiangyin-annual",
                "status": "submitted",
                "total": "91.5",
                "max": "100",
                "grade": "excellent",
                "submitted_at": f"{y1}-07-05T09:30:00",
                "items": [],
            },
            {
                "id": 42,
                "title": "草稿",
                "kind": "annual",
                "school_year": period,
                "template": "jiangyin-annual",
                "status": "draft",
                "total": "50",
                "max": "100",
                "grade": "fail",
                "submitted_at": None,
                "items": [],
            },
        ],
        "figures": dict(SAMPLE_FIGURES),
    }
    data.update(copy.deepcopy(changes))
    return data


def dump_data(data: dict) -> bytes:
    """As the exporter writes data.json."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")


def build_bundle(
    target: Path,
    data: dict | None = None,
    *,
    key: Ed25519PrivateKey | None = None,
    studio: str | None = None,
    period: str | None = None,
    period_kind: str = "school_year",
    bagging_date: str = BAGGING_DATE,
    data_bytes: bytes | None = None,
    files: dict[str, bytes] | None = None,
    format_version: str = fmt.FORMAT_VERSION,
    root: str | None = None,
    changed_after_signing: dict[str, bytes] | None = None,
    with_data: bool = True,
) -> Path:
    """A complete, signed bag at ``target`` (a zip with one top folder).

    ``data``: data.json as a dict (default: sample_data()); ``data_bytes``: its exact
    bytes instead (malformed JSON, another schema …), still listed and signed;
    ``files``: more payload files by their path under the bag ("data/reports/x.pdf");
    ``studio`` / ``period``: bag-info's values (default: those in ``data``);
    ``changed_after_signing``: payload or tag files replaced after the manifests were made
    (a tampered bundle); ``with_data=False``: a bag without data.json."""
    key = key or make_key()
    if data is None and data_bytes is None:
        data = sample_data()
    if studio is None:
        studio = (data or {}).get("studio", {}).get("name", STUDIO)
    if period is None:
        period = (data or {}).get("period", {}).get("label", PERIOD)
    if root is None:
        slug = hashlib.sha256(studio.encode()).hexdigest()[:8]
        root = f"studiodesk-{slug}-{period}"
    payload = {fmt.DATA_JSON: data_bytes if data_bytes is not None else dump_data(data)}
    if not with_data:
        del payload[fmt.DATA_JSON]
    payload["data/reports/annual-report.pdf"] = b"%PDF-1.4\n% a test report\n"
    payload.update(files or {})
    manifest = fmt.format_manifest(
        {name: hashlib.sha256(content).hexdigest() for name, content in payload.items()}
    ).encode()
    oxum = f"{sum(len(c) for c in payload.values())}.{len(payload)}"
    info = fmt.format_bag_info(
        [
            (fmt.KEY_AGENT, "StudioDesk test"),
            (fmt.KEY_DATE, bagging_date),
            (fmt.KEY_OXUM, oxum),
            ("External-Identifier", root),
            ("Source-Organization", "江苏省江阴中等专业学校"),
            (fmt.KEY_FORMAT, format_version),
            (fmt.KEY_STUDIO, studio),
            (fmt.KEY_PERIOD, period),
            (fmt.KEY_PERIOD_KIND, period_kind),
            (fmt.KEY_SIGNER, fingerprint_of(key)),
        ]
    ).encode()
    public = signing.encode_public(signing.public_bytes(key))
    tags = {
        fmt.BAGIT_TXT: fmt.BAGIT_CONTENT.encode(),
        fmt.BAG_INFO: info,
        fmt.MANIFEST: manifest,
        fmt.PUBLIC_KEY: public,
    }
    tagmanifest = fmt.format_manifest(
        {name: hashlib.sha256(content).hexdigest() for name, content in tags.items()}
    ).encode()
    entries = {**tags, **payload, fmt.TAGMANIFEST: tagmanifest}
    entries[fmt.SIGNATURE] = signing.sign(key, tagmanifest)
    entries.update(changed_after_signing or {})
    with DeterministicZip(Path(target)) as archive:
        for name in sorted(entries):
            archive.add_bytes(f"{root}/{name}", entries[name])
    return Path(target)
