"""The staff page "Evaluate a site" alone, for AppTest (tests/test_evaluate_page.py): its folder of
evaluation files comes from the environment the test sets."""

import os

from kaikille.ui import AppSettings
from statements.page import evaluate_page

evaluate_page(AppSettings(evaluations=os.environ["KAIKILLE_TEST_EVALUATIONS"]))
