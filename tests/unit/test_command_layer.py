"""The declarative command layer: usage, refusals and menus come from the declarations."""

from __future__ import annotations

from bot.app import Mentor
from bot.commands.base import Registry
from bot.commands.declare import NO_ARG, Arg, ArgError, Where, Who, command, usage_text
from bot.commands.help import FAMILIES, family_text
from bot.messages import Reply
from tests.support.chat import group, joined, say


async def test_an_unknown_subcommand_answers_the_generated_usage(mentor: Mentor) -> None:
    [reply] = await say(mentor, "/cohorte envoler")
    assert reply.text.splitlines() == [
        "**/cohorte** — votre cohorte de formation (rejoindre, partager, formateur)",
        "- /cohorte rejoindre CODE : rejoindre avec le code de votre formateur",
        "- /cohorte partage oui|non : montrer ou non vos chiffres à votre formateur",
        "- /cohorte quitter : quitter une cohorte",
        'Formateurs : /cohorte creer "Nom", /cohorte lier, /cohorte delier, '
        "/cohorte annonce texte, /cohorte rythme jour heure, /cohorte code, "
        "/cohorte supprimer.",
    ]
    assert "formateur telegram" not in reply.text  # admin subcommands stay out of it


async def test_a_missing_argument_is_asked_for_with_the_usage_line(mentor: Mentor) -> None:
    text = joined(await say(mentor, "/cohorte rejoindre"))
    assert text == "Indiquez le code donné par votre formateur : /cohorte rejoindre CODE"


async def test_options_are_listed_when_the_answer_is_none_of_them(mentor: Mentor) -> None:
    text = joined(await say(mentor, "/cohorte partage peut-être"))
    assert text == "Répondez par /cohorte partage oui ou /cohorte partage non."


async def test_subcommands_are_read_whatever_the_case_and_accents(mentor: Mentor) -> None:
    text = joined(await say(mentor, "/cohorte Créer Lyon"))
    assert "réservée aux formateurs" in text


async def test_a_private_subcommand_in_a_group_is_refused_before_its_argument_is_read(
    mentor: Mentor,
) -> None:
    text = joined(await mentor.handle(group("/cohorte partage peut-être")))
    assert text == "Cette commande se fait en message privé avec moi."


async def test_a_group_only_subcommand_says_where_to_type_it(mentor: Mentor) -> None:
    @command("salle", "la salle du groupe", NO_ARG)
    async def salle(_ctx: object, _: None) -> list[Reply]:
        return [Reply("salle")]

    @salle.subcommand("ici", "dans ce groupe", NO_ARG, where=Where.GROUP)
    async def ici(_ctx: object, _: None) -> list[Reply]:
        return [Reply("ici")]

    mentor.registry.command(salle)
    assert joined(await say(mentor, "/salle ici")) == "Tapez /salle ici dans un groupe."
    assert joined(await mentor.handle(group("/salle ici"))) == "ici"
    assert usage_text(salle).endswith("- /salle ici : dans ce groupe")


async def test_admin_subcommands_refuse_others_with_the_declared_wording(mentor: Mentor) -> None:
    text = joined(await say(mentor, "/cohorte formateur test:u1"))
    assert text == "Cette commande est réservée aux administrateurs de Mentor."


async def test_the_menu_leaves_private_commands_out_of_groups(mentor: Mentor) -> None:
    everywhere = dict(mentor.registry.menu(in_group=False))
    in_groups = dict(mentor.registry.menu(in_group=True))
    assert everywhere["preuve"] == "Noter une preuve de pratique"
    assert "preuve" not in in_groups
    assert in_groups["question"] == "Poser une question sur le titre"
    assert set(in_groups) < set(everywhere)


def _even(text: str) -> int:
    number = int(text) if text.isdigit() else -1
    if number % 2:
        raise ArgError("Donnez un nombre pair : {usage}")
    return number


async def test_a_new_command_gets_help_usage_and_typed_arguments(mentor: Mentor) -> None:
    seen: list[int] = []

    @command("pair", "vérifier un nombre pair", Arg("N", _even, example="42"), family="journal",
             guide=("/pair pour vérifier un nombre pair.",), where=Where.PRIVATE)  # fmt: skip
    async def pair(_ctx: object, number: int) -> list[Reply]:
        seen.append(number)
        return [Reply(f"{number} est pair.")]

    @pair.subcommand("secret", "réservé", NO_ARG, who=Who.TRAINER)
    async def secret(_ctx: object, _: None) -> list[Reply]:
        return [Reply("secret")]

    registry: Registry = mentor.registry
    registry.command(pair)
    assert joined(await say(mentor, "/pair 7")) == "Donnez un nombre pair : /pair 42"
    assert joined(await say(mentor, "/pair 8")) == "8 est pair."
    assert seen == [8]
    assert "réservée aux formateurs" in joined(await say(mentor, "/pair secret"))
    assert "/pair se fait en message privé" in joined(await mentor.handle(group("/pair 8")))
    journal = next(f for f in FAMILIES if f.key == "journal")
    assert "- /pair pour vérifier un nombre pair." in family_text(registry, journal, False)
    assert usage_text(pair).splitlines()[0] == "**/pair** — vérifier un nombre pair"


async def test_an_option_may_mean_none_and_three_are_listed_in_french(mentor: Mentor) -> None:
    periods: dict[str, int | None] = {"semaine": 7, "mois": 31, "tout": None}
    seen: list[int | None] = []

    @command("bilan", "compter vos preuves", Arg("semaine|mois|tout", options=periods))
    async def bilan(_ctx: object, days: int | None) -> list[Reply]:
        seen.append(days)
        return [Reply("ok")]

    mentor.registry.command(bilan)
    assert joined(await say(mentor, "/bilan Tout")) == "ok"
    assert joined(await say(mentor, "/bilan")) == (
        "Répondez par /bilan semaine, /bilan mois ou /bilan tout."
    )
    assert seen == [None]
