"""tradefacts: bilateral trade figures from news text, as a cited fact table.

    extract_text(text, doc=..., published=..., rates=...)  -> DataFrame of facts in one text
    extract_paths(paths, jobs=..., rates=...)              -> DataFrame of facts in files, directories, globs
    read_facts(path)                                       -> a fact table written by `tradefacts extract`
    consolidate(facts)                                     -> one row per figure, sources listed, conflicts flagged
    find_amounts(text)                                     -> every amount in a text (the one amount reader)
"""
from .amounts import Amount, find_amounts
from .api import extract_paths, extract_text, read_facts
from .consolidate import consolidate

__all__ = ["Amount", "find_amounts", "extract_text", "extract_paths", "read_facts", "consolidate"]
