"""Who is asking, by status: a job seeker, an employee, a public agent.

Funding hangs on it: the AIF is France Travail's aid to job seekers, the OPCO and the PTP
are for employees, the CNFPT for territorial agents. "jsuis salarié, mon cpf suffit pas,
qui paie le reste ?" shares every word but one with the AIF's examples; that one word
rules the AIF out. An entry written for one status says so (`audience` in its front
matter); the ranker learns how much a message stating another status weighs against it.
"""

from __future__ import annotations

from bot.answers.lazy_pattern import LazyPattern
from bot.answers.sentence_words import clean

JOB_SEEKER = "demandeur_emploi"
EMPLOYEE = "salarie"
PUBLIC_AGENT = "agent_public"
STATUSES = frozenset({JOB_SEEKER, EMPLOYEE, PUBLIC_AGENT})

_SAID = {
    JOB_SEEKER: LazyPattern(
        r"\b(?:demandeu(?:r|se|rs|ses) d emploi|au chomage|chomeu(?:r|se|rs|ses)|sans emploi"
        r"|en recherche d emploi|privee? d emploi|inscrite?s? (?:a|au|chez) (?:france travail"
        r"|pole emploi))\b"
    ),
    EMPLOYEE: LazyPattern(
        r"\b(?:salariee?s?|en (?:cdi|cdd)|mon employeur|mon patron|ma patronne"
        r"|je suis employee?|jsuis salariee?)\b"
    ),
    PUBLIC_AGENT: LazyPattern(
        r"\b(?:fonctionnaires?|agents? publics?|agente publique|agente?s? territoria(?:l|ux|le)"
        r"|fonction publique|contractuel(?:le)?s? (?:de|d une|de la) (?:mairie|commune"
        r"|collectivite))\b"
    ),
}


def stated(text: str) -> frozenset[str]:
    """The statuses a message states, of its writer or of the person it asks for."""
    cleaned = clean(text)
    return frozenset(status for status, said in _SAID.items() if said.search(cleaned))


def status_conflict(said: frozenset[str], audience: frozenset[str]) -> float:
    """1 when the message states statuses and none is the entry's audience."""
    return float(bool(said and audience) and not said & audience)
