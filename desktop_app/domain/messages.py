"""Messages that leave the domain and services (validation problems, warnings).

Qt's tr() cannot be used below the GUI, so these carry their own small catalogue with
English and Chinese text. The program sets the language once at start; a test checks
that every entry has both.
"""

from __future__ import annotations

_language = "zh_CN"

FIELDS: dict[str, tuple[str, str]] = {
    "name": ("name", "姓名"),
    "gender": ("gender", "性别"),
    "birth_date": ("birth date", "出生日期"),
    "school": ("school", "工作单位"),
    "rural": ("rural school", "农村学校"),
    "title": ("teaching title", "职称"),
    "head_teacher_since": ("head teacher since (year)", "担任班主任起始年份"),
    "teaching_since": ("teaching since (year)", "任教起始年份"),
    "in_post": ("still a serving head teacher", "仍在班主任岗位"),
    "training_tier": ("training tier", "培养梯队"),
    "role": ("role", "角色"),
    "status": ("status", "状态"),
    "stage": ("stage", "状态"),
    "joined_on": ("joined on", "加入日期"),
    "phone": ("phone", "联系电话"),
    "id_number": ("ID number", "身份证号"),
    "note": ("note", "备注"),
    "honours": ("honours", "称号"),
    "agreement_signed_on": ("agreement signed on", "协议签订日期"),
    "left_on": ("left on", "退出日期"),
    "leave_reason": ("reason for leaving", "退出原因"),
    "replaces": ("replaces", "替补对象"),
    "studio_name": ("studio name", "工作室名称"),
    "level": ("level", "级别"),
    "studio_type": ("type", "类型"),
    "host_school": ("host school", "所在学校"),
    "district": ("district", "所属区县"),
    "cycle": ("build cycle", "建设周期"),
    "preset": ("policy preset", "政策预设"),
    "date": ("date", "日期"),
    "kind": ("kind", "类别"),
    "record_level": ("level", "级别"),
    "record_title": ("title", "标题"),
    "detail": ("detail", "详情"),
    "hours": ("training hours", "学时"),
    "school_year": ("school year", "学年"),
    "goals": ("goals", "发展目标"),
    "file": ("file", "文件"),
    "value": ("value", "取值"),
    "amount": ("amount", "金额"),
    "category": ("category", "类别"),
    "source": ("source", "来源"),
    "payee": ("payee", "收款方"),
    "voucher_no": ("voucher number", "凭证号"),
    "purpose": ("purpose", "摘要"),
    "approver": ("approver", "审批人"),
    "handler": ("handled by", "经办人"),
    "override_reason": ("reason for overspending", "超支原因"),
    "reversal_reason": ("reason for the reversal", "冲销原因"),
    "direction": ("income or expense", "收支"),
    "activity": ("activity", "活动"),
    "start_time": ("start time", "开始时间"),
    "end_time": ("end time", "结束时间"),
    "place": ("place", "地点"),
    "activity_kind": ("kind", "活动类型"),
    "topic": ("topic", "主题"),
    "content": ("content", "内容"),
    "presenter": ("presenter", "主讲人"),
    "summary": ("summary", "活动总结"),
    "attendance": ("attendance", "考勤"),
    "key": ("setting", "设置项"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # parsing
    "required": ("{field} is required", "{field}不能为空"),
    "bad_date": (
        "{field}: “{value}” is not a valid date (use 2025-09-01 or 2025/9/1)",
        "{field}：“{value}”不是有效日期（请写成 2025-09-01 或 2025/9/1）",
    ),
    "bad_year": (
        "{field}: “{value}” is not a year such as 2015",
        "{field}：“{value}”不是年份（如 2015）",
    ),
    "year_range": (
        "{field}: {value} must lie between {low} and {high}",
        "{field}：{value} 应在 {low} 与 {high} 之间",
    ),
    "bad_yes_no": ("{field}: “{value}” should be 是 or 否", "{field}：“{value}”应填“是”或“否”"),
    "bad_choice": (
        "{field}: “{value}” is not one of {choices}",
        "{field}：“{value}”不在可选值（{choices}）之中",
    ),
    "bad_phone": (
        "{field}: “{value}” is not a phone number",
        "{field}：“{value}”不是电话号码",
    ),
    "bad_id_number": (
        "{field}: “{value}” is not an 18-character ID number",
        "{field}：“{value}”不是18位身份证号",
    ),
    "bad_number": ("{field}: “{value}” is not a number", "{field}：“{value}”不是数字"),
    "bad_time": (
        "{field}: “{value}” is not a time such as 14:30",
        "{field}：“{value}”不是时间（如 14:30）",
    ),
    "end_before_start": (
        "the end time {end} is before the start time {start}",
        "结束时间 {end} 早于开始时间 {start}",
    ),
    "bad_status": (
        "{field}: “{value}” is not one of 出勤、迟到、早退、请假、缺勤",
        "{field}：“{value}”不是 出勤、迟到、早退、请假、缺勤 之一",
    ),
    "not_expected_member": (
        "{name} was not in the studio on {date}",
        "{date} 时 {name} 不在工作室中",
    ),
    "bad_amount": (
        "{field}: “{value}” is not an amount such as 3000, 3,000.50 or 3000元",
        "{field}：“{value}”不是金额（可写 3000、3,000.50 或 3000元）",
    ),
    "negative_amount": (
        "{field}: “{value}” is negative; record money coming back as income or as a reversal",
        "{field}：“{value}”为负数；退回的钱请记为收入或冲销",
    ),
    "too_many_decimals": (
        "{field}: “{value}” has more than two decimals (fen is the smallest unit)",
        "{field}：“{value}”超过两位小数（最小单位为分）",
    ),
    "zero_amount": ("{field} must be more than 0", "{field}必须大于 0"),
    "ring_fence": (
        "this takes the {year} balance below zero ({balance} left, {amount} asked): "
        "give a reason to record it anyway",
        "此笔将使{year}经费余额为负（余额 {balance}，本笔 {amount}）：如确需支出，请填写超支原因",
    ),
    "no_categories": (
        "{field}: this studio has no spending categories yet; add “{value}” with "
        "Funds ▸ Add category… first",
        "{field}：本工作室尚未设定经费开支类别，请先在“经费”页点“添加类别…”添加“{value}”",
    ),
    "unknown_category": (
        "{field}: “{value}” is not one of this studio's categories ({choices})",
        "{field}：“{value}”不是本工作室的开支类别（{choices}）",
    ),
    "closed_period": (
        "{field}: {value} lies in {period}, which is closed",
        "{field}：{value} 属于已结账的{period}，不能再记账",
    ),
    "duplicate_voucher": (
        "{field}: {value} is already used by the entry of {date}",
        "{field}：{value} 已用于 {date} 的一笔账",
    ),
    "already_reversed": (
        "this entry was already reversed on {date}",
        "该笔已于 {date} 冲销",
    ),
    "reversal_of_reversal": (
        "a reversal cannot be reversed; record a new entry instead",
        "冲销记录不能再冲销；请重新记一笔",
    ),
    "activity_is_task_evidence": (
        "this activity is evidence for {count} task-ledger item(s) ({titles}); take it out "
        "of their evidence on the Plans page first",
        "该活动是任务台账中 {count} 项任务（{titles}）的佐证；请先在“计划与任务台账”中移除该佐证，再删除活动",
    ),
    "activity_has_ledger_entries": (
        "this activity is named by {count} ledger entries ({vouchers}); the ledger is never "
        "changed, so the activity stays",
        "有 {count} 笔经费记录（{vouchers}）关联此活动；经费台账不可更改，因此该活动不能删除",
    ),
    "already_closed": ("{period} is already closed", "{period}已结账"),
    "category_exists": ("“{value}” is already a category", "“{value}”已是开支类别"),
    "too_long": ("{field} is longer than {max} characters", "{field}超过 {max} 个字符"),
    "date_in_future": ("{field}: {value} lies in the future", "{field}：{value} 晚于今天"),
    "left_before_joined": (
        "left on {left} is before joined on {joined}",
        "退出日期 {left} 早于加入日期 {joined}",
    ),
    "leave_reason_needed": ("a reason for leaving is required", "请填写退出原因"),
    "duplicate_person": (
        "{name} is already on the roster (same name and birth date)",
        "{name} 已在名册中（姓名与出生日期相同）",
    ),
    "duplicate_in_file": (
        "{name} appears twice in the file (also row {other})",
        "{name} 在文件中重复出现（另见第 {other} 行）",
    ),
    "unknown_preset": ("unknown policy preset “{value}”", "未知的政策预设“{value}”"),
    "cycle_order": (
        "the build cycle must end after it starts ({start}–{end})",
        "建设周期的结束学年应晚于开始学年（{start}–{end}）",
    ),
    "bad_cycle": (
        "“{value}” is not a build cycle such as 2024-2027",
        "“{value}”不是建设周期（如 2024-2027）",
    ),
    "masked_value_new": (
        "{field}: “{value}” is masked; type the full number or leave it empty",
        "{field}：“{value}”是打码后的值，请填写完整号码或留空",
    ),
    "replaces_self": ("a member cannot replace themselves", "成员不能替补自己"),
    "unknown_setting": ("unknown setting “{value}”", "未知的设置项“{value}”"),
    "bad_setting_value": (
        "setting {key}: “{value}” is not allowed ({allowed})",
        "设置项 {key}：不接受“{value}”（可用：{allowed}）",
    ),
    "file_missing": ("file not found: {value}", "找不到文件：{value}"),
    # roster workbook
    "not_a_workbook": (
        "“{value}” is not an Excel workbook (.xlsx)",
        "“{value}”不是 Excel 工作簿（.xlsx）",
    ),
    "no_header": (
        "no header row with the column 姓名 in the first 5 rows",
        "前 5 行中找不到含“姓名”列的表头",
    ),
    "missing_columns": ("missing columns: {columns}", "缺少列：{columns}"),
    "row_problem": ("row {row}, column {column}: {problem}", "第 {row} 行，{column} 列：{problem}"),
    "row_problem_nocol": ("row {row}: {problem}", "第 {row} 行：{problem}"),
    "empty_sheet": ("the sheet has no rows below its header", "表头下没有数据行"),
    "old_xls": (
        "“{value}” is an old .xls or password-protected workbook: open it in Excel, "
        "save it as .xlsx without a password and import that file",
        "“{value}”是旧版 .xls 或设有密码的工作簿：请在 Excel 中打开，另存为不设密码的 .xlsx "
        "后再导入",
    ),
    "import_has_problems": (
        "the file has {count} problem(s); nothing was imported",
        "文件中有 {count} 处问题，未导入任何内容",
    ),
    "import_failed": ("nothing was imported: {problems}", "未导入任何内容：{problems}"),
    "import_counts": (
        "added {added}, updated {updated}, unchanged {unchanged}",
        "新增 {added} 人，更新 {updated} 人，未变 {unchanged} 人",
    ),
}

# Composition and eligibility warnings (domain/composition.py).
MESSAGES.update(
    {
        "source_overridden": (
            "{source}; value changed by this studio: {reason}",
            "{source}；本工作室调整了取值：{reason}",
        ),
        "source_studio_rule": (
            "this studio's own rule: {reason}",
            "本工作室规定：{reason}",
        ),
        "source_default": (
            "not set by the policy document: the usual value",
            "文件未作规定，按通常做法",
        ),
        "w_member_cap": (
            "{count} members, more than the {limit} allowed",
            "成员 {count} 人，超过上限 {limit} 人",
        ),
        "w_member_min": (
            "{count} members, fewer than the {limit} required",
            "成员 {count} 人，少于要求的 {limit} 人",
        ),
        "w_hosts_range": (
            "{count} hosts/leaders; the preset asks for {low}–{high}",
            "主持人/领衔人 {count} 名，规定为 {low}–{high} 名",
        ),
        "w_mentors_range": (
            "{count} mentors; the preset allows {low}–{high}",
            "导师 {count} 名，规定为 {low}–{high} 名",
        ),
        "w_core_range": (
            "{count} core members; the preset asks for {low}–{high}",
            "核心成员 {count} 名，规定为 {low}–{high} 名",
        ),
        "w_same_school": (
            "{count} members from {school}, more than the {limit} allowed from one school",
            "{school} 有 {count} 名成员，超过同一单位 {limit} 人的上限",
        ),
        "w_rural_min": (
            "{count} members from rural schools, fewer than the {limit} required",
            "农村学校成员 {count} 人，少于要求的 {limit} 人",
        ),
        "w_service_years": (
            "{role} with {years} whole school years as head teacher ({day}), fewer than {limit}",
            "{role}担任班主任满 {years} 学年（{day}），少于 {limit} 年",
        ),
        "w_service_unknown": (
            "{role}: years as head teacher not recorded (at least {limit} required)",
            "{role}未填写担任班主任起始年份（要求不少于 {limit} 年）",
        ),
        "w_age_max": (
            "{role} aged {age} ({day}), older than the {limit} allowed",
            "{role} {age} 周岁（{day}），超过“{limit} 周岁以下”",
        ),
        "w_age_unknown": (
            "{role}: birth date not recorded (must be under {limit})",
            "{role}未填写出生日期（要求 {limit} 周岁以下）",
        ),
        "w_host_title": (
            "host's title {title} is below the required {limit}",
            "主持人职称为{title}，低于要求的{limit}",
        ),
        "w_host_honours": (
            "the host holds none of the honours the preset asks for: {honours}",
            "领衔人未记录所要求的称号（{honours} 之一）",
        ),
        "w_host_title_unknown": (
            "host's teaching title not recorded (at least {limit} required)",
            "主持人未填写职称（要求{limit}及以上）",
        ),
    }
)

# PDF reports (desktop_app/documents) and the commands that write them.
MESSAGES.update(
    {
        "no_cjk_font": (
            "no Chinese TrueType font was found, so no PDF can be written. Install one "
            "(Windows: Microsoft YaHei or SimHei; Debian/Ubuntu: fonts-wqy-microhei) "
            "or set STUDIODESK_CJK_FONT to a .ttf/.ttc file",
            "未找到中文 TrueType 字体，无法生成 PDF。请安装字体"
            "（Windows：微软雅黑或黑体；Debian/Ubuntu：fonts-wqy-microhei），"
            "或将环境变量 STUDIODESK_CJK_FONT 设为一个 .ttf/.ttc 字体文件",
        ),
        "cjk_font_unusable": (
            "the font {value} cannot be embedded in a PDF ({reason}); use a TrueType "
            "font such as Microsoft YaHei, SimHei or WenQuanYi Micro Hei",
            "字体 {value} 无法嵌入 PDF（{reason}），请改用 TrueType 字体，"
            "如微软雅黑、黑体或文泉驿微米黑",
        ),
        "report_write_failed": (
            "could not write {value}: {reason}",
            "无法写入 {value}：{reason}",
        ),
        "unknown_activity": (
            "there is no activity with the id {value} (list them with: studiodesk activities)",
            "找不到编号为 {value} 的活动（可用 studiodesk activities 查看活动编号）",
        ),
    }
)


# The attendance workbook (documents/sheets/attendance_io.py).
MESSAGES.update(
    {
        "cell_problem": (
            "row {row}, column {column} ({header}): {problem}",
            "第 {row} 行，{column} 列（{header}）：{problem}",
        ),
        "no_attendance_table": (
            "no attendance table in the first 5 rows: either members as rows with one column "
            "per session headed “2025-03-12 topic”, or the columns 日期, 活动, 姓名, 考勤",
            "前 5 行中找不到考勤表：应为成员各占一行、每次活动一列（列名如“2025-03-12 班会课设计”），"
            "或含 日期、活动、姓名、考勤 四列的清单",
        ),
        "unknown_member": ("no member named “{name}”", "未找到成员“{name}”"),
        "ambiguous_member": (
            "“{name}” could be {people}; add the column 单位 to tell them apart",
            "“{name}”对应多名成员：{people}，请用“单位”列加以区分",
        ),
        "topic_needed": (
            "the session has no topic: write it after the date, e.g. “{date} 班会课设计”",
            "缺少活动主题：请在日期后写上主题，如“{date} 班会课设计”",
        ),
        "duplicate_session_column": (
            "the same session as column {other}",
            "与 {other} 列是同一次活动",
        ),
        "ambiguous_activity": (
            "{activity} is logged more than once; give them different topics first",
            "{activity} 有多条活动记录，请先修改主题加以区分",
        ),
        "activity_no_attendance": (
            "{activity} is logged as an activity without attendance",
            "{activity} 登记为不记考勤的活动",
        ),
        "change_new_activity": ("new activity {activity}", "新建活动 {activity}"),
        "change_mark_added": (
            "{activity} {name}: new {status}",
            "{activity} {name}：新增 {status}",
        ),
        "change_mark": ("{activity} {name}: {change}", "{activity} {name}：{change}"),
        "note_change": ("note “{old}” → “{new}”", "备注“{old}” → “{new}”"),
        "attendance_import_counts": (
            "new activities {activities}, marks added {added}, changed {changed}, "
            "unchanged {unchanged}",
            "新建活动 {activities} 个，新增考勤 {added} 条，变更 {changed} 条，未变 {unchanged} 条",
        ),
    }
)


# Ledger batches and the ledger workbook (services/ledger.py add_many, documents/sheets/ledger_io.py).
FIELDS.update({"reversal_voucher": ("voucher of the entry reversed", "冲销凭证号")})
MESSAGES.update(
    {
        "batch_item": ("item {item}: {problem}", "第 {item} 条：{problem}"),
        "batch_item_label": ("item {item}", "第 {item} 条"),
        "row_label": ("row {row}", "第 {row} 行"),
        "voucher_twice": (
            "{field}: {value} is also used by {other}",
            "{field}：{value} 与{other}重复",
        ),
        "reversed_twice": (
            "this entry is already reversed by {other}",
            "该笔已由{other}冲销",
        ),
        "no_ledger_header": (
            "no header row with the columns 日期 and 金额 in the first 5 rows",
            "前 5 行中找不到含“日期”“金额”列的表头",
        ),
        "bad_ledger_kind": (
            "{field}: “{value}” is not one of 收入, 支出, 冲销收入, 冲销支出",
            "{field}：“{value}”不是 收入、支出、冲销收入、冲销支出 之一",
        ),
        "original_not_found": (
            "{field}: there is no {kind} with the voucher number {value} to reverse",
            "{field}：找不到凭证号为 {value} 的{kind}可供冲销",
        ),
        "original_not_found_no_voucher": (
            "there is no {kind} “{purpose}” without a voucher number to reverse: "
            "fill in 冲销凭证号",
            "找不到摘要为“{purpose}”、没有凭证号的{kind}可供冲销：请填写冲销凭证号",
        ),
        "original_ambiguous": (
            "{count} entries match; fill in 冲销凭证号 to say which one is reversed",
            "有 {count} 笔账都符合：请填写冲销凭证号，指明冲销哪一笔",
        ),
        "reversal_amount": (
            "{field}: {value} differs from the amount {original} of the entry of {date} "
            "it reverses (a reversal undoes a whole entry)",
            "{field}：{value} 与被冲销的 {date} 那笔的金额 {original} 不同（冲销须冲掉整笔）",
        ),
        "reversal_before_original": (
            "{field}: {value} is before the entry it reverses ({date})",
            "{field}：{value} 早于被冲销的那笔（{date}）",
        ),
        "ledger_import_counts": (
            "entries to add {added} (reversals among them {reversals}), "
            "already in the ledger {skipped}",
            "新增 {added} 笔（其中冲销 {reversals} 笔），已在台账中 {skipped} 笔",
        ),
    }
)


def set_language(language: str) -> None:
    global _language
    _language = "en" if language.lower().startswith("en") else "zh_CN"


def language() -> str:
    return _language


def _pick(pair: tuple[str, str]) -> str:
    return pair[0] if _language == "en" else pair[1]


def field_name(field: str) -> str:
    pair = FIELDS.get(field)
    return _pick(pair) if pair else field


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
    template = _pick(MESSAGES[code])
    if "field" in params:
        params = {**params, "field": field_name(str(params["field"]))}
    return fill(template, **params)


# Plans, the task ledger and assessments (issue 5).
FIELDS.update(
    {
        "task_title": ("task", "任务事项"),
        "owner": ("owner", "负责人"),
        "due_on": ("due date", "完成时限"),
        "task_status": ("status", "状态"),
        "evidence": ("evidence", "佐证材料"),
        "plan_title": ("title", "标题"),
        "features": ("features (特色)", "特色"),
        "measures": ("measures", "主要举措"),
        "summary_body": ("summary", "总结正文"),
        "score": ("score", "自评分"),
        "comment": ("comment", "说明"),
        "template": ("template", "考核模板"),
        "assessment_kind": ("kind of assessment", "考核类型"),
        "member": ("member", "成员"),
    }
)
MESSAGES.update(
    {
        "done_task_stays": (
            "“{task}” is ticked off and stays as the record of work done; reopen it first "
            "to delete it",
            "“{task}”已销账，作为工作记录保留；如要删除，请先改回未完成",
        ),
        "unknown_member_id": (
            "{field}: there is no member with id {id}",
            "{field}：没有编号为 {id} 的成员",
        ),
        "done_needs_evidence": (
            "“{task}” cannot be ticked off without evidence: link an activity, a growth "
            "record, a ledger entry or a file",
            "“{task}”需有佐证材料才能销账：请关联活动、成长记录、经费账目或文件",
        ),
        "evidence_not_found": (
            "the {kind} with id {id} does not exist",
            "找不到编号为 {id} 的{kind}",
        ),
        "plan_exists": (
            "there is already an annual plan for {year}",
            "{year}学年已有年度计划",
        ),
        "no_annual_plan": (
            "there is no annual plan for {year} yet: write the plan first",
            "{year}学年还没有年度计划：请先制订计划",
        ),
        "score_range": (
            "{field} of {indicator}: “{value}” must lie between 0 and {max}",
            "{indicator} 的{field}：“{value}”应在 0 与 {max} 之间",
        ),
        "assessment_locked": (
            "this assessment was submitted on {date} and is locked: copy it into a new "
            "draft to change it",
            "此考核已于 {date} 提交并锁定：如需修改，请复制为新的草稿",
        ),
        "assessment_incomplete": (
            "cannot submit: {count} indicators have no score yet ({codes})",
            "无法提交：尚有 {count} 项指标未自评（{codes}）",
        ),
        "template_kind": (
            "the template “{template}” is not meant for a {kind}",
            "考核模板“{template}”不适用于{kind}",
        ),
        "member_needed": (
            "a member assessment needs the member it assesses",
            "成员年度考核须选择被考核成员",
        ),
        "unknown_template": ("there is no template “{value}”", "没有名为“{value}”的考核模板"),
        "unknown_indicator": ("there is no indicator {value}", "没有指标 {value}"),
        # evidence rules: what the records show
        "rule_build_plan_found": (
            "the build plan for the cycle is on record",
            "已有本周期建设规划",
        ),
        "rule_build_plan_missing": ("there is no build plan yet", "尚无建设规划"),
        "rule_annual_plan_found": (
            "the annual plan is on record with {tasks} task items",
            "已有年度计划，任务台账 {tasks} 项",
        ),
        "rule_annual_plan_missing": (
            "there is no annual plan for this school year",
            "本学年尚无年度计划",
        ),
        "rule_tasks_done": (
            "{done} of {total} task items ticked off (needed: {need})",
            "任务台账已销账 {done}/{total} 项（要求 {need}）",
        ),
        "rule_summary_found": ("the annual summary is written", "已有年度总结"),
        "rule_summary_missing": ("there is no annual summary yet", "尚无年度总结"),
        "rule_any_activity": ("activities", "活动"),
        "rule_activities": (
            "{count} {what} held this school year (needed: {need})",
            "本学年开展{what} {count} 次（要求至少 {need} 次）",
        ),
        "rule_attendance": (
            "attendance rate {rate} ({attended} of {expected} expected attendances; "
            "needed: {need})",
            "出勤率 {rate}（应到 {expected} 人次，实到 {attended} 人次；要求 {need}）",
        ),
        "rule_spending_report": (
            "{count} spending reports issued for the year",
            "本年度已出具经费使用报告 {count} 份",
        ),
        "rule_growth_plans": (
            "{have} of {total} members have a development plan for the year (missing: {missing})",
            "{total} 名成员中 {have} 人有本学年个人发展规划（缺：{missing}）",
        ),
        "rule_duties": (
            "{done} of {total} yearly duties done (needed: {need})",
            "年度职责完成 {done}/{total} 项（要求 {need}）",
        ),
        "rule_any_record": ("growth records", "成长记录"),
        "rule_records": (
            "{count} {what} recorded this school year (needed: {need})",
            "本学年成长档案中有{what} {count} 项（要求至少 {need} 项）",
        ),
        "rule_roster": (
            "{count} composition warnings on the roster",
            "成员构成提示 {count} 条",
        ),
        "rule_needs_member": (
            "this indicator needs a member",
            "此指标须针对某一成员",
        ),
        "rule_member_attendance": (
            "{name}: attendance {rate} ({attended} of {expected} sessions; needed: {need})",
            "{name}：出勤率 {rate}（应到 {expected} 次，实到 {attended} 次；要求 {need}）",
        ),
        "rule_records_or_talks": (
            "{count} {what} recorded or presented at studio activities this school year "
            "(needed: {need})",
            "本学年成长档案中的{what}和主讲的工作室活动共 {count} 项（要求至少 {need} 项）",
        ),
        "rule_member_duty_or_talks": (
            "{name}: {count} {what} in the growth file or presented at studio activities "
            "this school year",
            "{name}：本学年成长档案中的{what}和主讲的工作室活动共 {count} 项",
        ),
        "rule_member_duty": (
            "{name}: {count} {what} in the growth file this school year",
            "{name}：本学年成长档案中有{what} {count} 项",
        ),
        "rule_flag_clear": (
            "{name} is not flagged for absences",
            "{name} 无缺勤预警",
        ),
    }
)


# The submission bundle and its verification (desktop_app/bundle, issue 6).
MESSAGES.update(
    {
        "bundle_not_a_bundle": (
            "not a StudioDesk submission bundle ({detail})",
            "不是 StudioDesk 报送材料包（{detail}）",
        ),
        "bundle_detail_not_a_zip": ("not a zip file", "不是 zip 文件"),
        "bundle_detail_layout": (
            "its files are not all in one folder",
            "其中的文件不在同一个根文件夹里",
        ),
        "bundle_detail_lacks": ("{name} is missing or unreadable", "缺少 {name} 或无法读取"),
        "bundle_unknown_version": (
            "the bundle's format version {detail} is unknown to this program; update StudioDesk",
            "材料包格式版本 {detail} 无法识别，请升级 StudioDesk",
        ),
        "bundle_missing": ("files missing: {files}", "缺少文件：{files}"),
        "bundle_changed": (
            "files changed after export: {files}",
            "以下文件在导出后被改动：{files}",
        ),
        "bundle_extra": (
            "files that the check files do not list: {files}",
            "有校验文件中没有列出的文件：{files}",
        ),
        "bundle_bad_signature": (
            "the digital signature does not match: one of {files} was changed, or the "
            "bundle was not signed by the key it carries",
            "数字签名不符：{files} 中有文件被改动，或材料包并非由所附密钥签名",
        ),
        "bundle_unsafe_nul_in_name": ("an entry name holds a NUL byte", "有条目名称含空字符"),
        "bundle_unsafe_absolute_path": (
            "an entry has an absolute path: {files}",
            "有条目使用绝对路径：{files}",
        ),
        "bundle_unsafe_drive_letter": (
            "an entry names a drive: {files}",
            "有条目带盘符：{files}",
        ),
        "bundle_unsafe_parent_path": (
            "an entry climbs out of the folder (..): {files}",
            "有条目路径含“..”，指向包外：{files}",
        ),
        "bundle_unsafe_odd_path": (
            "an entry has an empty or '.' path part: {files}",
            "有条目路径含空段或“.”：{files}",
        ),
        "bundle_unsafe_link": ("an entry is a link: {files}", "有条目是链接：{files}"),
        "bundle_unsafe_encrypted": (
            "an entry is encrypted: {files}",
            "有条目被加密：{files}",
        ),
        "bundle_unsafe_duplicate": (
            "an entry name occurs twice: {files}",
            "有重名条目：{files}",
        ),
        "bundle_unsafe_nested_archive": (
            "the bundle holds another archive: {files}",
            "材料包内含压缩包：{files}",
        ),
        "bundle_unsafe_entry_too_big": (
            "an entry is larger than allowed: {files}",
            "有条目超过大小上限：{files}",
        ),
        "bundle_unsafe_too_big": (
            "the bundle unpacks to more than allowed",
            "材料包解压后超过大小上限",
        ),
        "bundle_unsafe_too_many_entries": (
            "the bundle has more entries than allowed",
            "材料包条目数超过上限",
        ),
        "bundle_unsafe_ratio": (
            "an entry is compressed implausibly well (a zip bomb?): {files}",
            "有条目压缩比异常（疑似压缩炸弹）：{files}",
        ),
        "bundle_unsafe_size_mismatch": (
            "an entry is longer than its header says: {files}",
            "有条目实际大小与声明不符：{files}",
        ),
        "bundle_unsafe_damaged_entry": (
            "an entry cannot be read: {files} ({detail})",
            "有条目无法读取：{files}（{detail}）",
        ),
    }
)

# The submission bundle's export (issue 6): periods, what goes in, what the bureau will miss.
MESSAGES.update(
    {
        "export_bad_period": (
            "not a period: {value}; give a school year of the cycle {cycle} (e.g. {example}), "
            "midterm or final",
            "无法识别的报送期间：{value}；请填写建设周期 {cycle} 内的学年（如 {example}）、"
            "midterm（中期）或 final（终期）",
        ),
        "export_year_outside_cycle": (
            "the school year {value} is outside the studio's cycle {cycle}",
            "{value} 学年不在工作室建设周期 {cycle} 内",
        ),
        "export_no_studio": (
            "the database holds no studio yet: there is nothing to export",
            "数据库中还没有工作室，无可导出的内容",
        ),
        "export_period_school_year": ("school year {label}", "{label} 学年"),
        "export_period_midterm": (
            "mid-term review of the cycle {cycle} ({first} to {last})",
            "建设周期 {cycle} 中期（{first} 至 {last}）",
        ),
        "export_period_final": (
            "final review of the cycle {cycle} ({first} to {last})",
            "建设周期 {cycle} 终期（{first} 至 {last}）",
        ),
        "export_missing_plan": (
            "no annual plan for the school year {year}",
            "{year} 学年还没有年度工作计划",
        ),
        "export_missing_summary": (
            "no annual summary for the school year {year} yet",
            "{year} 学年还没有年度工作总结",
        ),
        "export_missing_assessment": (
            "no submitted {kind} yet",
            "还没有已提交的{kind}",
        ),
        "export_assessment_midterm": ("mid-term assessment", "中期考核"),
        "export_assessment_final": ("final assessment", "终期考核"),
        "export_missing_spending_report": (
            "no spending report has been issued for the fiscal year {year} (the bundle "
            "carries one written now)",
            "{year}经费使用情况报告尚未出具登记（材料包中附有导出时生成的报告）",
        ),
        "export_missing_goals": (
            "members without a development plan for {year}: {names}",
            "{year} 学年以下成员没有个人发展规划：{names}",
        ),
        "export_archive_left_out": (
            "the evidence file {name} ({owner}) is an archive and is left out: the bureau "
            "refuses archives inside a bundle; attach the files it holds instead",
            "佐证文件 {name}（{owner}）是压缩包，已略去：报送材料包内不能含压缩包，"
            "请解压后改为上传其中的文件",
        ),
        "export_file_absent": (
            "the evidence file {name} ({owner}) is missing from the file store and is left out",
            "佐证文件 {name}（{owner}）在文件库中找不到，已略去",
        ),
        "export_owner_activity": ("activity {date} {topic}", "活动 {date}「{topic}」"),
        "export_owner_record": (
            "growth record of {name}, {date} {title}",
            "{name}的成长记录 {date}「{title}」",
        ),
        "export_owner_entry": ("ledger entry {date} {purpose}", "经费账目 {date}「{purpose}」"),
        "export_owner_task": ("task-ledger item {title}", "任务台账「{title}」"),
        "export_item_bagit": (
            "format declaration (read by programs)",
            "格式说明（供程序读取）",
        ),
        "export_item_bag_info": (
            "bundle information: studio, period, date, signer",
            "材料包信息：工作室、报送期间、日期、签名者",
        ),
        "export_item_manifest": (
            "check file: a check value of every material",
            "校验文件：每份材料的校验值",
        ),
        "export_item_tagmanifest": (
            "check file: check values of the files above (what the signature signs)",
            "校验文件：以上各文件的校验值（数字签名的对象）",
        ),
        "export_item_public_key": (
            "this computer's key for checking the digital signature",
            "本机用于核对数字签名的密钥",
        ),
        "export_item_signature": ("digital signature", "数字签名"),
        "export_item_data": (
            "every record of the period, machine-readable ({personal})",
            "本期全部记录，机器可读（{personal}）",
        ),
        "export_personal_masked": (
            "phone and ID numbers masked",
            "电话、身份证号已脱敏",
        ),
        "export_personal_full": (
            "phone and ID numbers in full",
            "含完整电话、身份证号",
        ),
        "export_item_ledger_pdf": ("spending report {year} (PDF)", "{year}经费使用情况报告（PDF）"),
        "export_item_ledger_xlsx": (
            "spending report {year} (workbook)",
            "{year}经费使用情况报告（Excel）",
        ),
        "export_item_plan_pdf": ("annual plan {year} (PDF)", "{year} 学年工作计划（PDF）"),
        "export_item_summary_pdf": ("annual summary {year} (PDF)", "{year} 学年工作总结（PDF）"),
        "export_item_duties_pdf": (
            "yearly duties {year} (PDF)",
            "{year} 学年年度职责完成情况（PDF）",
        ),
        "export_item_duties_xlsx": (
            "yearly duties {year} (workbook)",
            "{year} 学年年度职责完成情况（Excel）",
        ),
        "export_item_assessment_pdf": ("assessment: {title} (PDF)", "考核表：{title}（PDF）"),
        "export_item_roster_xlsx": ("roster ({personal})", "成员名册（{personal}）"),
        "export_item_attendance_xlsx": (
            "attendance {year} (workbook)",
            "{year} 学年考勤表（Excel）",
        ),
        "export_item_attachment": ("evidence: {name} ({owner})", "佐证：{name}（{owner}）"),
        "export_draft_left_out": (
            "the assessment {title} is a draft and is left out; submit it to include it",
            "考核“{title}”尚为草稿，未放入材料包；提交后方可报送",
        ),
        "export_cancelled": ("the export was cancelled", "已取消导出"),
    }
)

# Storage faults: the disk, the folder or the database file, not the user's input.
MESSAGES.update(
    {
        "storage_full": (
            "Not saved: the disk is full. Nothing was written; free some space (or move "
            "the data folder) and save again — what you entered is still here.",
            "未能保存：磁盘已满。没有写入任何内容；请腾出磁盘空间（或更换数据文件夹）后再保存一次，"
            "刚才填写的内容仍在。",
        ),
        "storage_io": (
            "Not saved: the disk reported a read/write error ({detail}). Nothing was "
            "written; check the disk or USB stick and save again — what you entered is "
            "still here.",
            "未能保存：读写磁盘时出错（{detail}）。没有写入任何内容；请检查硬盘或 U 盘后再保存一次，"
            "刚才填写的内容仍在。",
        ),
        "storage_read_only": (
            "Not saved: this database is open read-only ({detail}). Nothing was written.",
            "未能保存：数据库是以只读方式打开的（{detail}）。没有写入任何内容。",
        ),
        "storage_locked": (
            "Not saved: the database is busy in another program. Nothing was written; "
            "wait a moment and save again — what you entered is still here.",
            "未能保存：数据库正被另一个程序占用。没有写入任何内容；请稍候再保存一次，刚才填写的内容仍在。",
        ),
        "storage_corrupt": (
            "The database file is damaged ({detail}). Nothing was written; restore the "
            "latest good backup (Backups page).",
            "数据库文件已损坏（{detail}）。没有写入任何内容；请在“备份与恢复”页恢复最近的完好备份。",
        ),
        "storage_file_copy": (
            "Could not copy “{name}” into the studio's files: {detail}. Nothing was saved; "
            "what you entered is still here.",
            "无法把“{name}”复制到工作室文件中：{detail}。没有保存任何内容，刚才填写的内容仍在。",
        ),
        "storage_not_database": (
            "the file does not start like an SQLite database",
            "这个文件不是数据库文件",
        ),
        "storage_old_read_only": (
            "this database was written by an older StudioDesk and must be upgraded, but its "
            "folder is read-only: copy it to a folder you can write to and open it there",
            "该数据库由旧版 StudioDesk 写成，需要升级，但所在文件夹只读：请复制到可写的文件夹后再打开",
        ),
        "read_only_folder": ("the folder cannot be written to", "所在文件夹不可写"),
        "reason_full": ("the disk is full", "磁盘已满"),
        "reason_io": (
            "the disk reported a read/write error ({detail})",
            "读写磁盘出错（{detail}）",
        ),
        "reason_read_only": ("no permission to write there", "没有写入权限"),
        "read_only_file": ("the file cannot be written to", "数据库文件不可写"),
    }
)

# Eligibility, recognition and the studio's records (issue 15: domain/composition.py,
# domain/studio_checks.py).
MESSAGES.update(
    {
        "w_measured_chosen": ("when chosen on {day}", "遴选时 {day}"),
        "w_measured_today": ("as of {day}, not yet chosen", "截至 {day}，尚未遴选"),
        "w_not_in_post": (
            "{role} is no longer a serving head teacher (the document asks for one)",
            "{role}已不在班主任岗位（要求为在岗班主任）",
        ),
        "w_member_honours": (
            "{role}: none of the honours or prizes asked for is recorded ({honours})",
            "{role}未记录所要求的称号或奖项（{honours}）",
        ),
        "w_host_class_honour": (
            "host: no class honour of level {level} or above ({honours}) in the growth file",
            "主持人成长档案中没有所带班级获{level}及以上{honours}荣誉的记录",
        ),
        "w_recognise_years": (
            "{role}: {years} whole school years as head teacher so far; recognition as "
            "{title} needs {limit} years and still serving as head teacher",
            "{role}担任班主任至今满 {years} 学年：满 {limit} 年并仍从事班主任工作方可认定为{title}",
        ),
        "w_recognise_unknown": (
            "{role}: head-teacher start year not recorded; recognition as {title} needs "
            "{limit} years and still serving as head teacher",
            "{role}未填写担任班主任起始年份：满 {limit} 年并仍从事班主任工作方可认定为{title}",
        ),
        "w_recognise_teaching": (
            "{role}: {years} whole school years of teaching so far; recognition as {title} "
            "needs {limit} years of teaching",
            "{role}任教至今满 {years} 学年：任教满 {limit} 年方可认定为{title}",
        ),
        "w_recognise_teaching_unknown": (
            "{role}: teaching start year not recorded; recognition as {title} needs {limit} "
            "years of teaching",
            "{role}未填写任教起始年份：任教满 {limit} 年方可认定为{title}",
        ),
        "w_recognise_not_in_post": (
            "{role} no longer serves as head teacher; only a serving head teacher can be "
            "recognised as {title}",
            "{role}已不在班主任岗位：仍从事班主任工作方可认定为{title}",
        ),
        "w_agreement_missing": (
            "{role} is on the list but no signed agreement is recorded",
            "{role}已确定名单，未记录协议签订日期",
        ),
        "w_cycle_length": (
            "the build cycle has {years} school years; the document sets {limit}",
            "建设周期为 {years} 学年，文件规定为 {limit} 年",
        ),
        "w_cycle_length_about": (
            "the build cycle has {years} school years; the document sets about {limit}",
            "建设周期为 {years} 学年，文件规定为 {limit} 年左右",
        ),
        "w_plan_missing": (
            "no annual plan for the school year {year}",
            "{year} 学年没有年度工作计划",
        ),
        "w_plan_late": (
            "the annual plan for {year} was made on {made}, after the school year began ({start})",
            "{year} 学年的年度工作计划于 {made} 录入，晚于学年开始（{start}）",
        ),
        "w_name_not_host": (
            "the studio's name “{name}” does not carry its host's name ({hosts})",
            "工作室名称“{name}”中没有主持人姓名（{hosts}）",
        ),
        "w_showcase_missing": (
            "no showcase activity in the school year {year}",
            "{year} 学年没有成果展示活动",
        ),
    }
)

# 学时 (issue 15 items 14–15): training hours and seed 001's new head teachers.
MESSAGES.update(
    {
        "w_new_teacher_hours": (
            "{name} is new as head teacher this school year: {hours} training hours on "
            "record; in principle at least {limit} hours of induction training",
            "{name}为初任班主任，已记录培训 {hours} 学时，原则上需经过不少于 {limit} 学时的上岗培训",
        ),
        "w_new_teacher_probation": (
            "{name} is new as head teacher this school year: no {years} year(s) as a "
            "probationary head teacher on record (a growth record whose title names 见习); "
            "in principle required",
            "{name}为初任班主任，成长档案中未记录 {years} 年见习班主任经历（标题写明“见习”的记录），"
            "原则上需具备",
        ),
    }
)

# Application forms (issue 15, item 13: 申报表, 申报汇总表, the summary in Word).
MESSAGES.update(
    {
        "application_not_offered": (
            "The studio's policy document names no application form: the 申报表 and "
            "申报汇总表 are annexes of the 江阴中专 plan, laid out from its 附件1, the host's "
            "conditions.",
            "本工作室所依据的文件没有规定申报表：申报表和申报汇总表是《江阴中专名班主任工作室"
            "建设方案》的附件，按其附件1所列主持人申报条件编排。",
        ),
    }
)

# Attendance line and the rules a studio sets itself (issue 15, items 1–3).
MESSAGES.update(
    {
        "source_studio": ("this studio's own rule", "本工作室规定"),
        "setting_from_studio": ("set by this studio", "本工作室设置"),
        "setting_and": ("; ", "；"),
        "setting_from_preset": ("as {source} says", "按{source}"),
        "setting_from_default": ("the usual setting", "按通常做法"),
        "setting_preset_differs": (
            "{source} says {value}",
            "{source}规定为{value}",
        ),
        "no_line": (
            "This studio has no absence line (its policy document sets none): nobody is "
            "marked at risk or over the line.",
            "本工作室未设缺勤比例红线（所依据的文件未作规定）：不判定临界、超线。",
        ),
        "not_judged": (
            "fewer than {n} sessions, not judged yet",
            "未满 {n} 次，暂不判定",
        ),
        "studio_rule_kept": (
            "kept the usual {rule} as this studio's own rule",
            "保留原来按通常做法使用的{rule}为本工作室规定",
        ),
        "bad_own_attendance_line": (
            "absence line: “{value}” is not a fraction between 0 and 1 (e.g. 1/3); "
            "leave it out for no line",
            "缺勤比例红线：“{value}”不是 0 与 1 之间的分数（如 1/3）；不设红线请不填",
        ),
        "bad_own_expense_categories": (
            "spending categories: “{value}” — write different names separated by 、",
            "经费开支类别：“{value}”有误，请填写不重复的类别名称，用顿号分隔",
        ),
        "no_studio_rule_here": (
            "{rule} is set by the policy document; change its value instead",
            "{rule}由所依据的文件规定，不能取消，只能调整取值",
        ),
    }
)

# Rows the database refuses or that break its rules (issue 16, items 1 and 12: "race").
MESSAGES.update(
    {
        "row_invalid": (
            "In {table}, record {row}: {column} is “{value}”, {what}. The record was not written "
            "by StudioDesk, which stops here rather than show it wrong; have it corrected "
            "(the backups folder holds earlier copies of the database).",
            "{table}第 {row} 条记录的{column}为“{value}”，{what}。这条记录不是本程序写入的，"
            "为免显示出错，程序不再往下读；请改正这条记录（备份文件夹中有数据库以前的备份）。",
        ),
        "upgrade_invalid_row": (
            "The database cannot be upgraded for this version: in {table}, record {row}, "
            "{column} is “{value}”, {what} (written by another program). The database was "
            "left as it was; correct that record and open it again. The backup made before "
            "the upgrade is in the backups folder.",
            "数据库无法升级到新版本：{table}第 {row} 条记录的{column}为“{value}”，{what}"
            "（不是本程序写入的）。数据库保持原样，没有改动；请改正这条记录后再打开。"
            "升级前的备份在备份文件夹中。",
        ),
        "constraint_refused": (
            "{table}: {column} “{value}” {what}. Nothing was saved.",
            "{table}：{column}“{value}”{what}，没有保存。",
        ),
        "voucher_held": (
            "{field}: {value} is already used by another entry (just recorded by another "
            "program). Nothing was saved.",
            "{field}：{value} 已用于另一笔账（另一个程序刚刚记入），没有保存。",
        ),
        "refused_ledger_append_only": (
            "ledger entries, their receipts and closed periods are only ever added, never "
            "changed or deleted (a mistake is undone by a reversal). Nothing was saved.",
            "经费账目、凭证附件和结账记录只能新增，不能修改或删除（记错请冲销）。没有保存。",
        ),
        "refused_closed_period": (
            "{field}: the date lies in a closed period, in which nothing can be recorded "
            "any more. Nothing was saved.",
            "{field}：该日期属于已结账的期间，不能再记账。没有保存。",
        ),
        "refused_assessment_locked": (
            "this assessment was submitted and is locked; make a copy to change it. "
            "Nothing was saved.",
            "该考核已提交并锁定，如需修改请复制一份。没有保存。",
        ),
        "check_enum": ("is not one of the allowed values", "不是规定的取值"),
        "check_date": (
            "is not a real date written year-month-day (e.g. 2025-03-01)",
            "不是真实存在、按 年-月-日 书写的日期（如 2025-03-01）",
        ),
        "check_money": (
            "is not a whole number of fen above zero",
            "不是大于零的整数金额（以分计）",
        ),
        "check_count": ("is not a whole number of zero or more", "不是零或正整数"),
        "check_flag": ("is neither yes nor no", "只能是“是”或“否”"),
        "check_order": ("comes before its start", "早于起始值"),
        "check_given": ("is missing", "缺失"),
        "value_empty": ("empty", "空"),
        "table_studio": ("the studio", "工作室信息"),
        "table_person": ("the people", "人员信息"),
        "table_membership": ("the memberships", "成员名册"),
        "table_membership_stage": ("the selection steps", "遴选环节记录"),
        "table_growth_record": ("the growth files", "成长档案"),
        "table_activity": ("the activities", "活动记录"),
        "table_attendance_mark": ("the attendance", "考勤记录"),
        "table_attendance_flag_event": ("the attendance warnings", "考勤预警记录"),
        "table_ledger_entry": ("the funding ledger", "经费台账"),
        "table_ledger_budget": ("the budgets", "经费预算"),
        "table_ledger_closed_period": ("the closed periods", "结账记录"),
        "table_plan": ("the plans", "计划"),
        "table_plan_task": ("the task ledger", "任务台账"),
        "table_plan_task_evidence": ("the tasks' evidence", "任务佐证"),
        "table_assessment": ("the assessments", "考核"),
        "table_assessment_evidence": ("the assessments' evidence", "考核佐证"),
        "column_level": ("level", "级别"),
        "column_studio_type": ("type", "类型"),
        "column_is_demo": ("demo mark", "示例标记"),
        "column_cycle_last_year": ("cycle's last year", "建设周期末年"),
        "column_gender": ("gender", "性别"),
        "column_birth_date": ("birth date", "出生日期"),
        "column_rural": ("rural school", "农村学校"),
        "column_title": ("teaching title", "职称"),
        "column_in_post": ("still a head teacher", "是否仍任班主任"),
        "column_training_tier": ("training tier", "培训层级"),
        "column_role": ("role", "角色"),
        "column_stage": ("stage", "遴选环节"),
        "column_agreement_signed_on": ("agreement signed on", "协议签订日期"),
        "column_joined_on": ("joined on", "加入日期"),
        "column_left_on": ("left on", "退出日期"),
        "column_on": ("date", "日期"),
        "column_kind": ("kind", "类别"),
        "column_date": ("date", "日期"),
        "column_hours_tenths": ("hours", "学时"),
        "column_takes_attendance": ("takes attendance", "是否考勤"),
        "column_status": ("status", "状态"),
        "column_old_state": ("earlier state", "原状态"),
        "column_new_state": ("new state", "新状态"),
        "column_missed": ("sessions missed", "缺勤次数"),
        "column_expected": ("sessions expected", "应到次数"),
        "column_direction": ("income or expense", "收支"),
        "column_amount_fen": ("amount", "金额"),
        "column_source": ("source of income", "收入来源"),
        "column_voucher_turn": ("voucher's turn", "凭证序次"),
        "column_first_day": ("first day", "起始日期"),
        "column_last_day": ("last day", "截止日期"),
        "column_due_on": ("due date", "完成时限"),
        "column_done_on": ("done on", "完成日期"),
        "column_grade": ("grade", "等级"),
        "column_decision": ("decision", "取舍"),
    }
)

# Reading workbooks (issue 16, items 6, 8, 10: size, formulas without a value, XML bombs).
MESSAGES.update(
    {
        "too_many_rows": (
            "sheet {sheet} has too many filled rows (at most {max} rows are read; row {row} "
            "is one too many): a studio's table never holds so many; check that this is the "
            "right file, or split it and import each part",
            "工作表“{sheet}”中有内容的行太多（最多 {max} 行，第 {row} 行起超出）：工作室的表格不会有这么多行，"
            "请确认选对了文件，或分成几个文件分别导入",
        ),
        "too_many_columns": (
            "row {row}, column {column} holds something, but only columns A to {last} "
            "({max} columns) are read: move it or delete it",
            "第 {row} 行 {column} 列有内容，但只读取 A 至 {last} 列（最多 {max} 列）：请移走或删除该内容",
        ),
        "workbook_too_big": (
            "“{value}” holds a part larger than {size} MB, more than any studio's "
            "workbook needs: it is not imported",
            "“{value}”中有超过 {size} MB 的部分，远超工作室表格所需，不予导入",
        ),
        "workbook_too_many_row_marks": (
            "“{value}” lists more than {max} rows (empty or formatted rows count too): "
            "delete the unused rows below the table, save and import again",
            "“{value}”中的行数超过 {max} 行（空白但设了格式的行也算在内）：请删除表格下方不用的行，"
            "保存后再导入",
        ),
        "workbook_dtd": (
            "“{value}” contains XML that no spreadsheet program writes (a document type "
            "declaration, as in an XML bomb): it is not imported",
            "“{value}”含有电子表格软件不会写入的 XML 内容（文档类型声明，可能是恶意文件），不予导入",
        ),
        "formula_cell": (
            "row {row}, column {column} ({header})",
            "第 {row} 行 {column} 列（{header}）",
        ),
        "and_more": (" and {count} more", " 等，另有 {count} 处"),
        "formula_without_value": (
            "these cells hold a formula whose result was not saved in the file, so their "
            "value is unknown: {cells}. Open the file in Excel or WPS, save it and import "
            "again, or type the values instead of formulas",
            "以下单元格是公式，但文件中没有保存计算结果，无法得知其值：{cells}。"
            "请用 Excel 或 WPS 打开该文件并保存后再导入，或把公式改为数值",
        ),
    }
)

# Plausible dates (issue 16, item 9): each rule said in the message.
MESSAGES.update(
    {
        "date_range": (
            "{field}: {value} must lie between {low} and {high} ({rule})",
            "{field}：{value} 应在 {low} 至 {high} 之间（{rule}）",
        ),
        "rule_calendar": ("no date the program keeps is earlier", "本程序不记录更早的日期"),
        "rule_activity_cycle": (
            "from a year before the build cycle starts until a year after it ends",
            "自建设周期开始前一年起，至周期结束后一年为止",
        ),
        "rule_near_cycle": (
            "from a year before the build cycle starts until today",
            "自建设周期开始前一年起，至今天为止",
        ),
        "rule_adult": (
            "a member is {low} to {high} years old",
            "成员年龄应在 {low} 至 {high} 周岁之间",
        ),
        "rule_joining": (
            "from 2000 until a year from today",
            "自 2000 年起，至今天之后一年内",
        ),
    }
)

# Hostile bundles (issue 16, items 4, 5, 11: bundles): what the archive's own directory
# shows before any data is read, and archives hidden under another name.
MESSAGES.update(
    {
        "bundle_unsafe_overlap": (
            "entries share their compressed data (a zip bomb): {files}",
            "有条目与其他条目共用压缩数据（疑似压缩炸弹）：{files}",
        ),
        "bundle_unsafe_sizes_exceed_file": (
            "the entries' compressed sizes add up to more than the file (a zip bomb?)",
            "各条目声明的压缩大小之和超过文件本身（疑似压缩炸弹）",
        ),
        "bundle_unsafe_nested_archive_content": (
            "the bundle holds an archive under another name: {files}",
            "材料包内含改名的压缩包：{files}",
        ),
        # Roster import: one ID-card number, one person.
        "id_number_repeated": (
            "{value} is also on row {rows} ({names}): one ID number belongs to one person",
            "{value} 与第 {rows} 行（{names}）相同，一个身份证号只能属于一人",
        ),
        "id_number_taken": (
            "{value} is already the ID number of {name} on the roster",
            "{value} 已是名册中{name}的身份证号",
        ),
    }
)

# --- perms (issue 16, item 15): exports that hold personal data in full say so ---
MESSAGES.update(
    {
        "export_holds_full_numbers": (
            "{path} holds full phone and ID numbers: hand it only to whom the rules allow",
            "{path} 含完整的电话和身份证号，请只交给规定允许的人",
        ),
    }
)

# The command line and leftovers (issue 16: cli).
MESSAGES.update(
    {
        "cycle_out_of_range": (
            "the build cycle {start}–{end} must lie between the school years {first} and "
            "{last}, and last at most {years} years",
            "建设周期 {start}–{end} 应在 {first} 至 {last} 学年之间，且不超过 {years} 年",
        ),
        "storage_newer": (
            "This database was saved by a newer version of StudioDesk, which this copy "
            "cannot read. Install the newer version to open it; nothing was changed.",
            "该数据库由更新版本的 StudioDesk 保存，本程序无法读取。请安装新版本后再打开；"
            "数据库未作任何改动。",
        ),
        "cancelled": ("Cancelled.", "已取消"),
    }
)
