"""/preuve, /mes_preuves, /couverture, /export, /annuler: the private evidence journal.

The dialog of /preuve is in bot.commands.journal_flow, the pages of /mes_preuves in
bot.commands.journal_list.
"""

from __future__ import annotations

from bot import dialogs
from bot.commands import journal_flow, journal_list, journal_presses, journal_prompts
from bot.commands.base import Context, Registry
from bot.commands.coverage_picture import coverage_picture
from bot.commands.declare import NO_ARG, Arg, Where, command, text_arg
from bot.journal import NEW_ENTRY_BUTTON
from bot.journal import attachments as files
from bot.journal import repository as repo
from bot.journal.coverage import coverage_text
from bot.journal.export import DOCX_MIME, export_files
from bot.messages import Choice, File, Reply
from bot.numbers import parse_int


@command(
    "preuve",
    "noter une preuve de pratique",
    text_arg("[ce que vous avez fait]"),
    aliases=("noter",),
    where=Where.PRIVATE,
    family="journal",
    guide=("/preuve pour noter une situation vécue en atelier (photos acceptées).",),
)
async def preuve(ctx: Context, text: str) -> list[Reply]:
    return await journal_flow.start(ctx, text)


@command(
    "mes_preuves",
    "voir, modifier ou supprimer vos preuves",
    Arg("[page]", lambda text: parse_int(text, low=1, high=10**6)),
    aliases=("journal",),
    where=Where.PRIVATE,
    family="journal",
    guide=("/mes_preuves pour relire, modifier ou supprimer vos preuves.",),
)
async def my_entries(ctx: Context, page: int | None) -> list[Reply]:
    return await journal_list.list_page(ctx, page)


@command(
    "couverture",
    "votre couverture du référentiel par CCP",
    NO_ARG,
    where=Where.PRIVATE,
    family="journal",
    guide=("/couverture pour voir les compétences que vos preuves couvrent.",),
)
async def coverage(ctx: Context, _: None) -> list[Reply]:
    entries = await repo.competency_sets(ctx.session, ctx.user.id)
    text = coverage_text(ctx.app.kb.referentiel, entries)
    picture, countdown = await coverage_picture(ctx, entries)  # text stays: screen readers
    text = "\n\n".join([text, "\n".join(countdown)]) if countdown else text
    return [picture, Reply(text, choices=(Choice("Noter une preuve", NEW_ENTRY_BUTTON),))]


@command(
    "export",
    "brouillon de dossier professionnel (Word et texte)",
    NO_ARG,
    where=Where.PRIVATE,
    family="journal",
    guide=("/export pour recevoir un brouillon de dossier professionnel.",),
)
async def export(ctx: Context, _: None) -> list[Reply]:
    rows = await repo.list_entries(ctx.session, ctx.user.id)
    if not rows:
        return [Reply("Votre journal est vide : notez d'abord une preuve avec /preuve.")]
    today = journal_prompts.today(ctx)
    stamp = today.strftime("%Y-%m-%d")
    attached = await files.by_entry(ctx.session, ctx.user.id)
    docx, markdown = export_files(
        ctx.app.kb.referentiel,
        rows,
        ctx.user.display_name,
        today,
        attached,
        ctx.app.settings.mentor_data_dir,
    )
    return [
        Reply(
            f"Voici le brouillon de votre dossier professionnel ({len(rows)} "
            f"preuve{'s' if len(rows) > 1 else ''}), classé par activité-type (CCP), "
            "avec ce qui reste à compléter. Recopiez-le dans le modèle officiel.",
            file=File(f"dossier-professionnel-{stamp}.docx", docx, DOCX_MIME),
        ),
        Reply(
            "La même chose en texte (Markdown) :",
            file=File(
                f"dossier-professionnel-{stamp}.md", markdown.encode("utf-8"), "text/markdown"
            ),
        ),
    ]


@command(
    "annuler",
    "annuler la saisie en cours",
    NO_ARG,
    family="journal",
    guide=("/annuler pour abandonner une saisie en cours.",),
)
async def cancel(ctx: Context, _: None) -> list[Reply]:
    running = await dialogs.current_flow(ctx.session, ctx.incoming)
    if running is None:
        return [Reply("Il n'y a rien à annuler.")]
    await dialogs.finish(ctx.session, ctx.incoming, None)
    return [Reply("C'est annulé, rien n'a été enregistré.")]


def register(registry: Registry) -> None:
    for declared in (preuve, my_entries, coverage, export, cancel):
        registry.command(declared)
    registry.button(journal_prompts.STEP_PREFIX, journal_presses.step_pressed)
    registry.button(journal_list.LIST_PREFIX, journal_presses.list_pressed)
    registry.button(NEW_ENTRY_BUTTON, journal_flow.new_button)
    registry.flow(journal_flow.FLOW, journal_flow.flow_message, journal_flow.flow_prompt)
