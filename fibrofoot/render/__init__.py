"""Renderers: pure functions from a `Summary` to the text of one output format."""
