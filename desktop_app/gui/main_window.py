"""The main window: a sidebar naming every page the product has, the pages, and the
menu bar (gui/main_menu)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.domain.changes import STUDIO
from desktop_app.domain.roles import role_name
from desktop_app.gui import window_geometry
from desktop_app.gui.about import ABOUT_LINK, show_about
from desktop_app.gui.bus import ChangeBus
from desktop_app.services.app import AppServices

NAV_PAGES = (
    "overview",
    "members",
    "activities",
    "funds",
    "plans",
    "assessment",
    "export",
    "backups",
    "settings",
)


BANNER_STYLES = {
    "warning": "background: #fff4e5; color: #8a4b00; border: 1px solid #f0b429;",
    "error": "background: #fdecea; color: #8e1b10; border: 1px solid #e57373;",
}


class MainWindow(QMainWindow):
    # a backup the user chose on the Backups page: the session restores it and reopens
    restore_requested = Signal(object)
    page_shown = Signal(QWidget)  # the page brought in front
    # the name of the person working, given in Settings (an app setting, not the database's)
    user_named = Signal(str)
    # 切换账号/退出登录: the session closes this window and asks who signs in
    sign_out_requested = Signal()

    def __init__(
        self, services: AppServices, bus: ChangeBus | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.bus = bus or ChangeBus(services, self)
        self.bus.hear_other_programs()  # another PC's save shows here as well

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        side = QWidget()
        side.setObjectName("sidebar")
        side.setFixedWidth(200)
        side_layout = QVBoxLayout(side)
        self.studio_label = QLabel()
        self.studio_label.setWordWrap(True)
        self.studio_label.setObjectName("studioName")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        side_layout.addWidget(self.studio_label)
        # who is signed in (accounts on): in the sidebar, no height taken from the pages
        self.account_label = QLabel()
        self.account_label.setObjectName("signedInAs")
        self.account_label.setWordWrap(True)
        self.account_label.setStyleSheet("color: #555555;")
        side_layout.addWidget(self.account_label)
        side_layout.addWidget(self.nav, 1)
        # The version, pyproject's; clicking it opens the About box.
        version = QLabel(
            f'<a href="{ABOUT_LINK}" style="color: #888888;">StudioDesk {__version__}</a>'
        )
        version.setObjectName("versionLabel")
        version.linkActivated.connect(lambda _link: show_about(self, services.db.path))
        self.version_label = version
        side_layout.addWidget(version)
        self.stack = QStackedWidget()
        # Banners above every page: read-only database, database on a network share.
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        self.banner_area = QVBoxLayout()
        # no margin of its own: without a banner it takes no height from the pages
        self.banner_area.setContentsMargins(8, 0, 8, 0)
        self.banners: dict[str, QLabel] = {}
        right_layout.addLayout(self.banner_area)
        right_layout.addWidget(self.stack, 1)
        layout.addWidget(side)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

        titles = {
            "overview": self.tr("Overview"),
            "members": self.tr("Members"),
            "activities": self.tr("Activities & attendance"),
            "funds": self.tr("Funds"),
            "plans": self.tr("Plans & tasks"),
            "assessment": self.tr("Assessment"),
            "export": self.tr("Export"),
            "backups": self.tr("Backups"),
            "settings": self.tr("Settings"),
        }
        self.page_titles = titles
        # A page is built the first time it is shown (or asked for): the window paints
        # sooner, and a page nobody opens costs nothing. Pages not built yet in the product
        # would say so plainly (NotYetPage); today every page is built.
        self.pages = _Pages(self._build_page)
        for page_id in NAV_PAGES:
            item = QListWidgetItem(titles[page_id])
            item.setData(Qt.ItemDataRole.UserRole, page_id)
            self.nav.addItem(item)

        self.nav.currentRowChanged.connect(self._nav_changed)
        self.bus.changed.connect(self._on_changed)
        self._show_signed_in()
        self._update_title()
        from desktop_app.gui.main_menu import MainMenu

        self.menu = MainMenu(self)
        self.show_page("members")
        window_geometry.fit(self, QSize(1366, 768))

    @property
    def members_page(self):
        return self.pages["members"]

    @property
    def detail_page(self):
        return self.pages["member-detail"]

    def _build_page(self, page_id: str) -> QWidget:
        """Construct a page, put it in the stack and wire its signals."""
        services, bus = self.services, self.bus
        if page_id == "overview":
            from desktop_app.gui.pages.overview import OverviewPage

            page = OverviewPage(services, bus)
            page.open_page.connect(self.show_page)
            page.open_member.connect(self.show_member)
        elif page_id == "members":
            from desktop_app.gui.pages.members import MembersPage

            page = MembersPage(services, bus)
            page.open_member.connect(self.show_member)
        elif page_id == "member-detail":
            from desktop_app.gui.pages.member_detail import MemberDetailPage

            page = MemberDetailPage(services, bus)
            page.back_requested.connect(lambda: self.show_page("members"))
        elif page_id == "activities":
            from desktop_app.gui.pages.activities import ActivitiesPage

            page = ActivitiesPage(services, bus)
        elif page_id == "funds":
            from desktop_app.gui.pages.funds import FundsPage

            page = FundsPage(services, bus)
        elif page_id == "plans":
            from desktop_app.gui.pages.plans import PlansPage

            page = PlansPage(services, bus)
        elif page_id == "assessment":
            from desktop_app.gui.pages.assessment import AssessmentPage

            page = AssessmentPage(services, bus)
        elif page_id == "export":
            from desktop_app.gui.pages.export import ExportPage

            page = ExportPage(services, bus)
        elif page_id == "backups":
            from desktop_app.gui.pages.backups import BackupsPage

            page = BackupsPage(services, bus)
            page.restore_requested.connect(self.restore_requested)
        elif page_id == "settings":
            from desktop_app.gui.pages.settings import SettingsPage

            page = SettingsPage(services, bus)
            page.user_named.connect(self.user_named)
        else:
            raise KeyError(page_id)
        self.stack.addWidget(_scrolled(page))
        return page

    def show_banner(self, key: str, text: str, level: str = "warning") -> QLabel:
        """A line above every page that stays while the condition lasts (``key`` names
        it: showing the same key again replaces its text)."""
        label = self.banners.get(key)
        if label is None:
            label = QLabel()
            label.setWordWrap(True)
            label.setObjectName(f"banner-{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.banner_area.addWidget(label)
            self.banners[key] = label
        label.setText(text)
        label.setStyleSheet(
            BANNER_STYLES[level] + " padding: 6px; border-radius: 3px; margin-top: 4px;"
        )
        label.setVisible(True)
        return label

    def banner_text(self, key: str) -> str:
        label = self.banners.get(key)
        return label.text() if label is not None and not label.isHidden() else ""

    def _on_changed(self, topics) -> None:
        if STUDIO in topics:
            self._update_title()

    def _update_title(self) -> None:
        studio = self.services.studio.get()
        suffix = self.tr(" (demo)") if studio.is_demo else ""
        program = self.tr("StudioDesk")
        who = self.signed_in_text()
        who = f" — {who}" if who else ""
        self.setWindowTitle(f"{studio.name}{suffix}{who} — {program}")
        # the demo mark on a line of its own: a long studio name wraps cleanly above it
        self.studio_label.setText(
            f"<b>{studio.name}</b>" + (f"<br>{suffix.strip()}" if suffix else "")
        )

    def signed_in_text(self) -> str:
        """Who is signed in and their role (陈静（秘书）), or "" with accounts off."""
        account = getattr(self.services, "account", None)
        if account is None:
            if getattr(self.services, "role", None) is not None:  # the server's owner
                return self.tr("database owner")
            return ""
        return f"{account.display_name}（{role_name(account.role)}）"

    def _show_signed_in(self) -> None:
        text = self.signed_in_text()
        self.account_label.setText(self.tr("Signed in: %1").replace("%1", text) if text else "")
        self.account_label.setVisible(bool(text))

    def _bring_up(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page.parentWidget().parentWidget())  # its scroll area
        catch_up = getattr(page, "refresh_if_pending", None)
        if catch_up is not None:  # (showEvent does it too, but only in a shown window)
            catch_up()
        self.page_shown.emit(page)

    def _nav_changed(self, row: int) -> None:
        item = self.nav.item(row)
        if item is not None:
            self._bring_up(self.pages[item.data(Qt.ItemDataRole.UserRole)])

    def show_page(self, page_id: str) -> None:
        if page_id == "member-detail":
            self._bring_up(self.detail_page)
            return
        row = NAV_PAGES.index(page_id)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)  # the page is brought up here, once
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self._bring_up(self.pages[page_id])

    def show_member(self, membership_id: int) -> None:
        self.detail_page.show_member(membership_id)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(NAV_PAGES.index("members"))
        self.nav.blockSignals(False)
        self._bring_up(self.detail_page)

    def current_page(self) -> QWidget | None:
        area = self.stack.currentWidget()
        return area.widget() if isinstance(area, QScrollArea) else None

    def current_page_id(self) -> str:
        return getattr(self.current_page(), "page_id", "")


def _scrolled(page: QWidget) -> QScrollArea:
    """A page in a scroll area: on a screen too small for it, the page scrolls rather
    than push the window off the screen or be cut off."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no extra stop for Tab
    area.setWidget(page)
    return area


class _Pages(dict):
    """The pages by id, each built on first access (``pages["funds"]``); ``in`` and
    iteration see the pages built so far."""

    def __init__(self, build):
        super().__init__()
        self._build = build

    def __missing__(self, page_id: str) -> QWidget:
        page = self._build(page_id)
        self[page_id] = page
        return page
