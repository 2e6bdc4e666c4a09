"""What cached content is keyed by: the content version, what bumps it, and conditional GET.

The bottom of the measures app beside `content_language` and `images`: it imports
Django only, so every layer above may use it.
"""
