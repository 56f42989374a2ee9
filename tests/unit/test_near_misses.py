"""Near misses: a domain word in a question the fact sheet does not cover is declined."""

from __future__ import annotations

import pytest

from bot.answers.knowledge import KnowledgeBase
from bot.answers.normalise import Normaliser
from bot.answers.scope import ScopeWords
from bot.answers.service import Answerer, AnswerKind


@pytest.fixture(scope="module")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.mark.parametrize(
    "text",
    [
        "Quel est le salaire moyen d'une médiatrice numérique ?",
        "Combien gagne un conseiller numérique en début de carrière ?",
        "Le titre REMN est-il reconnu en Suisse ?",
        "Peut-on devenir médiateur numérique en Belgique avec ce titre ?",
        "Le REMN permet-il de travailler comme médiateur numérique au Japon ?",
        "Combien de temps dure la période d'essai d'une conseillère numérique ?",
        "Mon employeur refuse de payer mes heures sup, c'est légal ?",
        "J'ai oublié de m'actualiser ce mois-ci sur France Travail, comment faire ?",
        "Puis-je déduire le coût de ma formation de mes impôts ?",
    ],
)
def test_a_question_outside_the_fact_sheet_is_declined(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).fallback


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Combien gagne-t-on sur le CPF chaque année ?", "cpf-montants-droits"),
        ("PTP : mon salaire est-il maintenu pendant la formation ?", "ptp-remuneration-cep"),
    ],
)
def test_money_earned_on_the_cpf_or_kept_during_a_ptp_is_answered(
    answerer: Answerer, text: str, entry: str
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == entry


def test_helping_someone_with_their_taxes_online_is_not_declined(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Aider une dame à faire sa déclaration d'impôts en ligne, ça relève de quel CCP ?"
    )
    assert answer.kind is not AnswerKind.OUT_OF_SCOPE


def test_a_greeting_from_an_overseas_region_is_a_greeting(answerer: Answerer) -> None:
    answer = answerer.answer("Bonjour de La Réunion !")
    assert answer.kind is AnswerKind.SMALLTALK


def test_the_pix_answer_says_it_is_mandatory(answerer: Answerer) -> None:
    answer = answerer.answer("Le test Pix est-il obligatoire pour les conums ?")
    assert answer.entry == "certification-pix"
    assert "obligatoire" in answer.text


@pytest.mark.parametrize(
    "text", ["Le dossier professionnel est-il facultatif ?", "Le DP, c'est optionnel ?"]
)
def test_asking_whether_the_dp_is_optional_says_it_is_mandatory(
    answerer: Answerer, text: str
) -> None:
    answer = answerer.answer(text)
    assert answer.kind is AnswerKind.ANSWER
    assert "obligatoire" in answer.text.lower()


def test_an_off_topic_word_beside_a_question_the_base_answers_surely_is_answered(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Pour le dossier de remboursement de ma mutuelle, on me demande le numéro RNCP du "
        "titre REMN : lequel est-ce ?"
    )
    assert answer.entry == "remn-fiche-rncp"
    assert "34137" in answer.text


def test_the_off_topic_subject_itself_is_still_declined(answerer: Answerer) -> None:
    assert answerer.answer(
        "La mutuelle est-elle obligatoire pour notre conseiller numérique ?"
    ).fallback


def test_a_labour_court_dispute_is_declined(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Notre ancienne conseillère numérique nous attaque aux prud'hommes. Que devons-nous faire ?"
    )
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


def test_opening_hours_of_another_service_are_not_the_bots_hours(answerer: Answerer) -> None:
    assert answerer.answer("Quels sont les horaires d'ouverture de la mairie de Lyon ?").fallback
    assert answerer.answer("Quels sont tes horaires ?").kind is AnswerKind.SMALLTALK


@pytest.mark.parametrize(
    "text",
    [
        "Mon mari passe le TP Cuisinier, son CCP2 c'est sur quoi ?",
        "Le CCP1 du titre Secrétaire assistant, il porte sur quoi ?",
        "J'accompagne aussi des stagiaires du titre Développeur web, leur CCP1 ça couvre quoi ?",
        "Dans le titre pro Formateur professionnel d'adultes, le CCP2 c'est quoi ?",
    ],
)
def test_a_ccp_of_another_titre_is_declined(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).kind is AnswerKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Le titre de médiateur numérique, son CCP2 porte sur quoi ?", "ccp2-presentation"),
        ("Quel titre pour le CCP1 ?", "ccp1-presentation"),
    ],
)
def test_a_ccp_beside_our_own_titre_is_still_answered(
    answerer: Answerer, text: str, entry: str
) -> None:
    answer = answerer.answer(text)
    assert (answer.kind, answer.entry) == (AnswerKind.ANSWER, entry)


