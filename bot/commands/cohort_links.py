"""A trainer's next steps, with the links of the platform they write from.

On Telegram, learners join by the link ``t.me/<bot>?start=<code>`` and the group is bound
in one tap by ``t.me/<bot>?startgroup=lier-<code>``; elsewhere the same steps are typed.
"""

from __future__ import annotations

from bot import links
from bot.commands.base import Context
from bot.messages import Choice, Reply
from bot.storage.models import Cohort

ADD_TO_GROUP = "Ajouter Mentor au groupe"


def learner_lines(ctx: Context, cohort: Cohort) -> list[str]:
    """How learners join: the link to forward, and the command for those who type."""
    transport = ctx.incoming.transport
    url = links.private_url(ctx.app.senders, transport, cohort.code)
    typed = f"/cohorte rejoindre {cohort.code}"
    if url and transport == links.TELEGRAM:
        return [
            f"Lien à envoyer à vos apprenants : {url}",
            f"Ou, en message privé avec moi : {typed}",
        ]
    if url:
        return [f"Vos apprenants m'écrivent en privé ({url}) : !mentor rejoindre {cohort.code}"]
    return [f"Vos apprenants m'écrivent en privé : {typed}"]


def group_step(ctx: Context, cohort: Cohort) -> tuple[str, tuple[Choice, ...]]:
    """How to bind the cohort's group from here: one tap on Telegram, typed elsewhere."""
    transport = ctx.incoming.transport
    url = links.group_url(ctx.app.senders, transport, links.bind_payload(cohort.code))
    if url:
        return (
            f"Touchez « {ADD_TO_GROUP} » puis choisissez le groupe de la cohorte : "
            "il sera lié aussitôt.",
            links.link(ADD_TO_GROUP, url),
        )
    typed = links.typed(transport, "cohorte lier")
    return f"Ajoutez-moi au groupe de la cohorte, puis tapez {typed} dans le groupe.", ()


def group_reply(ctx: Context, cohort: Cohort, before: str = "") -> Reply:
    """`before`, then the group step (continuing the sentence after a colon)."""
    text, choices = group_step(ctx, cohort)
    if before.endswith(":"):
        text = text[:1].lower() + text[1:]
    return Reply(f"{before} {text}".strip(), choices=choices)
