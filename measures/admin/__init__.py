"""The back office: the catalogue's models in the Django admin."""

from measures.admin import measure, taxonomy

__all__ = ["measure", "taxonomy"]
