"""The staff page "Evaluate a site" alone, for AppTest (tests/test_evaluate_page.py): its folders of
evaluation files and of audit results come from the environment the test sets."""

import os

from kaikille.ui import AppSettings
from statements.page import evaluate_page

evaluate_page(AppSettings(evaluations=os.environ["KAIKILLE_TEST_EVALUATIONS"],
                          reports=os.environ.get("KAIKILLE_TEST_REPORTS", "no-reports-here")))
