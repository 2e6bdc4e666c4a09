"""Template tags of the whole site: page metadata and navigation."""
