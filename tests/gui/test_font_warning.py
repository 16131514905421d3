"""Without a Chinese font the window says so once, in the user's language, from the text
catalogue."""

from __future__ import annotations

from desktop_app.app_settings import load_app_settings
from desktop_app.domain import messages
from desktop_app.gui import app


def test_the_missing_font_is_said_once_in_chinese(qapp, monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(app, "find_cjk_font", lambda: None)
    monkeypatch.setattr(app.QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    messages.set_language("zh_CN")
    app.warn_missing_font_once()
    app.warn_missing_font_once()
    assert shown == [
        "未找到中文 TrueType 字体，中文可能显示为方框。请安装字体（Windows：微软雅黑或黑体；"
        "Debian/Ubuntu：fonts-wqy-microhei）。"
    ]
    assert load_app_settings().font_warning_shown
    assert "中文可能显示为方框" in capsys.readouterr().err
