"""Template tags of the public pages and of the back office."""
