"""Messages that leave the domain and services (validation problems, warnings).

Qt's tr() cannot be used below the GUI, so these are a gettext catalogue: each message is
declared here once by its code, in English, marked with ``N_`` (or ``NC_`` with a context,
where one English text has two Chinese ones) so that Babel extracts it; the Chinese is in
resources/locale/zh_CN/LC_MESSAGES/studiodesk.po, compiled to the .mo the standard
library's gettext reads (``python packaging/translations.py update|compile``). The program
sets the language once at start; tests check that every entry is translated.
"""

from __future__ import annotations

import gettext
from functools import cache

from desktop_app.paths import resource

DOMAIN = "studiodesk"
_language = "zh_CN"

# A message: its English text, or (context, English text).
Message = str | tuple[str, str]


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue; it is translated where it is used."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:
    """Marks ``message`` for the catalogue under ``context`` (its own Chinese)."""
    return (context, message)


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``; English (the texts as written) without one."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(
        DOMAIN, localedir=resource("locale"), languages=[language], fallback=True
    )


def set_language(language: str) -> None:
    global _language
    _language = "en" if language.lower().startswith("en") else "zh_CN"


def language() -> str:
    return _language


def translate(message: Message, language: str | None = None) -> str:
    """``message`` in the language set (or in ``language``: "zh_CN" for the documents,
    which are Chinese whatever the program's language)."""
    catalogue = _catalogue(language or _language)
    if isinstance(message, tuple):
        return catalogue.pgettext(*message)
    return catalogue.gettext(message)


def field_name(field: str) -> str:
    message = FIELDS.get(field)
    return translate(message) if message else field


def template(code: str) -> str:
    """The message ``code`` in the language set, its placeholders unfilled."""
    return translate(MESSAGES[code])


def inside_quotes(text: object) -> str:
    """``text`` to stand between “ and ”: its own double quotes made single (‘’), as
    Chinese nests quotations, so that a quoted title that holds a quotation never reads
    ““…””."""
    return str(text).replace("“", "‘").replace("”", "’")


def quoted(text: object) -> str:
    """“text”, nested quotations made single (see inside_quotes)."""
    return f"“{inside_quotes(text)}”"


def fill(pattern: str, /, **params: object) -> str:
    """``pattern.format(**params)``, where a value the pattern quotes (“{value}”) has
    its own quotations made single."""
    params = {
        key: inside_quotes(value) if f"“{{{key}}}”" in pattern else value
        for key, value in params.items()
    }
    return pattern.format(**params)


def text(code: str, **params: object) -> str:
    if "field" in params:
        params = {**params, "field": field_name(str(params["field"]))}
    return fill(template(code), **params)


FIELDS: dict[str, Message] = {
    "name": N_("name"),
    "gender": N_("gender"),
    "birth_date": N_("birth date"),
    "school": N_("school"),
    "rural": N_("rural school"),
    "title": N_("teaching title"),
    "head_teacher_since": N_("head teacher since (year)"),
    "teaching_since": N_("teaching since (year)"),
    "in_post": N_("still a serving head teacher"),
    "training_tier": N_("training tier"),
    "role": N_("role"),
    "status": N_("status"),
    "stage": N_("stage"),
    "joined_on": N_("joined on"),
    "phone": N_("phone"),
    "id_number": N_("ID number"),
    "note": N_("note"),
    "honours": N_("honours"),
    "agreement_signed_on": N_("agreement signed on"),
    "left_on": N_("left on"),
    "leave_reason": N_("reason for leaving"),
    "replaces": N_("replaces"),
    "studio_name": N_("studio name"),
    "level": N_("level"),
    "studio_type": N_("type"),
    "host_school": N_("host school"),
    "district": N_("district"),
    "cycle": N_("build cycle"),
    "preset": N_("policy preset"),
    "date": N_("date"),
    "kind": N_("kind"),
    "record_level": N_("level"),
    "record_title": N_("title"),
    "detail": N_("detail"),
    "hours": N_("training hours"),
    "school_year": N_("school year"),
    "goals": N_("goals"),
    "file": N_("file"),
    "value": N_("value"),
    "amount": N_("amount"),
    "category": N_("category"),
    "source": N_("source"),
    "payee": N_("payee"),
    "voucher_no": N_("voucher number"),
    "purpose": N_("purpose"),
    "approver": N_("approver"),
    "handler": N_("handled by"),
    "override_reason": N_("reason for overspending"),
    "reversal_reason": N_("reason for the reversal"),
    "direction": N_("income or expense"),
    "activity": N_("activity"),
    "start_time": N_("start time"),
    "end_time": N_("end time"),
    "place": N_("place"),
    "activity_kind": NC_("activity_kind", "kind"),
    "topic": N_("topic"),
    "content": N_("content"),
    "presenter": N_("presenter"),
    "summary": N_("summary"),
    "attendance": N_("attendance"),
    "key": N_("setting"),
}

