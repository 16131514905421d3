"""All services of one open database, handed to the GUI and CLI (each built once: at
opening, or on first use)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.problems import StorageError
from desktop_app.domain.roles import AccountRole, Capability, Refused
from desktop_app.services.activities import ActivityService
from desktop_app.services.attendance import AttendanceService
from desktop_app.services.backup import BackupService
from desktop_app.services.guard import permit
from desktop_app.services.members import MemberService
from desktop_app.services.studio import StudioService
from desktop_app.store.backup import sweep_interrupted
from desktop_app.store.db import Database, open_database

if TYPE_CHECKING:
    from desktop_app.services.accounts import AccountInfo, AccountService
    from desktop_app.services.assessments import AssessmentService
    from desktop_app.services.documents import DocumentService
    from desktop_app.services.duties import DutyService
    from desktop_app.services.growth import GrowthService
    from desktop_app.services.ledger import LedgerService
    from desktop_app.services.plans import PlanService
    from desktop_app.services.submission import SubmissionService
    from desktop_app.services.summary import SummaryService
    from desktop_app.services.training_hours import TrainingHoursService
    from desktop_app.services.year_facts import YearFactsService


@dataclass
class AppServices:
    """The services of one database. Those the first window (the roster) does not need
    are built, and their modules imported, on first use: the program starts sooner.
    None of them hooks into the database's transactions (attendance does: it keeps the
    flags in step with every save, and is built at once)."""

    db: Database
    studio: StudioService
    members: MemberService
    activities: ActivityService
    attendance: AttendanceService
    backups: BackupService
    today: Callable[[], dt.date] = dt.date.today
    # The signed-in account (issue 18); None: accounts off, nobody signed in yet, or the
    # server database's owner (Database.role says which may do what).
    account: AccountInfo | None = None

    @classmethod
    def open(
        cls,
        path: Path,
        today: Callable[[], dt.date] = dt.date.today,
        allow_read_only: bool = True,
        check: bool = True,
        user: str = "",
        login: str = "",
        password: str = "",
    ) -> AppServices:
        """Every service of the database at ``path``. Raises StorageError when the file
        is damaged (kind "corrupt") or, with ``allow_read_only`` False, read-only.
        ``user``: the name of the person working (see ``set_user``), with accounts off.

        Accounts (issue 18): on a server, ``login`` and ``password`` sign in by
        connecting as the account's PostgreSQL role (SignInFailed when PostgreSQL refuses
        them; a URL that names its own user, the database's owner, needs neither). On a
        file with accounts on, they sign in after opening (``sign_in``); without them the
        services open with nobody signed in (``needs_sign_in``) and every use case is
        refused until ``sign_in``."""
        from desktop_app.services.accounts import AccountService, SignInFailed
        from desktop_app.store import server_roles
        from desktop_app.store.address import is_server

        address = path
        if is_server(path) and login:
            address = server_roles.signed_in_url(str(path), login, password)
        try:
            db = open_database(address, allow_read_only=allow_read_only, check=check)
        except StorageError as error:
            if login and server_roles.is_sign_in_refusal(error.__cause__):
                raise SignInFailed() from None
            raise
        db.user = user.strip()
        accounts = AccountService(db)
        account = None
        db.accounts_required = accounts.accounts_required()
        if db.server:
            with db.engine.connect() as connection:
                signed_as = server_roles.login_of(connection)
            account = accounts.signed_in_on_server(signed_as)
        elif db.accounts_required and login:
            account = accounts.sign_in(login, password)
        if db.read_only is None:
            sweep_interrupted(db.path)  # what work killed half-way left behind
        studio = StudioService(db)
        studio.keep_studio_rules()  # once, for a database made before they were asked
        activities = ActivityService(db, today)
        services = cls(
            db=db,
            studio=studio,
            members=MemberService(db, studio, today),
            activities=activities,
            attendance=AttendanceService(db, studio, activities, today),
            backups=_backups(db),
            today=today,
            account=account,
        )
        services.__dict__["accounts"] = accounts  # the cached_property's value
        return services

    @cached_property
    def accounts(self) -> AccountService:
        from desktop_app.services.accounts import AccountService

        return AccountService(self.db)

    # --- who is signed in, and what they may do (issue 18) ------------------------------

    @property
    def needs_sign_in(self) -> bool:
        """Accounts are on and nobody has signed in yet (the GUI asks; the CLI's --user)."""
        return self.db.accounts_required and self.db.role is None

    def sign_in(self, login: str, password: str) -> AccountInfo:
        """Sign in on a file with accounts on (SignInFailed: wrong login or password)."""
        self.account = self.accounts.sign_in(login, password)
        return self.account

    def sign_in_like(self, other: AppServices) -> None:
        """The same person signed in as on ``other`` (services of their own on the same
        database, e.g. an export's at the bundle's date): no second password asked."""
        self.db.accounts_required = other.db.accounts_required
        self.db.role = other.db.role
        self.db.user = other.db.user
        self.account = other.account

    @property
    def role(self) -> AccountRole | None:
        """The role that decides what may be done; None: accounts off (everything)."""
        return self.db.role if self.db.accounts_required else None

    def can(self, capability: Capability) -> bool:
        """Whether the one signed in may do ``capability`` (the GUI hides or disables what
        they may not; the use case itself refuses it in any case)."""
        return self.why_not(capability) is None

    def why_not(self, capability: Capability) -> str | None:
        """Why ``capability`` is refused, in words naming the role and the action; None
        when it is allowed."""
        try:
            permit(self.db, capability)
        except Refused as refused:
            return str(refused.problems[0])
        return None

    def require(self, capability: Capability) -> None:
        """Refused unless ``capability`` is allowed: the check of a use case that is no
        service's method (an export, a report, a restore), at its entry."""
        permit(self.db, capability)

    @cached_property
    def growth(self) -> GrowthService:
        from desktop_app.services.growth import GrowthService

        return GrowthService(self.db, self.today)

    @cached_property
    def training_hours(self) -> TrainingHoursService:
        from desktop_app.services.training_hours import TrainingHoursService

        return TrainingHoursService(self.db, self.today)

    @cached_property
    def ledger(self) -> LedgerService:
        from desktop_app.services.ledger import LedgerService

        return LedgerService(self.db, self.studio, self.today)

    @cached_property
    def duties(self) -> DutyService:
        from desktop_app.services.duties import DutyService

        return DutyService(self.members, self.growth, self.studio, self.activities, self.today)

    @cached_property
    def plans(self) -> PlanService:
        from desktop_app.services.plans import PlanService

        return PlanService(self.db, self.today)

    @cached_property
    def documents(self) -> DocumentService:
        from desktop_app.services.documents import DocumentService

        return DocumentService(self.db)

    @cached_property
    def year_facts(self) -> YearFactsService:
        from desktop_app.services.year_facts import YearFactsService

        return YearFactsService(
            self.db,
            self.studio,
            self.members,
            self.growth,
            self.activities,
            self.attendance,
            self.ledger,
            self.duties,
            self.plans,
            self.documents,
            self.today,
        )

    @cached_property
    def summaries(self) -> SummaryService:
        from desktop_app.services.summary import SummaryService

        return SummaryService(self.db, self.studio, self.year_facts)

    @cached_property
    def assessments(self) -> AssessmentService:
        from desktop_app.services.assessments import AssessmentService

        return AssessmentService(self.db, self.studio, self.members, self.year_facts, self.today)

    @cached_property
    def bundle(self) -> SubmissionService:
        from desktop_app.services.submission import SubmissionService

        return SubmissionService(self.db)

    def set_user(self, name: str) -> None:
        """The person working, recorded from now on in the audit log and as 登记人 (the
        ledger's created_by); empty: the computer's login name. With an account signed
        in, the account is recorded and this changes nothing."""
        if self.account is None:
            self.db.user = name.strip()

    @property
    def user(self) -> str:
        return self.db.user

    @property
    def read_only(self) -> str | None:
        """Why the database could only be opened for reading, or None."""
        return self.db.read_only

    def close(self) -> None:
        self.db.close()


def _backups(db: Database) -> BackupService:
    """A file's backups, or a server database's (pg_dump) kept in its stand-in's folder."""
    if not db.server:
        return BackupService(db.path)
    from desktop_app.services.server_backup import ServerBackupService

    return ServerBackupService(db.engine.url, db.path)
