"""The documents a studio gives out and takes in, above the services (which never import
them): they read through the services and never touch the GUI.

- ``engine/``: how a document is drawn — the PDF engine (reportlab, the CJK font), the
  Word writer (python-docx), photo thumbnails.
- ``reports/``: each printed document (PDF; some with a Word or Excel twin): the annual
  report and its parts, growth files, plans, summaries, duties, the ledger, forms.
- ``sheets/``: the Excel workbooks, read and written (openpyxl): roster, ledger,
  attendance, duties, the period workbook, and the one way a workbook is saved.
- ``bundle/``: the submission bundle's assembly and export (the documents it holds, its
  data.json, the documents kept between exports). The bundle's format, signing and
  verification — files only, used on the bureau's side too — are ``desktop_app.bundle``.
- ``inbox.py``: the bureau's inbox (bundles received, checked, listed in a workbook).
"""