MESSAGES: dict[str, Message] = {
    # parsing
    "required": N_("{field} is required"),
    "bad_date": N_("{field}: “{value}” is not a valid date (use 2025-09-01 or 2025/9/1)"),
    "bad_year": N_("{field}: “{value}” is not a year such as 2015"),
    "year_range": N_("{field}: {value} must lie between {low} and {high}"),
    "bad_yes_no": N_("{field}: “{value}” should be 是 or 否"),
    "bad_choice": N_("{field}: “{value}” is not one of {choices}"),
    "bad_phone": N_("{field}: “{value}” is not a phone number"),
    "bad_id_number": N_("{field}: “{value}” is not an 18-character ID number"),
    "bad_number": N_("{field}: “{value}” is not a number"),
    "bad_time": N_("{field}: “{value}” is not a time such as 14:30"),
    "end_before_start": N_("the end time {end} is before the start time {start}"),
    # {choices}: AttendanceStatus.words(), the words in both languages
    "bad_status": NC_("bad_status", "{field}: “{value}” is not one of {choices}"),
    "not_expected_member": N_("{name} was not in the studio on {date}"),
    "bad_amount": N_("{field}: “{value}” is not an amount such as 3000, 3,000.50 or 3000元"),
    "negative_amount": N_(
        "{field}: “{value}” is negative; record money coming back as income or as a reversal"
    ),
    "too_many_decimals": N_(
        "{field}: “{value}” has more than two decimals (fen is the smallest unit)"
    ),
    "zero_amount": N_("{field} must be more than 0"),
    "ring_fence": N_(
        "this takes the {year} balance below zero ({balance} left, {amount} asked): "
        "give a reason to record it anyway"
    ),
    "no_categories": N_(
        "{field}: this studio has no spending categories yet; add “{value}” with "
        "Funds ▸ Add category… first"
    ),
    "unknown_category": N_("{field}: “{value}” is not one of this studio's categories ({choices})"),
    "closed_period": N_("{field}: {value} lies in {period}, which is closed"),
    "duplicate_voucher": N_("{field}: {value} is already used by the entry of {date}"),
    "already_reversed": N_("this entry was already reversed on {date}"),
    "reversal_of_reversal": N_("a reversal cannot be reversed; record a new entry instead"),
    "activity_is_task_evidence": N_(
        "this activity is evidence for {count} task-ledger item(s) ({titles}); take it out "
        "of their evidence on the Plans page first"
    ),
    "activity_has_ledger_entries": N_(
        "this activity is named by {count} ledger entries ({vouchers}); the ledger is never "
        "changed, so the activity stays"
    ),
    "already_closed": N_("{period} is already closed"),
    "category_exists": N_("“{value}” is already a category"),
    "too_long": N_("{field} is longer than {max} characters"),
    "date_in_future": N_("{field}: {value} lies in the future"),
    "left_before_joined": N_("left on {left} is before joined on {joined}"),
    "leave_reason_needed": N_("a reason for leaving is required"),
    "duplicate_person": N_("{name} is already on the roster (same name and birth date)"),
    "duplicate_in_file": N_("{name} appears twice in the file (also row {other})"),
    "unknown_preset": N_("unknown policy preset “{value}”"),
    "cycle_order": N_("the build cycle must end after it starts ({start}–{end})"),
    "bad_cycle": N_("“{value}” is not a build cycle such as 2024-2027"),
    "masked_value_new": N_("{field}: “{value}” is masked; type the full number or leave it empty"),
    "replaces_self": N_("a member cannot replace themselves"),
    "unknown_setting": N_("unknown setting “{value}”"),
    "bad_setting_value": N_("setting {key}: “{value}” is not allowed ({allowed})"),
    "file_missing": N_("file not found: {value}"),
    # roster workbook
    "not_a_workbook": N_("“{value}” is not an Excel workbook (.xlsx)"),
    "no_header": N_("no header row with the column 姓名 in the first 5 rows"),
    "missing_columns": N_("missing columns: {columns}"),
    "row_problem": N_("row {row}, column {column}: {problem}"),
    "row_problem_nocol": N_("row {row}: {problem}"),
    "empty_sheet": N_("the sheet has no rows below its header"),
    "old_xls": N_(
        "“{value}” is an old .xls or password-protected workbook: open it in Excel, "
        "save it as .xlsx without a password and import that file"
    ),
    "import_has_problems": N_("the file has {count} problem(s); nothing was imported"),
    "import_failed": N_("nothing was imported: {problems}"),
    "import_counts": N_("added {added}, updated {updated}, unchanged {unchanged}"),
}

# Composition and eligibility warnings (domain/composition.py).
MESSAGES.update(
    {
        "source_overridden": N_("{source}; value changed by this studio: {reason}"),
        "source_studio_rule": N_("this studio's own rule: {reason}"),
        "source_default": N_("not set by the policy document: the usual value"),
        "w_member_cap": N_("{count} members, more than the {limit} allowed"),
        "w_member_min": N_("{count} members, fewer than the {limit} required"),
        "w_hosts_range": N_("{count} hosts/leaders; the preset asks for {low}–{high}"),
        "w_mentors_range": N_("{count} mentors; the preset allows {low}–{high}"),
        "w_core_range": N_("{count} core members; the preset asks for {low}–{high}"),
        "w_same_school": N_(
            "{count} members from {school}, more than the {limit} allowed from one school"
        ),
        "w_rural_min": N_("{count} members from rural schools, fewer than the {limit} required"),
        "w_service_years": N_(
            "{role} with {years} whole school years as head teacher ({day}), fewer than {limit}"
        ),
        "w_service_unknown": N_(
            "{role}: years as head teacher not recorded (at least {limit} required)"
        ),
        "w_age_max": N_("{role} aged {age} ({day}), older than the {limit} allowed"),
        "w_age_unknown": N_("{role}: birth date not recorded (must be under {limit})"),
        "w_host_title": N_("host's title {title} is below the required {limit}"),
        "w_host_honours": N_("the host holds none of the honours the preset asks for: {honours}"),
        "w_host_title_unknown": N_(
            "host's teaching title not recorded (at least {limit} required)"
        ),
    }
)