def test_another_mediator_named_with_an_adjective_is_still_another_mediator(
    answerer: Answerer,
) -> None:
    answer = answerer.answer(
        "Bonjour, je souhaite saisir le médiateur national de l'énergie pour une facture "
        "d'électricité que je conteste. Pourriez-vous m'indiquer la démarche à suivre ?"
    )
    assert answer.kind is AnswerKind.OUT_OF_SCOPE


def test_a_qualifier_is_read_inside_foreign_phrases_only(kb: KnowledgeBase) -> None:
    norm = Normaliser(kb.synonyms, kb.spelling)
    scope = ScopeWords.of(norm, kb)

    def hits(text: str) -> tuple[bool, bool]:
        words = norm.canonical_words(text)
        found = scope.hits(words, words)
        return found.foreign, found.strong

    assert hits("le médiateur national de l'énergie") == (True, False)
    assert hits("le médiateur de l'énergie") == (True, False)
    assert hits("le médiateur de la consommation") == (True, False)
    assert hits("une conseillère numérique") == (False, True)


def test_a_former_job_told_inside_the_question_says_who_asks(answerer: Answerer) -> None:
    answer = answerer.answer(
        "J'ai reçu un courrier qui parle de « validation partielle » après mon jury. Je suis "
        "en reconversion, ancienne vendeuse, et je ne comprends pas bien ce que ça veut dire "
        "pour la suite. Est-ce que les blocs réussis comptent quand même ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert answer.entry == "reussite-partielle"


def test_a_foreign_subject_asked_about_is_still_declined(answerer: Answerer) -> None:
    assert answerer.answer("Qu'est-ce que la médiation animale ?").kind is AnswerKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "text",
    [
        "Le diplôme d'État d'assistant de service social, comment se passent ses épreuves "
        "finales devant le jury ?",
        "Comment devient-on membre du jury du baccalauréat professionnel quand on est "
        "médiateur expérimenté ?",
    ],
)
def test_another_diplomas_exam_is_declined(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).kind is AnswerKind.OUT_OF_SCOPE


def test_a_diploma_one_holds_says_who_asks(answerer: Answerer) -> None:
    answer = answerer.answer(
        "J'ai un bac pro commerce et je suis en reconversion. Sur la plaquette, ils écrivent "
        "que le titre est « de niveau 5 ». Ça correspond à quoi par rapport aux diplômes "
        "que tout le monde connaît ?"
    )
    assert answer.kind is AnswerKind.ANSWER
    assert "bac+2" in answer.text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Notre médiateur numérique est en CDD depuis 18 mois. Ai-je le droit de renouveler son "
        "CDD une troisième fois ?",
        "Pendant ma formation au titre je vais devoir faire garder mes enfants. Quelles aides "
        "de la CAF existent pour la garde ?",
    ],
)
def test_labour_law_and_family_benefits_beside_the_titre_are_declined(
    answerer: Answerer, text: str
) -> None:
    assert answerer.answer(text).kind is AnswerKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "text",
    [
        "La certification Pix, c'est obligatoire pour les élèves de 3e ?",
        "La formation SST, ça dure combien de temps ?",
        "Je suis formatrice et je dois passer la certification Pix+ Édu pour mon poste en "
        "lycée. Comment on s'y prépare ?",
        "Bonjour, je vous prie de bien vouloir m'expliquer le calcul de l'indemnité de "
        "licenciement pour un salarié ayant huit ans d'ancienneté.",
        "Secrétaire générale de mairie : notre conseiller numérique, contractuel de droit "
        "public, demande un congé sans solde d'un an. Est-ce qu'on est obligés de l'accepter ?",
        "Notre commune veut acheter 15 tablettes que notre conseiller numérique prêtera aux "
        "habitants. Doit-on passer par un marché public ?",
    ],
)
def test_other_certifications_and_labour_law_are_declined(answerer: Answerer, text: str) -> None:
    assert answerer.answer(text).kind is AnswerKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "text",
    [
        "Les fichiers que j'ai produits, je dois les apporter sur une clé le jour J ?",
        "J'ai un CAP petite enfance. Le titre REMN, c'est quel niveau par rapport à mon CAP ?",
    ],
)
def test_words_that_stem_like_another_certification_stay_in_scope(
    answerer: Answerer, text: str
) -> None:
    assert answerer.answer(text).kind is not AnswerKind.OUT_OF_SCOPE  # "capes" stems to "cap"
