"""Write `summary.schema.json` (beside this script) from the `Summary` model.

Run `uv run python schema/generate.py` after changing `fibrofoot/summary.py`; a test fails while
the committed schema differs from the model.
"""

from __future__ import annotations

import json
from pathlib import Path

from fibrofoot.summary import Summary

SCHEMA_FILE = Path(__file__).with_name("summary.schema.json")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def summary_schema() -> str:
    """The JSON Schema of `fibrofoot report --format json` output, as the file's text."""
    schema = {"$schema": DIALECT, **Summary.model_json_schema(mode="serialization")}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    SCHEMA_FILE.write_text(summary_schema(), encoding="utf-8")
    print(f"Wrote {SCHEMA_FILE}")


if __name__ == "__main__":
    main()
