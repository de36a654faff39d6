"""The staff page "Statement" alone, for AppTest (tests/test_statement_page.py): its folder of
evaluation files comes from the environment the test sets."""

import os

from kaikille.ui import AppSettings
from statements.statement_page import statement_page

statement_page(AppSettings(evaluations=os.environ["KAIKILLE_TEST_EVALUATIONS"]))
