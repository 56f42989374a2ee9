"""The Dossier Professionnel draft: the journal arranged as the official model asks.

`plan` decides what goes where (each example once, under one activité-type); `word`
and `markdown` only render that plan.
"""

from bot.journal.dp.model import Attached, DpExample, DpPlan, plan

__all__ = ["Attached", "DpExample", "DpPlan", "plan"]
