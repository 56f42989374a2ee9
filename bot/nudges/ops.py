"""What `mentor nudges due` and `mentor nudges run-once` print, for operators."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.nudges import outbox
from bot.nudges.service import TickReport
from bot.storage.database import Database

STATUS_FR = {
    "pending": "en attente",
    "claimed": "réservé pour l'envoi",
    "sending": "en cours d'envoi",
}


async def due_lines(db: Database, now: datetime) -> list[str]:
    async with db.session() as session:
        rows = await outbox.open_rows(session, now)
        schedules = await outbox.due_schedules(session, now)
    lines = [f"Rappels à envoyer : {len(rows)}"]
    for row in rows:
        when = (row.next_attempt_at or row.due_at).strftime("%Y-%m-%d %H:%M UTC")
        lines.append(
            f"- n°{row.id} programme {row.schedule_id}, créneau {row.slot_local}, "
            f"{row.transport}:{row.chat_id}, prévu {when}, {STATUS_FR.get(row.status, row.status)}"
        )
    lines.append(f"Programmes arrivés à échéance, pas encore en file : {len(schedules)}")
    for schedule in schedules:
        assert schedule.next_due_at is not None
        local = schedule.next_due_at.astimezone(ZoneInfo(schedule.timezone))
        lines.append(
            f"- programme {schedule.id} ({schedule.kind}), "
            f"{local.strftime('%Y-%m-%d %H:%M')} {schedule.timezone}"
        )
    return lines


def report_line(report: TickReport) -> str:
    return (
        f"Mis en file : {report.enqueued} · envoyés : {report.sent} · "
        f"à réessayer : {report.retried} · échecs : {report.failed} · "
        f"périmés : {report.skipped} · expirés : {report.expired}"
    )
