"""School-office language everywhere: no doubled quotation marks (““不合格”…”) in any
zh_CN string of the program or in any document it writes, and no technical English
(BagIt, Ed25519, seed, a preset id …) in its zh_CN words — those live only in the
untranslated lines of the 技术信息 fold."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
from babel.messages.pofile import read_po
from pdf_tools import text_of
from PySide6.QtWidgets import QApplication

from desktop_app.demo import builder as demo_module
from desktop_app.documents.bundle.export import BundleExport
from desktop_app.domain import messages
from desktop_app.domain.assessment import Grade
from desktop_app.gui import labels
from desktop_app.gui.i18n import install_translators
from desktop_app.gui.pages.assessment_widgets import GradeFooter
from desktop_app.services.app import AppServices
from desktop_app.services.assessments import all_templates
from desktop_app.services.presets import all_presets

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "studiodesk_zh_CN.ts"
PO = ROOT / "resources" / "locale" / "zh_CN" / "LC_MESSAGES" / "studiodesk.po"

# A quotation opened inside another of its own kind (““…”, “a “b” c”) or closed twice
# (…””): Chinese nests ‘’ inside “”. Quotations one after another (“优秀”“不合格”) pass.
DOUBLED = re.compile(r"“[^“”]*“|”[^“”]*”|‘[^‘’]*‘|’[^‘’]*’|\"\"")
# Technical words a school office does not use; they belong under 技术信息 only.
JARGON = re.compile(
    r"BagIt|Ed25519|manifest|SHA-?256|\b[Ss]eed\b|SQLite|\bJSON\b|UTF-8|十六进制"
    r"|[Pp]rogram default|程序默认|StudioDesk 的默认"
)
PRESET_ID = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, all_presets())) + r")(?![\w-])")
# The English a zh_CN window may show: the program's name, file kinds, keys.
ALLOWED_WORDS = {"StudioDesk", "PDF", "Excel", "Word", "xlsx", "csv", "txt", "zip"}
ALLOWED_WORDS |= {"Ctrl", "Shift", "Enter", "F2", "A", "U"}
PLACEHOLDER = re.compile(r"%\d+|%n|\{\w+\}|\(&\w\)|&(?=\w)")


def ts_translations() -> list[tuple[str, str]]:
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            texts = (
                [form.text or "" for form in translation.iter("numerusform")]
                if message.get("numerus") == "yes"
                else [translation.text or ""]
            )
            found += [(f"{name}: {message.findtext('source')}", text) for text in texts]
    return found


def catalogue_texts() -> list[tuple[str, str]]:
    """Every zh_CN string of the services' and the domain's own catalogues."""
    messages.set_language("zh_CN")
    found = [(f"messages {code}", messages.template(code)) for code in messages.MESSAGES]
    found += [(f"field {code}", messages.field_name(code)) for code in messages.FIELDS]
    # every entry of the text catalogue: the inbox's, the backups', settings' help, rules …
    with PO.open("rb") as file:
        found += [(f"catalogue {m.id}", m.string) for m in read_po(file) if m.id]
    for preset in all_presets().values():
        found.append((f"preset {preset.id}", preset.title))
        for rule in preset.rules.values():
            found.append((f"preset {preset.id} {rule.key}", rule.source_label))
    for template in all_templates().values():
        found += [(f"template {template.id}", template.grades_note)]
        found += [(f"template {template.id}", template.scores_note)]
    return found


def doubled(texts) -> list[str]:
    return [f"{where}: {text}" for where, text in texts if DOUBLED.search(text)]


def test_no_zh_cn_string_has_doubled_quotes():
    texts = ts_translations() + catalogue_texts()
    assert len(texts) > 1000
    assert not doubled(texts)


def test_the_check_finds_what_it_looks_for():
    found = doubled(
        [
            ("a", "““不合格”将撤销工作室建制”"),
            ("b", "“按“以上”计”"),
            ("c", "“‘不合格’将撤销工作室建制”"),
            ("d", "管理办法只规定“优秀”“不合格”的后果"),
            ("e", 'the ""quoted"" text'),
        ]
    )
    assert [f[0] for f in found] == ["a", "b", "e"]


def test_zh_cn_words_have_no_technical_english():
    problems = []
    for where, text in ts_translations():
        plain = PLACEHOLDER.sub(" ", text)
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9]*", plain)) - ALLOWED_WORDS
        if words or JARGON.search(text) or PRESET_ID.search(text):
            problems.append(f"{where}: {text}")
    for where, text in catalogue_texts():
        # a placeholder's name ({manifest}) is not a word the user reads
        if JARGON.search(PLACEHOLDER.sub(" ", text)) or PRESET_ID.search(text):
            problems.append(f"{where}: {text}")
    assert not problems


def test_a_quotation_inside_a_quoted_text_is_nested_not_doubled():
    assert messages.quoted("“不合格”将撤销工作室建制") == "“‘不合格’将撤销工作室建制”"
    assert labels.fill("等级为%1时：“%2”——%3", "不合格", "“不合格”将撤销", "《办法》§七") == (
        "等级为不合格时：“‘不合格’将撤销”——《办法》§七"
    )
    assert labels.fill("%1：%2", "“甲”", "乙") == "“甲”：乙"  # not quoted by the pattern: kept
    assert "“‘一班一品’做法”不是有效日期" in messages.text(
        "bad_date", field="date", value="“一班一品”做法"
    )


def test_the_grade_footer_quotes_a_consequence_that_quotes_itself(qtbot):
    """武进's 考评 says “不合格”将撤销工作室建制: shown in quotes, it nests."""
    install_translators(QApplication.instance(), "zh_CN")
    template = all_templates()["wujin-final"]
    footer = GradeFooter()
    qtbot.addWidget(footer)
    footer.show_total(template, "final", 400, Grade.FAIL, (29, 29))
    text = footer.consequence_label.full_text
    assert "“‘不合格’将撤销工作室建制”" in text
    assert not DOUBLED.search(text)


