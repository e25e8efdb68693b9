"""The opt-in local history: the store (file I/O, beside `files.py`), and pure entries, trends
and exports in the core. The layers each module sits in are in pyproject.toml."""
