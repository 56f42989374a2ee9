"""The DP draft as Markdown: the same plan as the DOCX, for any text editor."""

from __future__ import annotations

from bot.journal.dates import french_date
from bot.journal.dp.model import HOW_TO_USE, TITLE, TO_FILL, DpPlan, sections


def build_markdown(dp: DpPlan) -> str:
    parts = [
        "# Dossier Professionnel — brouillon",
        "",
        f"**{TITLE}**",
        "",
        f"- Nom et prénom : {dp.owner or TO_FILL}",
        "- Modalité d'accès (cochez) : ☐ Parcours de formation ☐ VAE",
        f"- Brouillon du {french_date(dp.today)}",
        "",
        "## Comment utiliser ce brouillon",
        "",
        HOW_TO_USE,
        "",
    ]
    for activity in dp.activities:
        parts += [f"## {activity.ccp.code} — {activity.ccp.title}", ""]
        if not activity.examples:
            parts += ["_Aucun exemple noté pour cette activité-type._", ""]
        for i, example in enumerate(activity.examples, 1):
            comps = "; ".join(dp.label(c) for c in example.competencies)
            parts += [
                f"### Exemple n°{i} — {example.title}",
                "",
                f"**Compétences mobilisées :** {comps} (preuve n°{example.number} du journal)",
                "",
            ]
            for title, lines in sections(example):
                parts += [f"#### {title}", "", *(lines or ["—"]), ""]
        for ref in activity.see_also:
            parts += [f"_Voir aussi l'exemple n°{ref.index} de {ref.ccp} — {ref.example.title}._"]
            parts.append("")
    parts += ["## À compléter", "", "### Compétences sans exemple", ""]
    parts += [f"- {c.code} {c.title}" for c in dp.without_example] or ["Aucune."]
    parts += ["", f"### Compétences avec moins de {dp.target} exemples (conseillé)", ""]
    parts += [
        f"- {c.code} {c.title} : {dp.counts[c.code]} exemple sur {dp.target} conseillés"
        for c in dp.below_target
    ] or ["Aucune."]
    parts += ["", "## Documents illustrant la pratique", ""]
    attached = [
        f"- {a.name} — preuve n°{e.number}" + (f" : {a.caption}" if a.caption else "")
        for e in dp.examples
        for a in e.attachments
    ]
    parts += attached or ["Aucun document joint au journal."]
    return "\n".join(parts).rstrip() + "\n"
