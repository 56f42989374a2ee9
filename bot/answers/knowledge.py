"""Loading the knowledge base from `knowledge/` and listing its problems.

The files are edited by people who are not programmers, so loading never
raises on bad content: it collects readable problems for `mentor kb check` and
keeps every entry that is usable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import frontmatter
import yaml

from bot.answers.intents import Intent, load_intents
from bot.answers.loading import MIN_QUESTIONS, FastYAML, as_str_list, load_yaml
from bot.answers.status import STATUSES

PARIS = ZoneInfo("Europe/Paris")

MORE_HEADING = re.compile(r"^##\s*En savoir plus\s*$", re.IGNORECASE | re.MULTILINE)
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHORT_ANSWER_MAX = 700  # the guideline is ~600; beyond 700 a phone screen overflows


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    tags: tuple[str, ...]
    questions: tuple[str, ...]
    sources: tuple[Source, ...]
    checked: date
    short: str
    more: str = ""
    competencies: tuple[str, ...] = ()
    # The statuses the entry is written for alone ("demandeur_emploi" for the AIF), when it
    # is: a message stating another status weighs against it (`status.py`).
    audience: tuple[str, ...] = ()
    # Words one of which a message must use for the entry to be a candidate at all, when
    # its subject is only half of what its words say: the OPCO entry is about funding the
    # CCP2 and CCP3, not about what they teach.
    needs: tuple[str, ...] = ()
    # What the answer settles, for a closed question to get "Oui." or "Non." first
    # (`polarity.py`): "il y a un jury à l'examen", "le jury est composé de mes formateurs".
    affirms: tuple[str, ...] = ()
    denies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Competency:
    code: str
    title: str
    short: str
    ccp: str
    keywords: tuple[str, ...] = ()
    evidence_idea: str = ""


@dataclass(frozen=True, slots=True)
class Ccp:
    code: str
    title: str
    short: str
    competencies: tuple[Competency, ...]


@dataclass(frozen=True, slots=True)
class Referentiel:
    ccps: tuple[Ccp, ...]

    @property
    def competencies(self) -> dict[str, Competency]:
        return {c.code: c for ccp in self.ccps for c in ccp.competencies}

    def ccp(self, code: str) -> Ccp | None:
        return next((c for c in self.ccps if c.code == code), None)


@dataclass(frozen=True, slots=True)
class Scope:
    anchors: tuple[str, ...] = ()
    strong_anchors: tuple[str, ...] = ()
    foreign: tuple[str, ...] = ()
    # Off topic even beside a strong anchor: labour law, personal paperwork.
    off_topic: tuple[str, ...] = ()
    # Questions the bot must decline, near misses included: the ranker learns from them.
    examples: tuple[str, ...] = ()


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry] = field(default_factory=dict)
    referentiel: Referentiel = field(default_factory=lambda: Referentiel(()))
    synonyms: tuple[tuple[str, ...], ...] = ()
    spelling: dict[str, str] = field(default_factory=dict)
    scope: Scope = field(default_factory=Scope)
    intents: dict[str, Intent] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    directory: Path | None = None


def _valid_url(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in url


def _load_entry(path: Path, problems: list[str], known_codes: set[str]) -> Entry | None:
    where = f"{path.name}"
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"), handler=FastYAML())
    except (yaml.YAMLError, UnicodeError, ValueError, TypeError, AttributeError) as exc:
        problems.append(f"{where} : en-tête YAML illisible ({exc.__class__.__name__})")
        return None
    meta: dict[str, Any] = dict(post.metadata)
    ok = True
    entry_id = str(meta.get("id", "")).strip()
    if not entry_id:
        problems.append(f"{where} : champ « id » manquant")
        ok = False
    elif not ID_PATTERN.match(entry_id):
        problems.append(f"{where} : id « {entry_id} » invalide (minuscules, chiffres, tirets)")
        ok = False
    elif entry_id != path.stem:
        problems.append(f"{where} : l'id « {entry_id} » doit être le nom du fichier")
    title = str(meta.get("title", "")).strip()
    if not title:
        problems.append(f"{where} : champ « title » manquant")
        ok = False
    questions = as_str_list(meta.get("questions"))
    if len(questions) < MIN_QUESTIONS:
        problems.append(f"{where} : au moins {MIN_QUESTIONS} questions d'exemple attendues")
    sources: list[Source] = []
    raw_sources = meta.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        problems.append(f"{where} : au moins une source attendue")
        ok = False
    else:
        for raw in raw_sources:
            if isinstance(raw, dict):
                url, stitle = str(raw.get("url", "")).strip(), str(raw.get("title", "")).strip()
            else:
                url, stitle = str(raw).strip(), ""
            if not _valid_url(url):
                problems.append(f"{where} : URL de source invalide « {url} »")
                ok = False
                continue
            sources.append(Source(title=stitle or urlparse(url).netloc, url=url))
    checked = meta.get("checked")
    if isinstance(checked, str):
        try:
            checked = date.fromisoformat(checked)
        except ValueError:
            checked = None
    if not isinstance(checked, date):
        problems.append(f"{where} : date « checked » manquante ou invalide (AAAA-MM-JJ)")
        ok = False
    elif checked > datetime.now(PARIS).date():  # the editors' calendar
        problems.append(f"{where} : date « checked » dans le futur")
    competencies = as_str_list(meta.get("competencies"))
    for code in competencies:
        if code not in known_codes:
            problems.append(f"{where} : compétence inconnue « {code} »")
    audience = as_str_list(meta.get("audience"))
    for status in audience:
        if status not in STATUSES:
            known = ", ".join(sorted(STATUSES))
            problems.append(f"{where} : public inconnu « {status} » (connus : {known})")
    body = post.content.strip()
    parts = MORE_HEADING.split(body, maxsplit=1)
    short = parts[0].strip()
    more = parts[1].strip() if len(parts) > 1 else ""
    if not short:
        problems.append(f"{where} : réponse courte vide")
        ok = False
    elif len(short) > SHORT_ANSWER_MAX:
        problems.append(
            f"{where} : réponse courte trop longue ({len(short)} caractères, "
            f"{SHORT_ANSWER_MAX} au plus ; mettez le reste sous « ## En savoir plus »)"
        )
    if not ok or not isinstance(checked, date):
        return None
    return Entry(
        id=entry_id,
        title=title,
        tags=tuple(t.lower() for t in as_str_list(meta.get("tags"))),
        questions=tuple(questions),
        sources=tuple(sources),
        checked=checked,
        short=short,
        more=more,
        competencies=tuple(competencies),
        audience=tuple(a for a in audience if a in STATUSES),
        needs=tuple(as_str_list(meta.get("needs"))),
        affirms=tuple(as_str_list(meta.get("affirms"))),
        denies=tuple(as_str_list(meta.get("denies"))),
    )


def _load_referentiel(path: Path, problems: list[str]) -> Referentiel:
    data = load_yaml(path, problems)
    ccps: list[Ccp] = []
    seen: set[str] = set()
    if not isinstance(data, dict) or not isinstance(data.get("ccps"), list):
        if data is not None:
            problems.append(f"{path.name} : liste « ccps » attendue")
        return Referentiel(())
    for raw_ccp in data["ccps"]:
        if not isinstance(raw_ccp, dict):
            problems.append(f"{path.name} : CCP mal formé")
            continue
        ccp_code = str(raw_ccp.get("code", "")).strip()
        if not re.fullmatch(r"CCP\d", ccp_code):
            problems.append(f"{path.name} : code de CCP invalide « {ccp_code} »")
            continue
        comps: list[Competency] = []
        for raw in raw_ccp.get("competencies") or []:
            code = str(raw.get("code", "")).strip() if isinstance(raw, dict) else ""
            if not re.fullmatch(r"C\d\.\d", code) or code[1] != ccp_code[3]:
                problems.append(f"{path.name} : code de compétence invalide « {code} »")
                continue
            if code in seen:
                problems.append(f"{path.name} : compétence en double « {code} »")
                continue
            seen.add(code)
            assert isinstance(raw, dict)
            comps.append(
                Competency(
                    code=code,
                    title=str(raw.get("title", "")).strip(),
                    short=str(raw.get("short", "") or raw.get("title", "")).strip(),
                    ccp=ccp_code,
                    keywords=tuple(as_str_list(raw.get("keywords"))),
                    evidence_idea=str(raw.get("evidence_idea", "")).strip(),
                )
            )
        ccps.append(
            Ccp(
                code=ccp_code,
                title=str(raw_ccp.get("title", "")).strip(),
                short=str(raw_ccp.get("short", "") or raw_ccp.get("title", "")).strip(),
                competencies=tuple(comps),
            )
        )
    return Referentiel(tuple(ccps))


def _load_synonyms(
    path: Path, problems: list[str]
) -> tuple[tuple[tuple[str, ...], ...], dict[str, str]]:
    data = load_yaml(path, problems)
    if not isinstance(data, dict):
        return (), {}
    groups: list[tuple[str, ...]] = []
    for group in data.get("synonyms") or []:
        items = tuple(as_str_list(group))
        if len(items) < 2:
            problems.append(f"{path.name} : groupe de synonymes trop court {items}")
            continue
        groups.append(items)
    spelling_raw = data.get("spelling") or {}
    spelling: dict[str, str] = {}
    if isinstance(spelling_raw, dict):
        spelling = {str(k): str(v) for k, v in spelling_raw.items() if v is not None}
    return tuple(groups), spelling


def _load_scope(path: Path, problems: list[str]) -> Scope:
    if not path.exists():
        return Scope()
    data = load_yaml(path, problems)
    if not isinstance(data, dict):
        return Scope()
    foreign_raw = data.get("foreign") or []
    foreign: list[str] = []
    if isinstance(foreign_raw, dict):
        for words in foreign_raw.values():
            foreign += as_str_list(words)
    else:
        foreign = as_str_list(foreign_raw)
    return Scope(
        anchors=tuple(as_str_list(data.get("anchors"))),
        strong_anchors=tuple(as_str_list(data.get("strong_anchors"))),
        foreign=tuple(foreign),
        off_topic=tuple(as_str_list(data.get("off_topic"))),
        examples=tuple(as_str_list(data.get("examples"))),
    )


def load_knowledge(directory: Path) -> KnowledgeBase:
    problems: list[str] = []
    referentiel = _load_referentiel(directory / "referentiel.yaml", problems)
    codes = set(referentiel.competencies)
    entries: dict[str, Entry] = {}
    entry_dir = directory / "entries"
    files = sorted(entry_dir.glob("*.md")) if entry_dir.is_dir() else []
    if not files:
        problems.append("entries/ : aucune fiche trouvée")
    for path in files:
        entry = _load_entry(path, problems, codes)
        if entry is None:
            continue
        if entry.id in entries:
            problems.append(f"{path.name} : id en double « {entry.id} »")
            continue
        entries[entry.id] = entry
    synonyms, spelling = _load_synonyms(directory / "synonyms.yaml", problems)
    scope = _load_scope(directory / "scope.yaml", problems)
    intents = load_intents(directory / "intents.yaml", problems, set(entries))
    return KnowledgeBase(
        entries=entries,
        referentiel=referentiel,
        synonyms=synonyms,
        spelling=spelling,
        scope=scope,
        intents=intents,
        problems=problems,
        directory=directory,
    )
