"""Printable and exchangeable output: PDF reports (reportlab), later Excel sheets and the
submission bundle. Reports read through the services and never touch the GUI."""
