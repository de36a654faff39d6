"""The staff page "Sites and audits" alone, for AppTest (tests/test_sites_page.py): its report folder
comes from the environment the test sets."""

import os

from audit.page import sites_page
from kaikille.ui import AppSettings

sites_page(AppSettings(reports=os.environ["KAIKILLE_TEST_REPORTS"]))
