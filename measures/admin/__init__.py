"""The back office: the catalogue's models in the Django admin."""

from measures.admin import explorations, measure, taxonomy

__all__ = ["explorations", "measure", "taxonomy"]
