"""Reading the knowledge files: libyaml when available, lists that tolerate editors' shapes.

The files are edited by people who are not programmers: readers never raise, they
collect readable problems for `mentor kb check`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

MIN_QUESTIONS = 3

# libyaml's loader when PyYAML has it: the same safe subset, a few times faster at start-up.
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FastYAML(YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:  # noqa: ARG002 (python-frontmatter's signature)
        return yaml.load(fm, Loader=LOADER)


def as_str_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return []


def load_yaml(path: Path, problems: list[str]) -> Any:
    if not path.exists():
        problems.append(f"{path.name} : fichier manquant")
        return None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    except yaml.YAMLError as exc:
        problems.append(f"{path.name} : YAML illisible ({exc.__class__.__name__})")
        return None
