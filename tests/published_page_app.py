"""The staff page "Check published statements" alone, for AppTest (tests/test_evaluate_page.py): the
sites file comes from the environment the test sets."""

import os

from kaikille.ui import AppSettings
from statements.page import published_page

published_page(AppSettings(sites=os.environ.get("KAIKILLE_TEST_SITES", "no-sites-file")))