# PDF reports (desktop_app/documents) and the commands that write them.
MESSAGES.update(
    {
        "no_cjk_font_screen": N_(
            "No Chinese TrueType font was found, so Chinese may show as boxes. "
            "Install one (Windows: Microsoft YaHei or SimHei; Debian/Ubuntu: "
            "fonts-wqy-microhei)."
        ),
        "no_cjk_font": N_(
            "no Chinese TrueType font was found, so no PDF can be written. Install one "
            "(Windows: Microsoft YaHei or SimHei; Debian/Ubuntu: fonts-wqy-microhei) "
            "or set STUDIODESK_CJK_FONT to a .ttf/.ttc file"
        ),
        "cjk_font_unusable": N_(
            "the font {value} cannot be embedded in a PDF ({reason}); use a TrueType "
            "font such as Microsoft YaHei, SimHei or WenQuanYi Micro Hei"
        ),
        "report_write_failed": N_("could not write {value}: {reason}"),
        "unknown_activity": N_(
            "there is no activity with the id {value} (list them with: studiodesk activities)"
        ),
    }
)


# The attendance workbook (documents/sheets/attendance_io.py).
MESSAGES.update(
    {
        "cell_problem": N_("row {row}, column {column} ({header}): {problem}"),
        "no_attendance_table": N_(
            "no attendance table in the first 5 rows: either members as rows with one column "
            "per session headed “2025-03-12 topic”, or the columns 日期, 活动, 姓名, 考勤"
        ),
        "unknown_member": N_("no member named “{name}”"),
        "ambiguous_member": N_(
            "“{name}” could be {people}; add the column 单位 to tell them apart"
        ),
        "topic_needed": N_(
            "the session has no topic: write it after the date, e.g. “{date} 班会课设计”"
        ),
        "duplicate_session_column": N_("the same session as column {other}"),
        "ambiguous_activity": N_(
            "{activity} is logged more than once; give them different topics first"
        ),
        "activity_no_attendance": N_("{activity} is logged as an activity without attendance"),
        "change_new_activity": N_("new activity {activity}"),
        "change_mark_added": N_("{activity} {name}: new {status}"),
        "change_mark": N_("{activity} {name}: {change}"),
        "note_change": N_("note “{old}” → “{new}”"),
        "attendance_import_counts": N_(
            "new activities {activities}, marks added {added}, changed {changed}, "
            "unchanged {unchanged}"
        ),
    }
)


# Ledger batches and the ledger workbook (services/ledger.py add_many, documents/sheets/ledger_io.py).
FIELDS.update({"reversal_voucher": N_("voucher of the entry reversed")})
MESSAGES.update(
    {
        "batch_item": N_("item {item}: {problem}"),
        "batch_item_label": N_("item {item}"),
        "row_label": N_("row {row}"),
        "voucher_twice": N_("{field}: {value} is also used by {other}"),
        "reversed_twice": N_("this entry is already reversed by {other}"),
        "no_ledger_header": N_("no header row with the columns 日期 and 金额 in the first 5 rows"),
        "bad_ledger_kind": N_("{field}: “{value}” is not one of 收入, 支出, 冲销收入, 冲销支出"),
        "original_not_found": N_(
            "{field}: there is no {kind} with the voucher number {value} to reverse"
        ),
        "original_not_found_no_voucher": N_(
            "there is no {kind} “{purpose}” without a voucher number to reverse: fill in 冲销凭证号"
        ),
        "original_ambiguous": N_(
            "{count} entries match; fill in 冲销凭证号 to say which one is reversed"
        ),
        "reversal_amount": N_(
            "{field}: {value} differs from the amount {original} of the entry of {date} "
            "it reverses (a reversal undoes a whole entry)"
        ),
        "reversal_before_original": N_("{field}: {value} is before the entry it reverses ({date})"),
        "ledger_import_counts": N_(
            "entries to add {added} (reversals among them {reversals}), "
            "already in the ledger {skipped}"
        ),
    }
)


