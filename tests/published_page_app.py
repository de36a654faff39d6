"""The staff page "Check published statements" alone, for AppTest (tests/test_evaluate_page.py)."""

from statements.page import published_page

published_page()
