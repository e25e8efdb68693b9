"""fibrofoot: prepare to talk about fibromyalgia foot pain with a clinician."""

__version__ = "0.1.0"