# Plans, the task ledger and assessments (issue 5).
FIELDS.update(
    {
        "task_title": N_("task"),
        "owner": N_("owner"),
        "due_on": N_("due date"),
        "task_status": N_("status"),
        "evidence": N_("evidence"),
        "plan_title": N_("title"),
        "features": N_("features (特色)"),
        "measures": N_("measures"),
        "summary_body": NC_("summary_body", "summary"),
        "score": N_("score"),
        "comment": N_("comment"),
        "template": N_("template"),
        "assessment_kind": N_("kind of assessment"),
        "member": N_("member"),
    }
)
MESSAGES.update(
    {
        "done_task_stays": N_(
            "“{task}” is ticked off and stays as the record of work done; reopen it first "
            "to delete it"
        ),
        "unknown_member_id": N_("{field}: there is no member with id {id}"),
        "done_needs_evidence": N_(
            "“{task}” cannot be ticked off without evidence: link an activity, a growth "
            "record, a ledger entry or a file"
        ),
        "evidence_not_found": N_("the {kind} with id {id} does not exist"),
        "plan_exists": N_("there is already an annual plan for {year}"),
        "no_annual_plan": N_("there is no annual plan for {year} yet: write the plan first"),
        "score_range": N_("{field} of {indicator}: “{value}” must lie between 0 and {max}"),
        "assessment_locked": N_(
            "this assessment was submitted on {date} and is locked: copy it into a new "
            "draft to change it"
        ),
        "assessment_incomplete": N_(
            "cannot submit: {count} indicators have no score yet ({codes})"
        ),
        "template_kind": N_("the template “{template}” is not meant for a {kind}"),
        "member_needed": N_("a member assessment needs the member it assesses"),
        "unknown_template": N_("there is no template “{value}”"),
        "unknown_indicator": N_("there is no indicator {value}"),
        # evidence rules: what the records show
        "rule_build_plan_found": N_("the build plan for the cycle is on record"),
        "rule_build_plan_missing": N_("there is no build plan yet"),
        "rule_annual_plan_found": N_("the annual plan is on record with {tasks} task items"),
        "rule_annual_plan_missing": N_("there is no annual plan for this school year"),
        "rule_tasks_done": N_("{done} of {total} task items ticked off (needed: {need})"),
        "rule_summary_found": N_("the annual summary is written"),
        "rule_summary_missing": N_("there is no annual summary yet"),
        "rule_any_activity": N_("activities"),
        "rule_activities": N_("{count} {what} held this school year (needed: {need})"),
        "rule_attendance": N_(
            "attendance rate {rate} ({attended} of {expected} expected attendances; needed: {need})"
        ),
        "rule_spending_report": N_("{count} spending reports issued for the year"),
        "rule_growth_plans": N_(
            "{have} of {total} members have a development plan for the year (missing: {missing})"
        ),
        "rule_duties": N_("{done} of {total} yearly duties done (needed: {need})"),
        "rule_any_record": N_("growth records"),
        "rule_records": N_("{count} {what} recorded this school year (needed: {need})"),
        "rule_roster": N_("{count} composition warnings on the roster"),
        "rule_needs_member": N_("this indicator needs a member"),
        "rule_member_attendance": N_(
            "{name}: attendance {rate} ({attended} of {expected} sessions; needed: {need})"
        ),
        "rule_records_or_talks": N_(
            "{count} {what} recorded or presented at studio activities this school year "
            "(needed: {need})"
        ),
        "rule_member_duty_or_talks": N_(
            "{name}: {count} {what} in the growth file or presented at studio activities "
            "this school year"
        ),
        "rule_member_duty": N_("{name}: {count} {what} in the growth file this school year"),
        "rule_flag_clear": N_("{name} is not flagged for absences"),
    }
)


# The submission bundle and its verification (desktop_app/bundle, issue 6).
MESSAGES.update(
    {
        "bundle_not_a_bundle": N_("not a StudioDesk submission bundle ({detail})"),
        "bundle_detail_not_a_zip": N_("not a zip file"),
        "bundle_detail_layout": N_("its files are not all in one folder"),
        "bundle_detail_lacks": N_("{name} is missing or unreadable"),
        "bundle_unknown_version": N_(
            "the bundle's format version {detail} is unknown to this program; update StudioDesk"
        ),
        "bundle_missing": N_("files missing: {files}"),
        "bundle_changed": N_("files changed after export: {files}"),
        "bundle_extra": N_("files that the check files do not list: {files}"),
        "bundle_bad_signature": N_(
            "the digital signature does not match: one of {files} was changed, or the "
            "bundle was not signed by the key it carries"
        ),
        "bundle_unsafe_nul_in_name": N_("an entry name holds a NUL byte"),
        "bundle_unsafe_absolute_path": N_("an entry has an absolute path: {files}"),
        "bundle_unsafe_drive_letter": N_("an entry names a drive: {files}"),
        "bundle_unsafe_parent_path": N_("an entry climbs out of the folder (..): {files}"),
        "bundle_unsafe_odd_path": N_("an entry has an empty or '.' path part: {files}"),
        "bundle_unsafe_link": N_("an entry is a link: {files}"),
        "bundle_unsafe_encrypted": N_("an entry is encrypted: {files}"),
        "bundle_unsafe_duplicate": N_("an entry name occurs twice: {files}"),
        "bundle_unsafe_nested_archive": N_("the bundle holds another archive: {files}"),
        "bundle_unsafe_entry_too_big": N_("an entry is larger than allowed: {files}"),
        "bundle_unsafe_too_big": N_("the bundle unpacks to more than allowed"),
        "bundle_unsafe_too_many_entries": N_("the bundle has more entries than allowed"),
        "bundle_unsafe_ratio": N_("an entry is compressed implausibly well (a zip bomb?): {files}"),
        "bundle_unsafe_size_mismatch": N_("an entry is longer than its header says: {files}"),
        "bundle_unsafe_damaged_entry": N_("an entry cannot be read: {files} ({detail})"),
    }
)

