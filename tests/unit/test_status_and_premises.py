"""Who asks and what they believe: a status stated against an entry's audience, a titre
said to be abolished, a failure told before its questions, an activity told before "which
competency?", a question alone after a context that misleads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answers.extract import analyse_message
from bot.answers.knowledge import KnowledgeBase, load_knowledge
from bot.answers.service import Answerer, AnswerKind
from bot.answers.smalltalk import SmallTalk
from bot.answers.status import EMPLOYEE, JOB_SEEKER, PUBLIC_AGENT, stated, status_conflict


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("jsuis salarié, mon cpf suffit pas", {EMPLOYEE}),
        ("Je suis demandeuse d'emploi depuis mars", {JOB_SEEKER}),
        ("inscrit à Pôle emploi depuis 6 mois", {JOB_SEEKER}),
        ("Agent territorial dans une commune, je voudrais", {PUBLIC_AGENT}),
        ("Notre salariée veut passer le CCP2", {EMPLOYEE}),
        ("C'est quoi le CCP2 ?", set()),
    ],
)
def test_the_status_a_message_states(text: str, statuses: set[str]) -> None:
    assert stated(text) == statuses


def test_a_status_conflicts_only_with_an_entry_written_for_others() -> None:
    assert status_conflict(frozenset({EMPLOYEE}), frozenset({JOB_SEEKER})) == 1.0
    assert status_conflict(frozenset({EMPLOYEE, JOB_SEEKER}), frozenset({JOB_SEEKER})) == 0.0
    assert status_conflict(frozenset(), frozenset({JOB_SEEKER})) == 0.0
    assert status_conflict(frozenset({EMPLOYEE}), frozenset()) == 0.0


def test_the_aif_is_written_for_job_seekers(kb: KnowledgeBase) -> None:
    assert kb.entries["aif-aide-individuelle-formation"].audience == (JOB_SEEKER,)


def test_an_unknown_audience_is_reported(tmp_path: Path) -> None:
    target = tmp_path / "knowledge"
    shutil.copytree(Path(__file__).parents[2] / "knowledge", target)
    entry = target / "entries" / "aif-aide-individuelle-formation.md"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("[demandeur_emploi]", "[retraite]"), encoding="utf-8")
    problems = load_knowledge(target).problems
    assert any("public inconnu « retraite »" in p for p in problems)


def test_employer_help_when_the_cpf_falls_short_is_not_the_job_seekers_aid(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Mon compte formation ne suffit pas et mon employeur est d'accord pour m'aider, "
        "comment on complète le reste ?"
    )
    assert answer.entry != "aif-aide-individuelle-formation"


def test_a_titre_said_abolished_is_answered_with_its_validity(answerer: Answerer) -> None:
    answer = answerer.answer("le REMN a été supprimé, donc mon CCP1 ne vaut plus rien ?")
    assert answer.entry == "remn-validite-fin"


def test_a_failure_told_before_questions_is_not_taken_for_a_complaint(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Bonjour, j'ai appris hier que je n'ai pas eu le CCP1. Je suis vraiment déçue. "
        "J'ai combien de temps pour le repasser ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert answerer.answer("je suis déçue de vos réponses").smalltalk is SmallTalk.MISUNDERSTOOD


def test_a_failure_shared_for_its_own_sake_is_met_with_comfort(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je viens d'apprendre que je n'ai pas validé. Je suis déçue, j'avais beaucoup "
        "travaillé. Je voulais juste le dire à quelqu'un."
    )
    assert answer.smalltalk is SmallTalk.MOOD


def test_an_activity_for_a_foreign_site_placed_in_the_referentiel_is_not_declined(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Je suis en formation CCP1 et je travaille dans un CCAS. Cette semaine j'ai créé des "
        "fiches tutos pour faire sa déclaration sur impots.gouv. Ça prouve quelle compétence ?"
    )
    assert answer.kind is not AnswerKind.OUT_OF_SCOPE


def test_a_question_naming_its_subject_does_not_take_the_story_before_it() -> None:
    query = analyse_message(
        "Tout le monde parle de « CCP » en réunion. C'est quoi exactement un CCP ?"
    )
    assert query.questions == ("C'est quoi exactement un CCP ?",)


def test_asking_what_the_bot_can_help_with_is_about_the_bot(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je ne sais pas trop quoi vous demander, vous pouvez m'aider sur quoi exactement ?"
    )
    assert answer.smalltalk is SmallTalk.IDENTITY


def test_an_employer_topping_up_the_cpf_reads_abondement(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je dirige une association : puis-je compléter le compte formation de ma salariée pour "
        "qu'elle paie moins sur la prépa CCP2/CCP3 ?"
    )
    assert "abond" in answer.text


def test_what_a_block_teaches_an_employee_is_not_how_to_fund_it(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je suis directrice d'un centre social. Notre conseiller numérique voudrait passer le "
        "CCP2 et le CCP3. Concrètement, qu'est-ce que ça lui apporterait pour notre structure ?"
    )
    assert answer.entry != "opco-association-ccp2-ccp3"
    funded = answerer.answer("Mon asso peut-elle financer mes CCP2 et CCP3 avec son OPCO ?")
    assert funded.entry == "opco-association-ccp2-ccp3"


def test_an_entry_needing_a_word_is_no_candidate_without_it(answerer: Answerer) -> None:
    def candidates(text: str) -> list[str]:
        signals = answerer.index.search(analyse_message(text))
        return [c.entry_id for c in signals.candidates]

    assert "opco-association-ccp2-ccp3" not in candidates("Mon asso et le CCP2 et le CCP3 ?")
    assert "opco-association-ccp2-ccp3" in candidates("Mon asso paie le CCP2 et le CCP3 ?")


def test_the_guyane_territorial_collectivity_funds_as_the_region(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Je suis à Cayenne, je ne travaille pas et je voudrais faire la formation de médiateur "
        "numérique. La CTG peut-elle la payer ?"
    )
    assert answer.entry == "region-financement"


def test_a_trainers_teaching_progression_is_not_the_coverage_command(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Pour le CCP2 je dois construire ma progression : vous pouvez me rappeler les 4 "
        "compétences du bloc ?"
    )
    assert answer.kind is AnswerKind.ANSWER


def test_what_a_block_brings_is_not_what_to_bring_on_exam_day(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Notre médiatrice veut préparer le CCP3. Qu'est-ce que ça va apporter à notre médiathèque ?"
    )
    assert answer.entry != "jour-examen-quoi-apporter"
    day = answerer.answer("Qu'est-ce que je dois apporter le jour de l'examen ?")
    assert day.entry == "jour-examen-quoi-apporter"


def test_a_usagers_parcel_scam_is_not_the_cpf_scam(answerer: Answerer) -> None:
    signals = answerer.index.search(
        analyse_message("une usagere a recu un sms colis en attente c une arnaque ?")
    )
    assert "cpf-arnaques" not in [c.entry_id for c in signals.candidates]
    cpf = answerer.answer("On m'appelle pour utiliser mon CPF, c'est une arnaque ?")
    assert cpf.entry == "cpf-arnaques"


def test_the_entries_about_a_named_block_are_candidates(answerer: Answerer) -> None:
    signals = answerer.index.search(
        analyse_message(
            "Notre conseiller numérique veut faire le CCP2. Il saura faire quoi de plus ?"
        )
    )
    assert "ccp2-presentation" in [c.entry_id for c in signals.candidates]


def test_what_the_second_block_brings_an_employer_is_the_block(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Notre agent d'accueil veut passer le CCP2. Une fois validé, il pourra faire quoi de "
        "plus pour notre mairie ?"
    )
    assert answer.entry == "ccp2-presentation"


def test_the_agency_for_the_unemployed_is_france_travail(answerer: Answerer) -> None:
    answer = answerer.answer("L'agence qui s'occupe des chômeurs a changé de nom quand ?")
    assert answer.entry == "france-travail-ex-pole-emploi"


def test_an_entry_for_others_is_no_candidate_unless_named(answerer: Answerer) -> None:
    def candidates(text: str) -> list[str]:
        return [c.entry_id for c in answerer.index.search(analyse_message(text)).candidates]

    assert "aif-aide-individuelle-formation" not in candidates(
        "jsuis salarié mon cpf suffit pas qui peut payer le reste"
    )
    assert "aif-aide-individuelle-formation" in candidates(
        "je suis salariée en CDD, je peux avoir l'AIF ?"
    )


def test_the_mediators_paid_by_the_state_are_the_conseiller_numerique_programme(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Le centre d'aide du programme des médiateurs financés par l'État, c'est quelle adresse ?"
    )
    assert "aide.conseiller-numerique.gouv.fr" in answer.text


def test_the_body_funding_employees_training_is_the_opco(answerer: Answerer) -> None:
    answer = answerer.answer(
        "L'organisme qui finance la formation des salariés, il a remplacé quoi en 2019 ?"
    )
    assert answer.entry == "opco-definition"
