"""The currency of a figure written with a sign several currencies share: the reporting country's.

The amount reader takes "Rs", "$", "Dh" or "kr" as its default currency (INR, USD, AED, SEK) and
lists what else the sign may stand for (Amount.alternatives, rules/money.toml); whose figures the
article reports decides (ANNOTATION.md section 3, "A shared currency sign"): Nepal's "Rs" is NPR,
a Canadian statistics story's "$" is CAD, a Moroccan report's "Dh" is MAD. The reporting country
only, and only for its own figures: a Kazakh report of trade with Canada in "$" is in US dollars
(KZT is no "$"), and so is a Canadian story's figure of trade between China and the US.
"""
from __future__ import annotations

from .. import reference

RULE = "money.reporter_currency"


def reported_unit(fig, reporter: str | None, pair: tuple[str, str] | None = None,
                  other_than: str | None = None) -> str | None:
    """The figure's currency as the article reports it: the reporting country's when the figure's
    sign or word was read by default and may stand for it, else the currency it was read as.
    `pair` is the fact's two countries once linked: a figure that is not the reporter's keeps its
    currency. `other_than` is a currency it cannot be: that of the figure it gives in a second currency."""
    if not fig.unit_assumed or reporter is None or (pair is not None and reporter not in pair):
        return fig.unit
    own = reference.country_currencies().get(reporter, ())
    if fig.unit in own:
        return fig.unit  # the default is the reporter's already: "$" in an Ecuadorian report
    return next((code for code in own if code in fig.alternatives and code != other_than), fig.unit)


def unit_rules(fig, unit: str | None) -> list[str]:
    """The rule to record when the fact's currency is not the one its figure was read as."""
    return [RULE] if unit != fig.unit else []
