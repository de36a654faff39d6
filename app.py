"""kaikille's Streamlit app: `kaikille app`, or `streamlit run app.py [-- --places FILE --tiles none]`."""

from locator.ui import run

run()
