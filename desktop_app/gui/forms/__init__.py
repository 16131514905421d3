"""Forms compiled from ui/*.ui by packaging/compile_forms.py. Do not edit by hand."""
