"""What handling one message reads, in one statement (issue 18).

Every message needs the sender's user and identity and the chat's dialog row (the flow
running, the choices offered); a knowledge question also needs the sender's signal
pseudonym. Read by each module in turn, that was four statements, each a round trip to
the driver (a thread hop on SQLite), and round trips were most of a message's cost under
a burst. One SELECT, outer-joined from a one-row base so that it answers even for a
sender never seen before, reads them all and hands each to the module that owns it.
"""

from __future__ import annotations

from sqlalchemy import and_, bindparam, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import BindParameter

from bot import dialogs
from bot.learning import signals
from bot.messages import Incoming
from bot.storage.models import DialogState, Identity, SignalRef, User
from bot.users import Lookup, UserRef, ensure_user, is_new


async def sender(session: AsyncSession, incoming: Incoming) -> UserRef:
    """The sender's user, created on a first message, with the rows below read too."""
    lookup = await load(session, incoming)
    user = await ensure_user(
        session,
        incoming.transport,
        incoming.user_id,
        incoming.user_name,
        None if incoming.is_group else incoming.chat_id,
        handle=incoming.user_handle,
        lookup=lookup,
    )
    if is_new(session, user.id):
        signals.known_ref(session, user.id, None)
    return user


_TRANSPORT: BindParameter[str] = bindparam("transport")
_USER: BindParameter[str] = bindparam("user")
_CHAT: BindParameter[str] = bindparam("chat")
# Built once: building and keying a statement of four entities cost more than running it.
_ROWS = (
    select(Identity, User, DialogState, SignalRef)
    .select_from(select(literal(1).label("one")).subquery("one"))
    .outerjoin(Identity, and_(Identity.transport == _TRANSPORT, Identity.platform_user_id == _USER))
    .outerjoin(User, User.id == Identity.user_id)
    .outerjoin(
        DialogState,
        and_(
            DialogState.transport == _TRANSPORT,
            DialogState.chat_id == _CHAT,
            DialogState.platform_user_id == _USER,
        ),
    )
    .outerjoin(SignalRef, SignalRef.user_id == Identity.user_id)
)


async def load(session: AsyncSession, incoming: Incoming) -> Lookup:
    """Read the sender's rows and the chat's dialog row; the account as a `Lookup`."""
    params = {"transport": incoming.transport, "user": incoming.user_id, "chat": incoming.chat_id}
    identity, user, dialog, ref = (await session.execute(_ROWS, params)).one()
    dialogs.prime(session, incoming, dialog)
    if user is None or identity is None:
        return Lookup(None)
    signals.known_ref(session, user.id, ref.ref if ref is not None else None)
    return Lookup((user, identity))
