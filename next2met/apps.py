"""App configuration of the project package, so its templates and commands are found."""

from django.apps import AppConfig


class Next2MetConfig(AppConfig):
    name = "next2met"
    verbose_name = "Next2Met"
