"""The submission bundle's export: deterministic, streaming, all or nothing, and true to
the records; the command line's export and verify."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.bundle import format as fmt
from desktop_app.bundle import signing
from desktop_app.bundle.verify import verify
from desktop_app.bundle.zipwrite import Cancelled, sha256_file
from desktop_app.cli import main
from desktop_app.demo.builder import build_demo
from desktop_app.documents.bundle import export as bundle_export
from desktop_app.documents.bundle.data import ATTENDED
from desktop_app.documents.bundle.export import BundleExport
from desktop_app.domain.school_year import SchoolYear
from desktop_app.services.activities import ActivityInput
from desktop_app.services.app import AppServices
from desktop_app.services.growth import RecordInput
from desktop_app.services.members import MemberData
from desktop_app.store.models import AuditEntry, IssuedDocument

MB = 1 << 20


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    build_demo(path, seed=1)
    return path


@pytest.fixture(scope="module")
def demo_exports(demo, tmp_path_factory) -> dict[str, Path]:
    """The demo's bundles of one school year (twice), the mid-term and, unmasked, the
    final."""
    out = tmp_path_factory.mktemp("exports")
    services = AppServices.open(demo)
    try:
        bundle = BundleExport(services)
        year = services.bundle.parse_period("2025-2026")
        paths = {
            "year": bundle.export(year, out / "year.zip").path,
            "year_again": bundle.export(year, out / "year-again.zip").path,
            "midterm": bundle.export(services.bundle.parse_period("midterm"), out / "mid.zip").path,
            "final_full": bundle.export(
                services.bundle.parse_period("final"), out / "final.zip", unmasked=True
            ).path,
        }
    finally:
        services.close()
    return paths


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def data_json(path: Path) -> dict:
    files = entries(path)
    name = next(n for n in files if n.endswith("/" + fmt.DATA_JSON))
    return json.loads(files[name])


def db_state(path: Path) -> tuple:
    services = AppServices.open(path)
    try:
        with services.db.reading() as session:
            return (
                session.scalar(select(func.count(AuditEntry.id))),
                session.scalar(select(func.max(AuditEntry.id))),
                session.scalar(select(func.count(IssuedDocument.id))),
            )
    finally:
        services.close()


def member(services, name: str, phone: str = "13812345678") -> int:
    return services.members.add(
        MemberData(
            name=name,
            role="member",
            stage="confirmed",
            gender="female",
            school="江阴中专",
            phone=phone,
            joined_on=dt.date(2024, 9, 1),
        )
    )


def activity(services, files=(), day=dt.date(2026, 10, 10)) -> int:
    return services.activities.create(
        ActivityInput(date=day, kind="study", topic="读书研讨", hours="2"), files=list(files)
    )


def random_file(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:
        for _ in range(size // MB):
            handle.write(os.urandom(MB))
    return path


# --- deterministic --------------------------------------------------------------------


def test_two_exports_of_the_demo_are_byte_identical(demo_exports):
    first = demo_exports["year"].read_bytes()
    assert first == demo_exports["year_again"].read_bytes()
    assert verify(demo_exports["year"]).valid


def test_the_export_does_not_change_the_database(demo, tmp_path):
    before = db_state(demo)
    services = AppServices.open(demo)
    try:
        BundleExport(services).export(services.bundle.parse_period("final"), tmp_path / "b.zip")
        BundleExport(services).plan(services.bundle.parse_period("final"))
    finally:
        services.close()
    assert db_state(demo) == before


def test_same_records_same_bytes_a_change_other_bytes(services, tmp_path):
    member(services, "王芳")
    activity(services)
    bundle = BundleExport(services)
    period = services.bundle.parse_period("2026-2027")
    one = bundle.export(period, tmp_path / "1.zip")
    two = bundle.export(period, tmp_path / "2.zip")
    assert one.sha256 == two.sha256
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "2.zip").read_bytes()
    services.growth.add_record(
        services.members.roster()[0].membership_id,
        RecordInput(kind="paper", date=dt.date(2026, 10, 1), title="浅谈班级公约"),
    )
    three = bundle.export(period, tmp_path / "3.zip")
    assert three.sha256 != one.sha256
    assert verify(tmp_path / "3.zip").valid


def test_bagging_date_is_the_latest_change_not_today(demo_exports, demo):
    files = entries(demo_exports["year"])
    info = fmt.parse_bag_info(
        next(v for k, v in files.items() if k.endswith("/bag-info.txt")).decode()
    )
    services = AppServices.open(demo)
    try:
        with services.db.reading() as session:
            latest = session.scalar(select(func.max(AuditEntry.at)))
        assert info[fmt.KEY_DATE] == services.bundle.as_of().isoformat()
    finally:
        services.close()
    expected = (latest + dt.timedelta(hours=8)).date()
    assert info[fmt.KEY_DATE] == expected.isoformat()
    assert data_json(demo_exports["year"])["period"]["as_of"] == expected.isoformat()


def test_entries_sorted_with_fixed_times(demo_exports):
    as_of = data_json(demo_exports["midterm"])["period"]["as_of"]
    with zipfile.ZipFile(demo_exports["midterm"]) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {fmt.ZIP_TIME}
        for info in infos:
            if info.filename.endswith(".xlsx"):
                inner = zipfile.ZipFile(io.BytesIO(archive.read(info)))
                assert {i.date_time for i in inner.infolist()} == {fmt.ZIP_TIME}
                core = inner.read("docProps/core.xml").decode()
                assert core.count(f"{as_of}T00:00:00Z") == 2, core


# --- what is inside ---------------------------------------------------------------------


def test_the_bag_layout_and_signature(demo_exports, demo):
    files = entries(demo_exports["midterm"])
    root = next(iter(files)).split("/", 1)[0]
    inside = {name[len(root) + 1 :]: data for name, data in files.items()}
    assert inside[fmt.BAGIT_TXT] == fmt.BAGIT_CONTENT.encode()
    info = fmt.parse_bag_info(inside[fmt.BAG_INFO].decode())
    assert info[fmt.KEY_FORMAT] == "1" and info[fmt.KEY_PERIOD_KIND] == "midterm"
    assert info["External-Identifier"] == root
    payload = {n: d for n, d in inside.items() if n.startswith("data/")}
    assert info[fmt.KEY_OXUM] == f"{sum(len(d) for d in payload.values())}.{len(payload)}"
    assert set(fmt.parse_manifest(inside[fmt.MANIFEST].decode())) == set(payload)
    assert set(fmt.parse_manifest(inside[fmt.TAGMANIFEST].decode())) == set(fmt.TAG_FILES)
    signer = signing.check(inside[fmt.PUBLIC_KEY], inside[fmt.SIGNATURE], inside[fmt.TAGMANIFEST])
    services = AppServices.open(demo)
    try:
        assert signer == services.bundle.fingerprint() == info[fmt.KEY_SIGNER]
        # the key is the studio's, in its database: nothing beside the file
        assert not signing.key_path_for(Path(demo).resolve()).exists()
    finally:
        services.close()
    assert root == f"studiodesk-{signer.replace(' ', '')[:8]}-midterm-2024-2027"
    names = set(payload)
    assert any(n.startswith("data/reports/") and "经费使用情况报告" in n for n in names)
    assert any(n.startswith("data/sheets/") and n.endswith("成员名册.xlsx") for n in names)
    assert any("考勤表" in n for n in names)
    assert any("考核表" in n for n in names)


def test_the_plan_lists_what_the_export_writes(demo, demo_exports):
    services = AppServices.open(demo)
    try:
        plan = BundleExport(services).plan(services.bundle.parse_period("midterm"))
    finally:
        services.close()
    files = entries(demo_exports["midterm"])
    root = next(iter(files)).split("/", 1)[0]
    assert plan.root == root
    assert [i.path for i in plan.items] == sorted(n[len(root) + 1 :] for n in files)
    attachments = [n for n in files if "/data/attachments/" in n]
    assert plan.attachments == len(attachments)
    assert plan.attachment_bytes == sum(len(files[n]) for n in attachments)
    assert all(i.description for i in plan.items)


def test_missing_things_the_bureau_expects(services, tmp_path):
    member(services, "王芳")
    archive = tmp_path / "班会材料.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    activity(services, files=[archive, random_file(tmp_path / "photo.mp4", MB)])
    bundle = BundleExport(services)
    plan = bundle.plan(services.bundle.parse_period("midterm"))
    text = "\n".join(plan.missing)
    assert "2024-2025 学年还没有年度工作计划" in text
    assert "2025-2026 学年还没有年度工作总结" in text
    assert "中期考核" in text
    assert "经费使用情况报告尚未出具" in text
    assert "王芳" in text and "个人发展规划" in text
    plan = bundle.plan(services.bundle.parse_period("2026-2027"))
    text = "\n".join(plan.missing)
    assert "班会材料.zip" in text and "压缩包" in text
    assert plan.attachments == 1 and plan.attachment_bytes == MB
    result = bundle.export(services.bundle.parse_period("2026-2027"), tmp_path / "b.zip")
    names = list(entries(result.path))
    assert not any(n.endswith(".zip") for n in names)
    assert sum("/data/attachments/" in n for n in names) == 1
    assert verify(result.path).valid


def test_an_archive_under_another_name_is_left_out_and_office_documents_kept(services, tmp_path):
    """An evidence file is an archive by its bytes, whatever its name; a Word document
    (a zip by design) stays in, and the bundle verifies."""
    from docx import Document
    from hostile_bundles import zip_bytes

    disguised = tmp_path / "学员名单.xlsx"
    disguised.write_bytes(zip_bytes({"evil.exe": b"MZ"}))
    paper = tmp_path / "论文.docx"
    Document().save(paper)
    activity(services, files=[disguised, paper])
    bundle = BundleExport(services)
    plan = bundle.plan(services.bundle.parse_period("2026-2027"))
    assert any("学员名单.xlsx" in m and "压缩包" in m for m in plan.missing), plan.missing
    result = bundle.export(services.bundle.parse_period("2026-2027"), tmp_path / "b.zip")
    names = [n for n in entries(result.path) if "/data/attachments/" in n]
    assert len(names) == 1 and names[0].endswith("-论文.docx")
    assert verify(result.path).valid


def test_plan_messages_in_english(services):
    from desktop_app.domain import messages

    messages.set_language("en")
    plan = BundleExport(services).plan(services.bundle.parse_period("final"))
    assert any("no annual plan for the school year 2024-2025" in m for m in plan.missing)
    assert any(i.path == fmt.DATA_JSON and "masked" in i.description for i in plan.items)


# --- true to the records ------------------------------------------------------------------


def recomputed(data: dict) -> dict:
    """The figures as the inbox computes them from the records (SCHEMA.md §3.1)."""
    taking = {a["id"] for a in data["activities"] if a["takes_attendance"]}
    counted = [m for m in data["attendance"] if m["activity_id"] in taking]
    return {
        "members": sum(1 for m in data["members"] if m["stage"] == "confirmed"),
        "activities": len(data["activities"]),
        "attended": sum(1 for m in counted if m["status"] in ATTENDED),
        "expected": len(counted),
        "flagged": sum(1 for f in data["flags"] if f["state"] == "over"),
        "granted_fen": sum(
            e["signed_fen"] for e in data["ledger"]["entries"] if e["direction"] == "income"
        ),
        "spent_fen": -sum(
            e["signed_fen"] for e in data["ledger"]["entries"] if e["direction"] == "expense"
        ),
        "duties_done": sum(1 for d in data["duties"] if d["done"]),
        "duties_total": len(data["duties"]),
    }


def test_data_json_figures_equal_the_database(demo, demo_exports):
    data = data_json(demo_exports["year"])
    assert data["schema"] == "studiodesk-bundle-data" and data["schema_version"] == 1
    as_of = dt.date.fromisoformat(data["period"]["as_of"])
    year = SchoolYear(2025)
    services = AppServices.open(demo, today=lambda: as_of)
    try:
        facts = services.year_facts.facts(year)
        figures = data["figures"]
        assert figures["members"] == facts.members
        assert figures["activities"] == facts.activities_held
        assert (figures["attended"], figures["expected"]) == (facts.attended, facts.expected)
        assert (figures["granted_fen"], figures["spent_fen"]) == (
            facts.income_fen,
            facts.expense_fen,
        )
        assert (figures["duties_done"], figures["duties_total"]) == (
            facts.duties_done,
            facts.duties_total,
        )
        # the flags of the year's summary: at the year's end, over the studio's window
        assert figures["flagged"] == len(facts.flagged)
        assert {f["name"] for f in data["flags"] if f["state"] == "over"} == set(facts.flagged)
        assert figures["flagged"] > 0
        entries_ = [e for e in services.ledger.entries() if year.contains(e.date)]
        assert data["ledger"]["income_fen"] == sum(
            e.signed_fen for e in entries_ if e.direction.value == "income"
        )
        assert len(data["ledger"]["entries"]) == len(entries_)
        assert all(isinstance(e["amount_fen"], int) for e in data["ledger"]["entries"])
        midterm = next(h for h in services.assessments.list() if h.kind == "midterm")
        assert figures["assessment_grade"] == midterm.grade.code
        assert len(data["growth_records"]) == sum(
            1 for r in services.growth.all_records() if year.contains(r.date)
        )
        assert {m["id"] for m in data["members"]} >= {f["member_id"] for f in data["flags"]}
    finally:
        services.close()
    assert {k: figures[k] for k in recomputed(data)} == recomputed(data)


def test_every_attachment_listed_is_in_the_bag(demo_exports):
    for key in ("year", "midterm", "final_full"):
        files = entries(demo_exports[key])
        root = next(iter(files)).split("/", 1)[0]
        data = json.loads(files[f"{root}/{fmt.DATA_JSON}"])
        listed = {
            p
            for group in (data["activities"], data["growth_records"], data["ledger"]["entries"])
            for item in group
            for p in item["attachments"]
        }
        assert listed and all(f"{root}/{p}" in files for p in listed)


def test_drafts_are_not_sent(demo, demo_exports):
    services = AppServices.open(demo)
    try:
        drafts = [h for h in services.assessments.list() if not h.locked]
        plan = BundleExport(services).plan(services.bundle.parse_period("2025-2026"))
    finally:
        services.close()
    assert drafts
    data = data_json(demo_exports["year"])
    assert data["assessments"] and {a["status"] for a in data["assessments"]} == {"submitted"}
    assert not {a["id"] for a in data["assessments"]} & {h.id for h in drafts}
    names = "\n".join(entries(demo_exports["year"]))
    for h in drafts:
        assert h.title not in names
        assert any(h.title in note and "草稿" in note for note in plan.missing)


def test_midterm_and_final_cover_their_school_years(demo_exports):
    mid = data_json(demo_exports["midterm"])
    final = data_json(demo_exports["final_full"])
    assert mid["period"]["school_years"] == ["2024-2025", "2025-2026"]
    assert final["period"]["school_years"] == ["2024-2025", "2025-2026", "2026-2027"]
    assert mid["figures"]["assessment_grade"] == "pass"
    assert final["figures"]["activities"] >= mid["figures"]["activities"]


def _all_text(path: Path) -> bytes:
    """Every entry's bytes, with the entries of workbooks (themselves zips) unpacked."""
    chunks = []
    for name, data in entries(path).items():
        chunks.append(data)
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as inner:
                chunks += [inner.read(i) for i in inner.infolist()]
    return b"\n".join(chunks)


