"""The back office: the catalogue's models in the Django admin."""

from measures.admin import explorations, measure, opinions, taxonomy

__all__ = ["explorations", "measure", "opinions", "taxonomy"]
