"""The question bank: models, loading with file and line, cross-reference checks."""
