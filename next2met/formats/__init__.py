"""The site's own date formats, where Django's locale defaults do not suit (FORMAT_MODULE_PATH)."""
