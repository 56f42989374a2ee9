"""A loopback stand-in for the Telegram Bot API that records every message it receives.

Just enough for `mentor run` and `mentor nudges run-once` in a subprocess: getMe,
the set-up calls, getUpdates (the queued `updates`, once), and sendMessage, which is
counted as delivered as soon as it arrives (as Telegram does). `on_send(n)` runs in the
server's thread for the n-th message before it is answered: it may block, to keep a send
in flight.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_ID = 7_000_001
TOKEN = f"{BOT_ID}:FAULT-test-token"
BOT = {"id": BOT_ID, "is_bot": True, "first_name": "Mentor", "username": "MentorTestBot"}


class FakeTelegram:
    def __init__(self) -> None:
        self.chats: list[str] = []
        self.texts: list[tuple[str, str]] = []  # (chat id, text) of every sendMessage
        self.lock = threading.Lock()
        self.on_send: Callable[[int], None] = lambda _n: None
        self.updates: list[dict[str, Any]] = []  # handed out once by the next getUpdates
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def env(self) -> dict[str, str]:
        return {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": self.base_url,
            "TELEGRAM_POLL_INTERVAL": "1",
            "TELEGRAM_POLL_TIMEOUT": "0",
        }

    def duplicates(self) -> int:
        return sum(n - 1 for n in Counter(self.chats).values() if n > 1)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _sent(self, params: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self.chats.append(str(params["chat_id"]))
            self.texts.append((str(params["chat_id"]), str(params.get("text", ""))))
            n = len(self.chats)
        self.on_send(n)
        return {
            "message_id": n,
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": BOT,
            "text": str(params.get("text", "")),
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    params: dict[str, Any] = json.loads(body or "{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(body).items()}
                method = self.path.rsplit("/", 1)[-1]
                result: Any = True
                if method == "getMe":
                    result = BOT
                elif method == "getUpdates":
                    with fake.lock:
                        result, fake.updates = fake.updates, []
                elif method == "sendMessage":
                    result = fake._sent(params)
                payload = json.dumps({"ok": True, "result": result}).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client was killed while we held its request

            do_GET = do_POST

        return Handler
