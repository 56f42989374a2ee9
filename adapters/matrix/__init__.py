"""The Matrix transport (matrix-nio): translation between Matrix events and the core."""

from adapters.matrix.adapter import MatrixAdapter

__all__ = ["MatrixAdapter"]
