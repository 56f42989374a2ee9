"""`python -m bot.ops.probe`: the container's HEALTHCHECK; exit 0 when /health says ok.

Python's own urllib, so the image needs no curl; it asks the loopback address on the
configured port, whatever MENTOR_HTTP_HOST the server listens on.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request

from bot.settings import SettingsError, load_settings


def main(path: str = "/health") -> int:
    try:
        port = load_settings().mentor_health_port
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    url = f"http://127.0.0.1:{port}{path}"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as exc:
        print(exc.read().decode("utf-8", "replace")[:500], file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{url} injoignable : {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
