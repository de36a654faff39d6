"""kaikille's Streamlit app: `kaikille app`, or `streamlit run app.py [-- --places FILE --tiles none]`.

The app shell lives in the package (``kaikille/app.py``) so that an installed kaikille finds it;
this file is the same app for a checkout.
"""

from kaikille.app import main

main()