def test_personal_data_masked_by_default_full_when_asked(demo, demo_exports):
    services = AppServices.open(demo)
    try:
        roster = services.members.roster()
    finally:
        services.close()
    phones = [r.phone for r in roster if r.phone]
    ids = [r.id_number for r in roster if r.id_number]
    assert phones and ids
    masked = _all_text(demo_exports["midterm"])
    for secret in phones + ids:
        assert secret.encode() not in masked, secret
    data = data_json(demo_exports["midterm"])
    assert data["personal_data"] == "masked"
    assert all("*" in m["phone"] for m in data["members"] if m["phone"])
    full = _all_text(demo_exports["final_full"])
    assert all(p.encode() in full for p in phones)
    assert data_json(demo_exports["final_full"])["personal_data"] == "full"


# --- streaming, cancelling, failing ---------------------------------------------------------


def test_peak_memory_does_not_grow_with_the_attachments(services, tmp_path):
    member(services, "王芳")
    big = [random_file(tmp_path / f"录像{i}.mp4", 50 * MB) for i in range(2)]
    activity(services, files=big)
    for path in big:
        path.unlink()
    bundle = BundleExport(services)
    period = services.bundle.parse_period("2026-2027")
    # Warm up on a period without the big files: the CJK font, parsed once per process,
    # alone takes tens of MB of Python objects.
    bundle.export(services.bundle.parse_period("2025-2026"), tmp_path / "warm.zip")
    tracemalloc.start()
    try:
        result = bundle.export(period, tmp_path / "big.zip")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.bytes > 100 * MB
    assert peak < 25 * MB, f"peak {peak / MB:.1f} MB"
    assert verify(result.path).valid


