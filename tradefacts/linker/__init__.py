"""The linker: mentions -> facts. Each module is one step (mentions, context, candidates,
direction, status, periods, link) and `extract_document` runs them over a document."""
from .fact import UNORDERED, Fact
from .link import extract_document

__all__ = ["UNORDERED", "Fact", "extract_document"]