# --- every document the demo studio's submission writes, and a few more -------------

QUOTED_TOPICS = ("“文明风采”活动的班级组织", "“一班一品”班级文化建设", "“五个一”成果的积累")


@pytest.fixture(scope="module")
def demo_documents(tmp_path_factory) -> list[tuple[str, str]]:
    """(name, text) of every PDF and workbook of the demo's final bundle, its sign-in
    sheets, its draft assessment and its ledger export — with topics that quote
    themselves, as real ones do (围绕“…”)."""
    folder = tmp_path_factory.mktemp("words")
    patch = pytest.MonkeyPatch()
    patch.setattr(demo_module, "TOPICS", QUOTED_TOPICS)
    try:
        demo_module.build_demo(folder / "demo.sqlite3")
    finally:
        patch.undo()
    services = AppServices.open(folder / "demo.sqlite3")
    out = folder / "out"
    out.mkdir()
    try:
        bundle = BundleExport(services)
        zipped = bundle.export(services.bundle.parse_period("final"), out / "final.zip").path
        with zipfile.ZipFile(zipped) as archive:
            for info in archive.infolist():
                if (
                    info.filename.endswith((".pdf", ".xlsx"))
                    and "/attachments/" not in info.filename
                ):
                    archive.extract(info, out / "bundle")
        extra = _more_documents(services, out)
    finally:
        services.close()
    documents = []
    for path in sorted((out / "bundle").rglob("*")) + extra:
        if path.suffix == ".pdf":
            documents.append((path.name, text_of(path, raw=True)))
        elif path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            cells = [
                "".join(str(v).split())
                for sheet in book
                for row in sheet.iter_rows(values_only=True)
                for v in row
                if v is not None
            ]
            documents.append((path.name, "\n".join(cells)))
    return documents


def _more_documents(services: AppServices, out: Path) -> list[Path]:
    from desktop_app.documents.reports.assessment_report import write_assessment_report
    from desktop_app.documents.reports.signin import write_signin_sheet
    from desktop_app.documents.sheets.ledger_io import write_ledger_workbook

    paths = []
    seminar = next(a for a in services.activities.list() if "围绕" in (a.content or ""))
    paths.append(write_signin_sheet(services, seminar.id, out / "signin.pdf"))
    for header in services.assessments.list():
        paths.append(
            write_assessment_report(services, header.id, out / f"assessment-{header.id}.pdf")
        )
    paths.append(write_ledger_workbook(services, None, out / "ledger.xlsx"))
    return [Path(p) for p in paths]


def test_the_demo_writes_no_doubled_quotes(demo_documents):
    assert len(demo_documents) > 30
    texts = "\n".join(text for _, text in demo_documents)
    assert "围绕“‘" in texts  # the quoted topics are in there, nested
    assert not doubled(demo_documents)


def test_the_demo_documents_speak_no_jargon(demo_documents):
    assert not [name for name, text in demo_documents if JARGON.search(text)]
