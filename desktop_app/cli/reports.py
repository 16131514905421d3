"""report KIND: the PDF documents (and their workbooks and Word files)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.arguments import PDF_OUT, UNMASKED, XLSX_TOO, fiscal_year, record_id
from desktop_app.cli.common import (
    fail,
    failing_on,
    ledger_year,
    opened,
    print_written,
    say,
    year_arg,
)
from desktop_app.cli.registry import Command, OneOf, arg, command, register
from desktop_app.domain import messages
from desktop_app.domain.roles import Capability

register(Command("report", "write a PDF report (and a workbook)", None, subcommands="kind"))

YEAR = arg("--year", help="school year, e.g. 2025-2026 or 2025 (default: the current one)")


@command(
    "signin",
    "sign-in sheet (签到表) of one activity",
    arg("--activity", type=record_id, required=True, help="activity id (see: activities)"),
    PDF_OUT,
    parent="report",
    capability=Capability.REPORTS,
)
def cmd_report_signin(args: argparse.Namespace) -> int:
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.signin import write_signin_sheet

    with opened(args) as services:
        try:
            services.activities.get(args.activity)
        except LookupError:
            raise fail(messages.text("unknown_activity", value=args.activity)) from None
        with failing_on(ReportError):
            out = write_signin_sheet(services, args.activity, Path(args.out))
    print_written(out)
    return 0


@command(
    "ledger",
    "spending report (经费使用情况报告) of a year",
    arg("--year", type=fiscal_year, help="fiscal year, e.g. 2025 (default: the current one)"),
    PDF_OUT,
    XLSX_TOO,
    parent="report",
    capability=Capability.REPORTS,
)
def cmd_report_ledger(args: argparse.Namespace) -> int:
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.ledger_report import (
        write_ledger_report,
        write_ledger_report_xlsx,
    )

    with opened(args) as services:
        year = ledger_year(services, args)
        with failing_on(ReportError):
            out = write_ledger_report(services, year, Path(args.out))  # issued: registered
        print_written(out)
        if args.xlsx:
            workbook = write_ledger_report_xlsx(services, year, Path(args.xlsx))
            print_written(workbook)
    return 0


def _write_yearly_report(
    args: argparse.Namespace, write_pdf, write_xlsx, subject, write_docx=None
) -> int:
    """report plan|summary|duties: the PDF at --out (and the workbook at --xlsx, the Word
    document at --docx where the kind has one) of the school year --year;
    ``subject(services, year)`` says why there is nothing to write (None when there is)."""
    from desktop_app.documents.engine.pdf import ReportError

    with opened(args) as services:
        year = year_arg(services, args.year)
        problem = subject(services, year) if subject else None
        if problem:
            raise fail(problem)
        with failing_on(ReportError, OSError):
            print_written(write_pdf(services, year, Path(args.out)))
            if args.xlsx:
                print_written(write_xlsx(services, year, Path(args.xlsx)))
            if write_docx is not None and args.docx:
                print_written(write_docx(services, year, Path(args.docx)))
    return 0


@command(
    "plan",
    "annual plan (年度工作计划) with its task ledger",
    YEAR,
    PDF_OUT,
    XLSX_TOO,
    parent="report",
    capability=Capability.REPORTS,
)
def cmd_report_plan(args: argparse.Namespace) -> int:
    from desktop_app.documents.reports.plan_report import write_plan_report, write_plan_report_xlsx

    def no_plan(services, year) -> str | None:
        if services.plans.annual_plan(year) is not None:
            return None
        return messages.text("no_annual_plan", year=year.label)

    return _write_yearly_report(args, write_plan_report, write_plan_report_xlsx, no_plan)


@command(
    "summary",
    "annual summary (年度工作总结) with its figures",
    YEAR,
    PDF_OUT,
    XLSX_TOO,
    arg("--docx", help="also write it as a Word document here, to finish"),
    parent="report",
    capability=Capability.REPORTS,
)
def cmd_report_summary(args: argparse.Namespace) -> int:
    from desktop_app.documents.reports.summary_report import (
        write_summary_docx,
        write_summary_report,
        write_summary_report_xlsx,
    )

    return _write_yearly_report(
        args, write_summary_report, write_summary_report_xlsx, None, write_summary_docx
    )


@command(
    "duties",
    "yearly duties of the members (年度职责完成情况)",
    YEAR,
    PDF_OUT,
    XLSX_TOO,
    parent="report",
    capability=Capability.REPORTS,
)
def cmd_report_duties(args: argparse.Namespace) -> int:
    from desktop_app.documents.reports.duties_report import (
        write_duties_report,
        write_duties_report_xlsx,
    )

    return _write_yearly_report(args, write_duties_report, write_duties_report_xlsx, None)


@command(
    "application",
    "the host's application form (申报表) and 申报汇总表",
    PDF_OUT,
    arg("--docx", help="also write the form as a Word document here, to fill in"),
    arg("--xlsx", help="also write the 申报汇总表 (Excel) here"),
    UNMASKED,
    parent="report",
    capability=Capability.REPORTS,
)
def cmd_report_application(args: argparse.Namespace) -> int:
    """report application: the host's application form (申报表, seed 004 附件3) as a PDF
    at --out and a Word document at --docx, its 申报汇总表 at --xlsx."""
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.application_data import (
        NoApplicationForm,
        masked_by_default,
        read_application,
    )
    from desktop_app.documents.reports.application_form import (
        write_application_docx,
        write_application_pdf,
    )
    from desktop_app.documents.reports.application_summary import write_studio_application_summary

    with opened(args) as services:
        with failing_on(NoApplicationForm):
            masked = masked_by_default(services) and not args.unmasked
            app = read_application(services, masked=masked)
        with failing_on(ReportError, OSError):
            full = not masked
            print_written(write_application_pdf(services, app, Path(args.out)), full)
            if args.docx:
                print_written(write_application_docx(services, app, Path(args.docx)), full)
            if args.xlsx:
                summary = write_studio_application_summary(services, app, Path(args.xlsx))
                print_written(summary, full)
    return 0


@command(
    "assessment",
    "one assessment (考核表)",
    arg("--id", type=record_id, help="assessment id (listed when missing or unknown)"),
    PDF_OUT,
    XLSX_TOO,
    parent="report",
    capability=Capability.REPORTS,
)
def cmd_report_assessment(args: argparse.Namespace) -> int:
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.assessment_report import (
        write_assessment_report,
        write_assessment_report_xlsx,
    )
    from desktop_app.domain.vocab import AssessmentStatus

    with opened(args) as services:
        headers = services.assessments.list()
        if args.id is None or all(h.id != args.id for h in headers):
            if headers:
                listing = "\n".join(
                    f"  {h.id}\t{h.school_year.label}\t{h.title}\t"
                    + AssessmentStatus.zh_of(h.status)
                    for h in headers
                )
            else:
                listing = say("  (there are no assessments yet)")
            if args.id is None:
                head = say("give the assessment with --id:")
            else:
                head = say(
                    "there is no assessment with the id {id}; the assessments are:", id=args.id
                )
            raise fail(head + "\n" + listing)
        with failing_on(ReportError, OSError):
            print_written(write_assessment_report(services, args.id, Path(args.out)))
            if args.xlsx:
                print_written(write_assessment_report_xlsx(services, args.id, Path(args.xlsx)))
    return 0


@command(
    "annual",
    "annual report (年度报告) of a period",
    OneOf(
        (
            arg("--year", help="school year, e.g. 2025-2026 (default: the current one)"),
            arg("--period", help="midterm or final (the cycle's reviews), or a school year"),
        )
    ),
    PDF_OUT,
    arg("--xlsx", help="also write the period's workbook here"),
    UNMASKED,
    parent="report",
    capability=Capability.REPORTS,
)
def cmd_report_annual(args: argparse.Namespace) -> int:
    """report annual: the annual (mid-term, final) report of a period, and its workbook."""
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.annual_report import write_annual_report
    from desktop_app.documents.reports.sections import PeriodData
    from desktop_app.documents.sheets.period_workbook import write_period_workbook
    from desktop_app.domain.period import parse_period

    with opened(args) as services:
        text = args.period or args.year or services.year_facts.current_year().label
        # ValidationError: main() says why, exit 2
        period = parse_period(text, services.studio.get().cycle)
        try:
            fingerprint = services.bundle.fingerprint()
        except (AttributeError, OSError, ValueError):
            fingerprint = None
        data = PeriodData(services, period, unmasked=args.unmasked)
        with failing_on(ReportError, OSError):
            print_written(
                write_annual_report(
                    services, period, Path(args.out), fingerprint=fingerprint, data=data
                ),
                args.unmasked,
            )
            if args.xlsx:
                workbook = write_period_workbook(services, period, Path(args.xlsx), data=data)
                print_written(workbook, args.unmasked)
    return 0


@command(
    "growth",
    "a member's growth file (成长档案)",
    arg("--member", required=True, help="the member's name"),
    PDF_OUT,
    UNMASKED,
    parent="report",
    capability=Capability.REPORTS,
)
def cmd_report_growth(args: argparse.Namespace) -> int:
    """report growth: one member's growth file (成长档案)."""
    from desktop_app.documents.engine.pdf import ReportError
    from desktop_app.documents.reports.growth_file import (
        MemberNotFound,
        find_member,
        write_growth_file,
    )
    from desktop_app.domain.vocab import Role

    with opened(args) as services:
        try:
            member = find_member(services, args.member)
        except MemberNotFound as error:
            if not error.matches:
                raise fail(
                    say("nobody called {member} on the roster", member=args.member)
                ) from error
            lines = [
                f"  {m.name}\t{m.school or '-'}\t{Role.zh_of(m.role)}"
                + (f"\t{m.joined_on}" if m.joined_on else "")
                for m in error.matches
            ]
            raise fail(
                say(
                    "{count} members are called {member}:",
                    count=len(error.matches),
                    member=args.member,
                )
                + "\n"
                + "\n".join(lines)
            ) from error
        with failing_on(ReportError, OSError):
            print_written(
                write_growth_file(
                    services, member.membership_id, Path(args.out), unmasked=args.unmasked
                ),
                args.unmasked,
            )
    return 0