# The submission bundle's export (issue 6): periods, what goes in, what the bureau will miss.
MESSAGES.update(
    {
        "export_bad_period": N_(
            "not a period: {value}; give a school year of the cycle {cycle} (e.g. {example}), "
            "midterm or final"
        ),
        "export_year_outside_cycle": N_(
            "the school year {value} is outside the studio's cycle {cycle}"
        ),
        "export_no_studio": N_("the database holds no studio yet: there is nothing to export"),
        "export_period_school_year": N_("school year {label}"),
        "export_period_midterm": N_("mid-term review of the cycle {cycle} ({first} to {last})"),
        "export_period_final": N_("final review of the cycle {cycle} ({first} to {last})"),
        "export_missing_plan": NC_(
            "export_missing_plan", "no annual plan for the school year {year}"
        ),
        "export_missing_summary": N_("no annual summary for the school year {year} yet"),
        "export_missing_assessment": N_("no submitted {kind} yet"),
        "export_assessment_midterm": N_("mid-term assessment"),
        "export_assessment_final": N_("final assessment"),
        "export_missing_spending_report": N_(
            "no spending report has been issued for the fiscal year {year} (the bundle "
            "carries one written now)"
        ),
        "export_missing_goals": N_("members without a development plan for {year}: {names}"),
        "export_archive_left_out": N_(
            "the evidence file {name} ({owner}) is an archive and is left out: the bureau "
            "refuses archives inside a bundle; attach the files it holds instead"
        ),
        "export_file_absent": N_(
            "the evidence file {name} ({owner}) is missing from the file store and is left out"
        ),
        "export_owner_activity": N_("activity {date} {topic}"),
        "export_owner_record": N_("growth record of {name}, {date} {title}"),
        "export_owner_entry": N_("ledger entry {date} {purpose}"),
        "export_owner_task": N_("task-ledger item {title}"),
        "export_item_bagit": N_("format declaration (read by programs)"),
        "export_item_bag_info": N_("bundle information: studio, period, date, signer"),
        "export_item_manifest": N_("check file: a check value of every material"),
        "export_item_tagmanifest": N_(
            "check file: check values of the files above (what the signature signs)"
        ),
        "export_item_public_key": N_("this computer's key for checking the digital signature"),
        "export_item_signature": N_("digital signature"),
        "export_item_data": N_("every record of the period, machine-readable ({personal})"),
        "export_personal_masked": N_("phone and ID numbers masked"),
        "export_personal_full": N_("phone and ID numbers in full"),
        "export_item_ledger_pdf": N_("spending report {year} (PDF)"),
        "export_item_ledger_xlsx": N_("spending report {year} (workbook)"),
        "export_item_plan_pdf": N_("annual plan {year} (PDF)"),
        "export_item_summary_pdf": N_("annual summary {year} (PDF)"),
        "export_item_duties_pdf": N_("yearly duties {year} (PDF)"),
        "export_item_duties_xlsx": N_("yearly duties {year} (workbook)"),
        "export_item_assessment_pdf": N_("assessment: {title} (PDF)"),
        "export_item_roster_xlsx": N_("roster ({personal})"),
        "export_item_attendance_xlsx": N_("attendance {year} (workbook)"),
        "export_item_attachment": N_("evidence: {name} ({owner})"),
        "export_draft_left_out": N_(
            "the assessment {title} is a draft and is left out; submit it to include it"
        ),
        "export_cancelled": N_("the export was cancelled"),
    }
)

# Storage faults: the disk, the folder or the database file, not the user's input.
MESSAGES.update(
    {
        "storage_full": N_(
            "Not saved: the disk is full. Nothing was written; free some space (or move "
            "the data folder) and save again — what you entered is still here."
        ),
        "storage_io": N_(
            "Not saved: the disk reported a read/write error ({detail}). Nothing was "
            "written; check the disk or USB stick and save again — what you entered is "
            "still here."
        ),
        "storage_read_only": N_(
            "Not saved: this database is open read-only ({detail}). Nothing was written."
        ),
        "storage_locked": N_(
            "Not saved: the database is busy in another program. Nothing was written; "
            "wait a moment and save again — what you entered is still here."
        ),
        "storage_corrupt": N_(
            "The database file is damaged ({detail}). Nothing was written; restore the "
            "latest good backup (Backups page)."
        ),
        "storage_file_copy": N_(
            "Could not copy “{name}” into the studio's files: {detail}. Nothing was saved; "
            "what you entered is still here."
        ),
        # a school server's faults (store/faults.py): never called a damaged file
        "storage_server_unreachable": N_(
            "Cannot reach the school server {where} ({detail}). Nothing was written. Check "
            "that the server is running and that this computer is on the school network, "
            "then try again."
        ),
        "storage_server_auth": N_(
            "The school server {where} refused the login ({detail}). Nothing was written. "
            "Check the user name and password of the database address, or ask the person "
            "who looks after the server."
        ),
        "storage_server_no_database": N_(
            "The school server {where} has no such database ({detail}). Nothing was "
            "written. Check the database name in the address; the person who looks after "
            "the server creates it (README, “A school server”)."
        ),
        "storage_server_lost": N_(
            "Not saved: the connection to the school server {where} was lost ({detail}). "
            "Nothing of this save was written; try again when the server is reachable — "
            "what you entered is still here."
        ),
        "storage_server_full": N_(
            "Not saved: the school server {where} is out of disk space or memory "
            "({detail}). Nothing was written; tell the person who looks after the server, "
            "then save again — what you entered is still here."
        ),
        "storage_server_failed": N_(
            "Not saved: the school server {where} reported a fault of its own ({detail}). "
            "Nothing was written; tell the person who looks after the server — what you "
            "entered is still here."
        ),
        "storage_not_database": N_("the file does not start like an SQLite database"),
        "storage_old_read_only": N_(
            "this database was written by an older StudioDesk and must be upgraded, but its "
            "folder is read-only: copy it to a folder you can write to and open it there"
        ),
        "read_only_folder": N_("the folder cannot be written to"),
        "reason_full": N_("the disk is full"),
        "reason_io": N_("the disk reported a read/write error ({detail})"),
        "reason_read_only": N_("no permission to write there"),
        "read_only_file": N_("the file cannot be written to"),
    }
)

