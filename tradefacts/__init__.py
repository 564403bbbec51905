"""tradefacts: bilateral trade figures from news text, as a cited fact table.

    extract_text(text, doc=..., published=...)   -> DataFrame of facts in one text
    extract_paths(paths)                          -> DataFrame of facts in files and directories
    read_facts(path)                              -> a fact table written by `tradefacts extract`
    find_amounts(text)                            -> every amount in a text (the one amount reader)
"""
from .amounts import Amount, find_amounts
from .api import extract_paths, extract_text, read_facts

__all__ = ["Amount", "find_amounts", "extract_text", "extract_paths", "read_facts"]
