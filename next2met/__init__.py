"""The Next2Met catalogue project: settings, root URLs and site-wide views."""