def _calls_until(n: int):
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] >= n

    return cancelled, calls


@pytest.mark.parametrize("when", [1, 5, "zip"])
def test_cancelled_export_leaves_nothing(services, tmp_path, when):
    member(services, "王芳")
    activity(services, files=[random_file(tmp_path / f"v{i}.mp4", 3 * MB) for i in range(3)])
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "bundle.zip"
    bundle = BundleExport(services)
    period = services.bundle.parse_period("2026-2027")
    if when == "zip":  # fire in the middle of copying the evidence files
        progress_seen = []

        def cancelled() -> bool:
            return bool(progress_seen) and progress_seen[-1] > bundle_export.REPORT_SHARE

        progress = lambda fraction, what: progress_seen.append(fraction)  # noqa: E731
    else:
        cancelled, _ = _calls_until(when)
        progress = None
    with pytest.raises(Cancelled):
        bundle.export(period, out, progress=progress, cancelled=cancelled)
    assert list(out_dir.iterdir()) == []


def test_cancel_keeps_an_earlier_file(services, tmp_path):
    out = tmp_path / "bundle.zip"
    out.write_bytes(b"the earlier export")
    with pytest.raises(Cancelled):
        BundleExport(services).export(
            services.bundle.parse_period("2026-2027"), out, cancelled=lambda: True
        )
    assert out.read_bytes() == b"the earlier export"
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_failing_part_leaves_nothing(services, tmp_path, monkeypatch):
    def broken(ctx):
        def make(target):
            target.write_bytes(b"half")
            raise OSError("disk full")

        return [bundle_export.PartFile("reports/z.pdf", "broken", make)]

    monkeypatch.setattr(
        bundle_export, "PARTS", [*bundle_export.PARTS, bundle_export.Part("broken", broken)]
    )
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(OSError):
        BundleExport(services).export(services.bundle.parse_period("2026-2027"), out_dir / "b.zip")
    assert list(out_dir.iterdir()) == []