# Eligibility, recognition and the studio's records (issue 15: domain/composition.py,
# domain/studio_checks.py).
MESSAGES.update(
    {
        "w_measured_chosen": N_("when chosen on {day}"),
        "w_measured_today": N_("as of {day}, not yet chosen"),
        "w_not_in_post": N_(
            "{role} is no longer a serving head teacher (the document asks for one)"
        ),
        "w_member_honours": N_(
            "{role}: none of the honours or prizes asked for is recorded ({honours})"
        ),
        "w_host_class_honour": N_(
            "host: no class honour of level {level} or above ({honours}) in the growth file"
        ),
        "w_recognise_years": N_(
            "{role}: {years} whole school years as head teacher so far; recognition as "
            "{title} needs {limit} years and still serving as head teacher"
        ),
        "w_recognise_unknown": N_(
            "{role}: head-teacher start year not recorded; recognition as {title} needs "
            "{limit} years and still serving as head teacher"
        ),
        "w_recognise_teaching": N_(
            "{role}: {years} whole school years of teaching so far; recognition as {title} "
            "needs {limit} years of teaching"
        ),
        "w_recognise_teaching_unknown": N_(
            "{role}: teaching start year not recorded; recognition as {title} needs {limit} "
            "years of teaching"
        ),
        "w_recognise_not_in_post": N_(
            "{role} no longer serves as head teacher; only a serving head teacher can be "
            "recognised as {title}"
        ),
        "w_agreement_missing": N_("{role} is on the list but no signed agreement is recorded"),
        "w_cycle_length": N_("the build cycle has {years} school years; the document sets {limit}"),
        "w_cycle_length_about": N_(
            "the build cycle has {years} school years; the document sets about {limit}"
        ),
        "w_plan_missing": N_("no annual plan for the school year {year}"),
        "w_plan_late": N_(
            "the annual plan for {year} was made on {made}, after the school year began ({start})"
        ),
        "w_name_not_host": N_(
            "the studio's name “{name}” does not carry its host's name ({hosts})"
        ),
        "w_showcase_missing": N_("no showcase activity in the school year {year}"),
    }
)

# 学时 (issue 15 items 14–15): training hours and seed 001's new head teachers.
MESSAGES.update(
    {
        "w_new_teacher_hours": N_(
            "{name} is new as head teacher this school year: {hours} training hours on "
            "record; in principle at least {limit} hours of induction training"
        ),
        "w_new_teacher_probation": N_(
            "{name} is new as head teacher this school year: no {years} year(s) as a "
            "probationary head teacher on record (a growth record whose title names 见习); "
            "in principle required"
        ),
    }
)

# Application forms (issue 15, item 13: 申报表, 申报汇总表, the summary in Word).
MESSAGES.update(
    {
        "application_not_offered": N_(
            "The studio's policy document names no application form: the 申报表 and "
            "申报汇总表 are annexes of the 江阴中专 plan, laid out from its 附件1, the host's "
            "conditions."
        ),
    }
)

# Attendance line and the rules a studio sets itself (issue 15, items 1–3).
MESSAGES.update(
    {
        "source_studio": N_("this studio's own rule"),
        "setting_from_studio": N_("set by this studio"),
        "setting_and": N_("; "),
        "setting_from_preset": N_("as {source} says"),
        "setting_from_default": N_("the usual setting"),
        "setting_preset_differs": N_("{source} says {value}"),
        "no_line": N_(
            "This studio has no absence line (its policy document sets none): nobody is "
            "marked at risk or over the line."
        ),
        "not_judged": N_("fewer than {n} sessions, not judged yet"),
        "studio_rule_kept": N_("kept the usual {rule} as this studio's own rule"),
        "bad_own_attendance_line": N_(
            "absence line: “{value}” is not a fraction between 0 and 1 (e.g. 1/3); "
            "leave it out for no line"
        ),
        "bad_own_expense_categories": N_(
            "spending categories: “{value}” — write different names separated by 、"
        ),
        "no_studio_rule_here": N_("{rule} is set by the policy document; change its value instead"),
    }
)

