"""What the /cohorte modules share: wording, button data, and finding the target cohort.

Buttons carry `co:<action>:<cohort id>[:<token>]` and every press checks the presser's
rights again, so an old or forwarded button can never do more than typing would.
A command whose target is ambiguous (two cohorts) answers with one button per cohort;
when it carries text (an announcement), the text waits in the dialog state.
"""

from __future__ import annotations

from bot import buttons, dialogs
from bot.cohorts import repository as repo
from bot.commands.base import Context
from bot.commands.declare import NOT_TRAINER, Answered
from bot.dialog_state import CohortDraft
from bot.messages import Choice, Reply, escape_label, escape_markup
from bot.storage.models import Cohort

PREFIX = "co:"
FLOW = CohortDraft.FLOW
NO_COHORT = 'Vous n\'avez pas encore de cohorte. Créez-la : /cohorte creer "Nom de la cohorte"'
IN_PRIVATE = "Cette commande se fait en message privé avec moi."
# One answer for a deleted cohort, a forged id and a cohort that is not the presser's:
# a button reveals neither a name nor whether an id exists.
GONE = "Ce bouton n'est plus valable ou cette cohorte n'existe plus. Tapez /cohorte."
STALE = GONE


def name_of(cohort: Cohort) -> str:
    return f"« {escape_markup(cohort.name)} »"


def button(action: str, cohort: Cohort, token: str = "") -> str:
    return buttons.build(PREFIX, action, cohort.id, *([token] if token else []))


def pick(question: str, action: str, cohorts: list[Cohort], token: str = "") -> list[Reply]:
    choices = tuple(Choice(escape_label(c.name), button(action, c, token)) for c in cohorts)
    return [Reply(question, choices=choices)]


def owns(ctx: Context, cohort: Cohort) -> bool:
    return cohort.trainer_user_id == ctx.user.id


async def for_trainer(ctx: Context, action: str, args: str = "") -> Cohort:
    """The trainer's only cohort; otherwise answers with buttons to choose one (the
    command's text waits in the dialog) or with why there is none."""
    cohorts = await repo.trained_by(ctx.session, ctx.user.id)
    if not cohorts:
        raise Answered(Reply(NO_COHORT if ctx.user.is_trainer else NOT_TRAINER))
    if len(cohorts) == 1:
        return cohorts[0]
    token = ""
    if args:
        token = await dialogs.start_flow(
            ctx.session, ctx.incoming, "pick", CohortDraft(args=args), ctx.app.dialog_ttl
        )
    raise Answered(*pick("Pour quelle cohorte ?", action, cohorts, token))


async def for_learner(ctx: Context, action: str) -> Cohort:
    """The learner's only cohort; otherwise answers with buttons to choose one."""
    joined = [c for c, _ in await repo.memberships(ctx.session, ctx.user.id)]
    if not joined:
        raise Answered(Reply("Vous n'êtes dans aucune cohorte."))
    if len(joined) == 1:
        return joined[0]
    raise Answered(*pick("Vous êtes dans plusieurs cohortes : laquelle ?", action, joined))
