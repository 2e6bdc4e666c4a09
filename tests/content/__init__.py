"""Tests of the seed's words: written in the catalogue's own voice, from the facts only."""