# Rows the database refuses or that break its rules (issue 16, items 1 and 12: "race").
MESSAGES.update(
    {
        "row_invalid": N_(
            "In {table}, record {row}: {column} is “{value}”, {what}. The record was not written "
            "by StudioDesk, which stops here rather than show it wrong; have it corrected "
            "(the backups folder holds earlier copies of the database)."
        ),
        "upgrade_invalid_row": N_(
            "The database cannot be upgraded for this version: in {table}, record {row}, "
            "{column} is “{value}”, {what} (written by another program). The database was "
            "left as it was; correct that record and open it again. The backup made before "
            "the upgrade is in the backups folder."
        ),
        "constraint_refused": N_("{table}: {column} “{value}” {what}. Nothing was saved."),
        "voucher_held": N_(
            "{field}: {value} is already used by another entry (just recorded by another "
            "program). Nothing was saved."
        ),
        "refused_ledger_append_only": N_(
            "ledger entries, their receipts and closed periods are only ever added, never "
            "changed or deleted (a mistake is undone by a reversal). Nothing was saved."
        ),
        "refused_closed_period": N_(
            "{field}: the date lies in a closed period, in which nothing can be recorded "
            "any more. Nothing was saved."
        ),
        "refused_assessment_locked": N_(
            "this assessment was submitted and is locked; make a copy to change it. "
            "Nothing was saved."
        ),
        "check_enum": N_("is not one of the allowed values"),
        "check_date": N_("is not a real date written year-month-day (e.g. 2025-03-01)"),
        "check_money": N_("is not a whole number of fen above zero"),
        "check_count": N_("is not a whole number of zero or more"),
        "check_flag": N_("is neither yes nor no"),
        "check_order": N_("comes before its start"),
        "check_given": N_("is missing"),
        "value_empty": N_("empty"),
        "table_studio": N_("the studio"),
        "table_person": N_("the people"),
        "table_membership": N_("the memberships"),
        "table_membership_stage": N_("the selection steps"),
        "table_growth_record": N_("the growth files"),
        "table_activity": N_("the activities"),
        "table_attendance_mark": N_("the attendance"),
        "table_attendance_flag_event": N_("the attendance warnings"),
        "table_ledger_entry": N_("the funding ledger"),
        "table_ledger_budget": N_("the budgets"),
        "table_ledger_closed_period": N_("the closed periods"),
        "table_plan": N_("the plans"),
        "table_plan_task": N_("the task ledger"),
        "table_plan_task_evidence": N_("the tasks' evidence"),
        "table_assessment": N_("the assessments"),
        "table_assessment_evidence": N_("the assessments' evidence"),
        "column_level": N_("level"),
        "column_studio_type": N_("type"),
        "column_is_demo": N_("demo mark"),
        "column_cycle_last_year": N_("cycle's last year"),
        "column_gender": N_("gender"),
        "column_birth_date": N_("birth date"),
        "column_rural": N_("rural school"),
        "column_title": N_("teaching title"),
        "column_in_post": N_("still a head teacher"),
        "column_training_tier": NC_("column_training_tier", "training tier"),
        "column_role": N_("role"),
        "column_stage": NC_("column_stage", "stage"),
        "column_agreement_signed_on": N_("agreement signed on"),
        "column_joined_on": N_("joined on"),
        "column_left_on": N_("left on"),
        "column_on": N_("date"),
        "column_kind": N_("kind"),
        "column_date": N_("date"),
        "column_hours_tenths": N_("hours"),
        "column_takes_attendance": N_("takes attendance"),
        "column_status": N_("status"),
        "column_old_state": N_("earlier state"),
        "column_new_state": N_("new state"),
        "column_missed": N_("sessions missed"),
        "column_expected": N_("sessions expected"),
        "column_direction": N_("income or expense"),
        "column_amount_fen": N_("amount"),
        "column_source": N_("source of income"),
        "column_voucher_turn": N_("voucher's turn"),
        "column_first_day": N_("first day"),
        "column_last_day": N_("last day"),
        "column_due_on": N_("due date"),
        "column_done_on": N_("done on"),
        "column_grade": N_("grade"),
        "column_decision": N_("decision"),
    }
)

# Reading workbooks (issue 16, items 6, 8, 10: size, formulas without a value, XML bombs).
MESSAGES.update(
    {
        "too_many_rows": N_(
            "sheet {sheet} has too many filled rows (at most {max} rows are read; row {row} "
            "is one too many): a studio's table never holds so many; check that this is the "
            "right file, or split it and import each part"
        ),
        "too_many_columns": N_(
            "row {row}, column {column} holds something, but only columns A to {last} "
            "({max} columns) are read: move it or delete it"
        ),
        "workbook_too_big": N_(
            "“{value}” holds a part larger than {size} MB, more than any studio's "
            "workbook needs: it is not imported"
        ),
        "workbook_too_many_row_marks": N_(
            "“{value}” lists more than {max} rows (empty or formatted rows count too): "
            "delete the unused rows below the table, save and import again"
        ),
        "workbook_dtd": N_(
            "“{value}” contains XML that no spreadsheet program writes (a document type "
            "declaration, as in an XML bomb): it is not imported"
        ),
        "formula_cell": N_("row {row}, column {column} ({header})"),
        "and_more": N_(" and {count} more"),
        "formula_without_value": N_(
            "these cells hold a formula whose result was not saved in the file, so their "
            "value is unknown: {cells}. Open the file in Excel or WPS, save it and import "
            "again, or type the values instead of formulas"
        ),
    }
)

