"""Mentor: the transport-agnostic conversation core."""

__version__ = "0.1.0"