def test_progress_runs_to_the_end(services, tmp_path):
    member(services, "王芳")
    seen = []
    BundleExport(services).export(
        services.bundle.parse_period("2026-2027"),
        tmp_path / "b.zip",
        progress=lambda fraction, what: seen.append((fraction, what)),
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(what for _, what in seen)


def test_a_new_part_is_one_entry_in_the_registry(services, tmp_path, monkeypatch):
    def notes(ctx):
        def make(target):
            target.write_text(f"{ctx.period.label} {ctx.as_of}", encoding="utf-8")
            return target

        return [bundle_export.PartFile("reports/说明.txt", "说明", make)]

    monkeypatch.setattr(
        bundle_export, "PARTS", [*bundle_export.PARTS, bundle_export.Part("notes", notes)]
    )
    period = services.bundle.parse_period("2026-2027")
    assert any(i.path == "data/reports/说明.txt" for i in BundleExport(services).plan(period).items)
    result = BundleExport(services).export(period, tmp_path / "b.zip")
    assert any(n.endswith("/data/reports/说明.txt") for n in entries(result.path))
    assert verify(result.path).valid


# --- the command line -------------------------------------------------------------------


def test_cli_export_and_verify(demo, demo_exports, tmp_path, capsys):
    out = tmp_path / "bundle.zip"
    assert main(["export", "--db", str(demo), "--period", "2025-2026", "--out", str(out)]) == 0
    assert out.read_bytes() == demo_exports["year"].read_bytes()
    lines = capsys.readouterr().out.splitlines()
    services = AppServices.open(demo)
    try:
        fingerprint = services.bundle.fingerprint()
        studio = services.studio.get().name
    finally:
        services.close()
    assert lines[0] == str(out)
    assert lines[1] == f"sha256: {sha256_file(out)}"
    assert lines[2].endswith(fingerprint)

    assert main(["verify", str(out)]) == 0
    text = capsys.readouterr().out
    assert studio in text and "2025-2026" in text and fingerprint in text

    files = entries(out)
    name = next(n for n in files if n.endswith("/data/data.json"))
    files[name] = files[name].replace(b'"schema_version": 1', b'"schema_version": 2')
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as archive:
        for n, d in files.items():
            archive.writestr(n, d)
    assert main(["verify", str(tampered)]) == 1
    captured = capsys.readouterr()
    assert "data/data.json" in captured.err


def test_cli_export_bad_period_and_verify_not_a_bundle(demo, tmp_path, capsys):
    code = main(
        ["export", "--db", str(demo), "--period", "spring", "--out", str(tmp_path / "x.zip")]
    )
    assert code != 0
    assert "spring" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()
    junk = tmp_path / "junk.zip"
    junk.write_text("hello")
    assert main(["verify", str(junk)]) == 1
    assert "不是 StudioDesk 报送材料包" in capsys.readouterr().err
    assert main(["verify", str(tmp_path / "absent.zip")]) == 1


def test_cli_export_unmasked(demo, tmp_path, capsys):
    out = tmp_path / "full.zip"
    assert (
        main(["export", "--db", str(demo), "--period", "midterm", "--out", str(out), "--unmasked"])
        == 0
    )
    capsys.readouterr()
    assert data_json(out)["personal_data"] == "full"


def test_round_trip_export_verify_inbox_reproduces_the_database(demo, demo_exports, tmp_path):
    """The issue's round trip: the demo exported, verified, and read by the bureau's inbox
    gives the numbers the database gives."""
    from desktop_app.bundle.verify import verify
    from desktop_app.documents.inbox import scan

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bundle = inbox / "demo.zip"
    bundle.write_bytes(demo_exports["year"].read_bytes())
    verdict = verify(bundle)
    assert verdict.valid, verdict.reason
    report = scan(inbox)
    (row,) = report.rows
    assert row.valid and row.warnings == ()
    data = data_json(bundle)
    as_of = dt.date.fromisoformat(data["period"]["as_of"])
    year = SchoolYear(2025)
    services = AppServices.open(demo, today=lambda: as_of)
    try:
        facts = services.year_facts.facts(year)
        assert row.studio == services.studio.get().name
        assert row.signer == services.bundle.fingerprint() == verdict.signer
        figures = row.figures
        assert figures.members == facts.members
        assert figures.activities == facts.activities_held
        assert (figures.attended, figures.expected) == (facts.attended, facts.expected)
        assert (figures.granted_fen, figures.spent_fen) == (facts.income_fen, facts.expense_fen)
        assert (figures.duties_done, figures.duties_total) == (
            facts.duties_done,
            facts.duties_total,
        )
        midterm = next(h for h in services.assessments.list() if h.kind == "midterm")
        assert figures.assessment_grade == midterm.grade.code
    finally:
        services.close()