# Plausible dates (issue 16, item 9): each rule said in the message.
MESSAGES.update(
    {
        "date_range": N_("{field}: {value} must lie between {low} and {high} ({rule})"),
        "rule_calendar": N_("no date the program keeps is earlier"),
        "rule_activity_cycle": N_(
            "from a year before the build cycle starts until a year after it ends"
        ),
        "rule_near_cycle": N_("from a year before the build cycle starts until today"),
        "rule_adult": N_("a member is {low} to {high} years old"),
        "rule_joining": N_("from 2000 until a year from today"),
    }
)

# Hostile bundles (issue 16, items 4, 5, 11: bundles): what the archive's own directory
# shows before any data is read, and archives hidden under another name.
MESSAGES.update(
    {
        "bundle_unsafe_overlap": N_("entries share their compressed data (a zip bomb): {files}"),
        "bundle_unsafe_sizes_exceed_file": N_(
            "the entries' compressed sizes add up to more than the file (a zip bomb?)"
        ),
        "bundle_unsafe_nested_archive_content": N_(
            "the bundle holds an archive under another name: {files}"
        ),
        # Roster import: one ID-card number, one person.
        "id_number_repeated": N_(
            "{value} is also on row {rows} ({names}): one ID number belongs to one person"
        ),
        "id_number_taken": N_("{value} is already the ID number of {name} on the roster"),
    }
)

# --- perms (issue 16, item 15): exports that hold personal data in full say so ---
MESSAGES.update(
    {
        "export_holds_full_numbers": N_(
            "{path} holds full phone and ID numbers: hand it only to whom the rules allow"
        ),
    }
)

# The command line and leftovers (issue 16: cli).
MESSAGES.update(
    {
        "cycle_out_of_range": N_(
            "the build cycle {start}–{end} must lie between the school years {first} and "
            "{last}, and last at most {years} years"
        ),
        "storage_newer": N_(
            "This database was saved by a newer version of StudioDesk, which this copy "
            "cannot read. Install the newer version to open it; nothing was changed."
        ),
        "cancelled": N_("Cancelled."),
    }
)

# Accounts and roles (issue 18): domain/roles.py, services/accounts.py.
FIELDS.update(
    {
        "login": N_("login"),
        "password": N_("password"),
        "display_name": N_("display name"),
        "account_role": N_("account role"),
    }
)
MESSAGES.update(
    {
        "account_role_host": N_("host"),
        "account_role_secretary": N_("secretary"),
        "account_role_viewer": N_("viewer"),
        "capability_plans": N_("change plans"),
        "capability_tick_tasks": N_("tick off tasks"),
        "capability_summaries": N_("write summaries"),
        "capability_assessments": N_("change assessments"),
        "capability_close_periods": N_("close periods"),
        "capability_budgets": N_("set budgets"),
        "capability_reversals": N_("reverse ledger entries"),
        "capability_settings": N_("change the studio's settings"),
        "capability_memberships": N_("change the roster"),
        "capability_restore": N_("restore a backup"),
        "capability_export": N_("export the records"),
        "capability_accounts": N_("manage accounts"),
        "capability_activities": N_("record activities"),
        "capability_attendance": N_("take attendance"),
        "capability_ledger_entries": N_("record receipts and expenses"),
        "capability_growth_records": N_("record growth records"),
        "capability_task_evidence": N_("attach evidence to tasks"),
        "capability_read": N_("read the records"),
        "capability_reports": N_("make reports"),
        "refused_ask_host": N_("A {role} account cannot {action}; ask the host."),
        "refused_ask_secretary": N_(
            "A {role} account cannot {action}; ask the secretary or the host."
        ),
        "sign_in_first": N_("Accounts are on for this database: sign in first."),
        "sign_in_failed": N_("The login or the password is wrong."),
        "login_invalid": N_(
            "{value} cannot be a login: letters, digits, _ and - only, starting with a "
            "letter, at most 32"
        ),
        "login_taken": N_("{value} is already a login"),
        "password_too_short": N_("a password has at least {count} characters"),
        "passwords_differ": N_("the two passwords differ"),
        "no_such_account": N_("there is no account {value}"),
        "last_host": N_("{value} is the last active host: make another host first"),
        "accounts_already_on": N_("Accounts are already on for this database."),
        "accounts_on_server": N_(
            "A school server's database always has accounts; they cannot be turned off."
        ),
        "server_needs_init": N_(
            "The school server's database is older than this program, and your login "
            "cannot upgrade it. Ask the school's IT person to run: studiodesk server-init "
            "(nothing was changed)."
        ),
        "server_name_too_long": N_(
            "{value} is too long for a PostgreSQL role name (at most 63 bytes): choose a "
            "shorter login"
        ),
    }
)
MESSAGES.update(
    {
        "first_host_needed": N_(
            "The database has no host account yet: give the first host's --login and --name"
        ),
        "server_init_cannot_create_roles": N_(
            "The database role {role} may not create roles, and server-init makes the "
            "studio's PostgreSQL roles: as PostgreSQL's superuser, run ALTER ROLE {role} "
            "CREATEROLE (or make the owner with createuser --createrole), then run "
            "server-init again"
        ),
    }
)
