"""The Mentor object: `handle(Incoming) -> list[Reply]`, transport-agnostic."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import timedelta
from functools import cached_property

from sqlalchemy import bindparam
from sqlalchemy.ext.asyncio import AsyncSession

from bot import buttons, chats, choices, dialogs, message_rows
from bot.answers.knowledge import KnowledgeBase, load_knowledge
from bot.answers.service import Answerer
from bot.commands import attachments, build_registry
from bot.commands.ask import ask_text
from bot.commands.base import Context, run_command
from bot.commands.declare import Answered
from bot.commands.deeplinks import with_private_links
from bot.commands.features import code_offer
from bot.commands.help import INTRO, SHOW
from bot.commands.interrupt import answer_during_flow
from bot.commands.moments import moment_reply
from bot.commands.reminders import reminder_offer
from bot.delivery import Sender
from bot.journal.suggest import CompetencySuggester
from bot.messages import STALE_BUTTON, Choice, Incoming, Reply, escape_markup
from bot.ops import events
from bot.settings import Settings
from bot.storage import upsert
from bot.storage.database import Database, core
from bot.storage.models import HandledEvent
from bot.storage.types import rowcount, utcnow
from bot.turns import Turns
from bot.typed_answers import room_answer, typed_choice

log = logging.getLogger(__name__)

_COMMAND = re.compile(r"^[/!]([A-Za-z_][\w-]*)(?:@\S+)?(?:\s+(.*))?$", re.DOTALL)
_BOT_PREFIX = re.compile(r"^!mentor\b[\s:,]*", re.IGNORECASE)
COMMAND_MAX_CHARS = 8000
HANDLING_AT_ONCE = 4  # on PostgreSQL; SQLite's one connection serves one at a time anyway
_SEEN: dict[str, upsert.Insert] = {}  # the handled-event INSERT, per dialect

BROKEN_FLOW = (
    "Je n'ai pas pu reprendre votre saisie en cours (elle date d'une version précédente "
    "de Mentor) : je l'ai abandonnée, rien n'a été enregistré. Vous pouvez la recommencer."
)
ERROR_REPLY = Reply(
    "Désolé, un problème technique m'empêche de répondre. Réessayez dans un instant."
)


class Mentor:
    def __init__(self, settings: Settings, db: Database, kb: KnowledgeBase) -> None:
        self.settings = settings
        self.db = db
        self.kb = kb
        self.registry = build_registry()
        self.senders: dict[str, Sender] = {}
        self.turns = Turns(HANDLING_AT_ONCE if db.is_postgres else 1)

    @classmethod
    def create(cls, settings: Settings) -> Mentor:
        return cls(
            settings,
            Database(settings.database_url, settings.mentor_db_lock_timeout_seconds),
            load_knowledge(settings.mentor_knowledge_dir),
        )

    @cached_property
    def answerer(self) -> Answerer:
        """Built on first use (≈ 1-3 s): `mentor nudges run-once` never needs it."""
        return Answerer(self.kb).warm()

    @cached_property
    def suggester(self) -> CompetencySuggester:
        """Competencies suggested for a journal entry, built on first use."""
        return CompetencySuggester(self.kb)

    @property
    def dialog_ttl(self) -> timedelta:
        return timedelta(minutes=self.settings.mentor_dialog_timeout_minutes)

    async def start(self) -> None:
        await self.db.upgrade()

    async def stop(self) -> None:
        await self.db.dispose()

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message or button press; never raises. One message at a time (a
        few on PostgreSQL), the network served between them (bot/turns.py)."""
        async with self.turns():
            return await self._handle_turn(incoming)

    async def _handle_turn(self, incoming: Incoming) -> list[Reply]:
        if incoming.is_group and not self._addressed(incoming):
            # Only the answer of the person just asked (a bare "1" or "Valider") is taken,
            # as a press of that choice; a failing database keeps the room silent.
            data = await room_answer(self.db, incoming)
            if data is None:
                return []
            incoming = replace(incoming, button_data=data, addressed=True)
        incoming = incoming.sanitised()
        with events.observe(incoming) as seen:
            try:
                async with self.db.session() as session:
                    return await self.handle_in(session, incoming)
            except Exception as exc:
                seen.outcome = events.failure(exc)
                log.exception("error while handling a message from %s", incoming.transport)
                return [ERROR_REPLY]

    async def handle_in(self, session: AsyncSession, incoming: Incoming) -> list[Reply]:
        """`handle`'s work inside the caller's transaction (bot/ordering.py); raises."""
        if incoming.event_id and not await self._first_time(session, incoming):
            events.note("duplicate")
            return []
        return await self._handle(session, incoming)

    async def _first_time(self, session: AsyncSession, incoming: Incoming) -> bool:
        """Record the event id; False if it was handled before (a redelivery)."""
        assert incoming.event_id is not None
        dialect = upsert.dialect(session)
        statement = _SEEN.get(dialect)
        if statement is None:  # built once per dialect: building cost more than running
            statement = _SEEN[dialect] = (
                upsert.insert(session, HandledEvent)
                .values(
                    transport=bindparam("transport"),
                    event_id=bindparam("event_id"),
                    handled_at=bindparam("at"),
                )
                .on_conflict_do_nothing()
            )
        connection = await core(session)  # Core: the ORM adds nothing here
        result = await connection.execute(
            statement,
            {"transport": incoming.transport, "event_id": incoming.event_id, "at": utcnow()},
        )
        return rowcount(result) == 1

    @staticmethod
    def _addressed(incoming: Incoming) -> bool:
        return (
            incoming.addressed
            or incoming.button_data is not None
            or bool(_BOT_PREFIX.match(incoming.text or ""))
        )

    async def _handle(self, session: AsyncSession, incoming: Incoming) -> list[Reply]:
        text = incoming.text or ""
        if _BOT_PREFIX.match(text):
            text = _BOT_PREFIX.sub("", text, count=1) or "/aide"
        user = await message_rows.sender(session, incoming)
        ctx = Context(app=self, session=session, incoming=incoming, user=user)
        try:
            replies = await self._route(ctx, text)
        except Answered as early:  # a handler ended early, its work kept (bot.commands.declare)
            replies = early.replies
        replies = with_private_links(ctx, text, replies)
        # Numbers typed here answer the choices shown here, not those sent to another chat.
        offered = choices.numbered_here(replies, incoming.chat_id)
        numbered = await dialogs.offer_choices(session, incoming, offered)
        return choices.with_numbers(replies, numbered, incoming.chat_id)

    async def _route(self, ctx: Context, text: str) -> list[Reply]:
        incoming = ctx.incoming
        if incoming.button_data is not None:
            return await self._button(ctx, incoming.button_data)
        if incoming.file is not None:
            return await attachments.received(ctx)
        number = choices.typed_number(text)
        answered = await typed_choice(ctx, text, self._button)
        if answered is not None:
            return answered
        stripped = text.strip()
        if stripped.startswith(("/", "!")) and len(stripped) > 1:
            return await self._command(ctx, stripped)
        flow = await dialogs.current_flow(ctx.session, incoming)
        if flow is not None and ctx.in_group:
            # Dialogs are started in private; if this chat has become a group (a Matrix
            # direct chat someone joined), nothing typed there may feed a private flow.
            await dialogs.finish(ctx.session, incoming, None)
            return [
                Reply(
                    "Cette conversation n'est plus privée : j'arrête la saisie en cours, "
                    "rien n'a été enregistré. Reprenez-la en message privé avec moi."
                )
            ]
        if flow is not None and flow.flow in self.registry.flows:
            aside = await answer_during_flow(ctx, flow, text)
            if aside is not None:
                return aside
            return await self.registry.flows[flow.flow](ctx, flow)
        if flow is None and await dialogs.broken_flow(ctx.session, incoming):
            return [Reply(BROKEN_FLOW)]
        expired = await dialogs.expired_flow(ctx.session, incoming)
        notice: list[Reply] = []
        if expired:
            notice = [Reply("Votre saisie précédente a expiré ; je la laisse de côté.")]
        if number:
            return [
                *notice,
                Reply("Il n'y a pas de choix en attente. Posez votre question ou tapez /aide."),
            ]
        offer = await code_offer(ctx, text) or await moment_reply(ctx, text)
        if offer is not None:
            return [*notice, *offer]
        return [*notice, *await ask_text(ctx, text)]

    async def _command(self, ctx: Context, text: str) -> list[Reply]:
        if len(text) > COMMAND_MAX_CHARS:
            return [
                Reply(
                    f"Votre message est trop long ({len(text)} caractères, "
                    f"{COMMAND_MAX_CHARS} au plus). Raccourcissez-le et renvoyez-le."
                )
            ]
        match = _COMMAND.match(text)
        if not match:
            return [Reply("Je n'ai pas reconnu cette commande. Tapez /aide pour la liste.")]
        name, args = match.group(1), (match.group(2) or "").strip()
        command = self.registry.find(name)
        if command is None:
            close = self.registry.closest(name)
            shown = escape_markup(name[:40])
            hint = ", ".join(f"/{c.name}" for c in close) if close else "/aide"
            return [Reply(f"Je ne connais pas la commande /{shown}. Essayez : {hint}.")]
        return await run_command(ctx, command, args)

    async def _button(self, ctx: Context, data: str) -> list[Reply]:
        # Bounded before any routing: nothing the core builds is longer (bot/buttons.py).
        found = self.registry.find_button(data) if buttons.fits(data) else None
        if found is None:
            return [Reply(STALE_BUTTON)]
        handler, rest = found
        ctx.button = rest
        return await handler(ctx)

    async def chat_moved(self, transport: str, old_id: str, new_id: str) -> None:
        """The platform gave a chat a new id: bindings, schedules and dialogs follow it."""
        try:
            async with self.db.session() as session:
                await chats.chat_moved(session, transport, old_id, new_id)
        except Exception:
            log.exception("could not move chat %s to %s", old_id, new_id)

    async def onboarding(self, ctx: Context) -> list[Reply]:
        name = escape_markup(ctx.user.display_name.split()[0]) if ctx.user.display_name else ""
        hello = f"Bonjour {name} !" if name else "Bonjour !"
        text = "\n".join(
            [
                hello,
                INTRO,
                "",
                "Je peux :",
                "- répondre à vos questions (CCP, examen, dossier professionnel, financement) ;",
                "- tenir votre journal de preuves pour préparer votre dossier ;",
                "- vous rappeler chaque semaine de noter vos preuves.",
                "",
                "Posez votre première question, ou tapez /aide.",
            ]
        )
        offer, reminder_choices = await reminder_offer(ctx)
        if offer:
            text = f"{text}\n\n{offer}"
        return [Reply(text, choices=(Choice("Voir l'aide", SHOW), *reminder_choices))]
