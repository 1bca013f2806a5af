"""Department aliases: short and old names mapped to one canonical name.

The table is a CSV of `alias,canonical` pairs (loader/data/aliases.csv, extensible with a file
of the same shape). A leading `*` in a pair stands for a region prefix that is carried over:
`*人社局,*人力资源和社会保障局` maps 区人社局 to 区人力资源和社会保障局 and 市人社局 to
市人力资源和社会保障局. A prefix counts as a region when it is empty or ends in 省, 市, 州, 县,
区, 旗 or 盟 (so 区委组织部 is never read as 区 + 委组织部).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

DEFAULT_TABLE = Path(__file__).parent / "data" / "aliases.csv"
_REGION_ENDINGS = tuple("省市州县区旗盟")


@dataclass
class Aliases:
    exact: dict[str, str] = field(default_factory=dict)
    suffix: list[tuple[str, str]] = field(default_factory=list)  # longest first
    # Answers so far: names repeat heavily and the suffix scan was ~30% of parsing.
    _known: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def resolve(self, name: str) -> str:
        """The canonical name of a department (the name itself when no alias applies)."""
        known = self._known.get(name)
        if known is None:
            known = self._known[name] = self._resolve(name)
        return known

    def _resolve(self, name: str) -> str:
        if name in self.exact:
            return self.exact[name]
        for alias, canonical in self.suffix:
            if name.endswith(alias):
                prefix = name[: len(name) - len(alias)]
                if not prefix or prefix.endswith(_REGION_ENDINGS):
                    return prefix + canonical
        return name

    def extend(self, path: str | Path) -> None:
        """Add the pairs of a CSV file; later pairs win over earlier ones."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise InputError(
                f"{path}: no such alias file; give a CSV of alias,canonical pairs."
            ) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot be read as UTF-8 text ({exc}).") from exc
        self._known.clear()
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        for lineno, row in enumerate(csv.reader(lines), start=1):
            if [c.strip() for c in row] == ["alias", "canonical"]:
                continue
            if len(row) != 2 or not row[0].strip() or not row[1].strip():
                raise InputError(
                    f"{path}: row {lineno} is not `alias,canonical`: {','.join(row)[:60]}"
                )
            alias, canonical = row[0].strip(), row[1].strip()
            if alias.startswith("*") != canonical.startswith("*"):
                raise InputError(
                    f"{path}: row {lineno}: use * on both sides or neither: {alias},{canonical}"
                )
            if alias.startswith("*"):
                self.suffix = [(a, c) for a, c in self.suffix if a != alias[1:]]
                self.suffix.append((alias[1:], canonical[1:]))
                self.suffix.sort(key=lambda pair: -len(pair[0]))
            else:
                self.exact[alias] = canonical


def load_aliases(*extra: str | Path) -> Aliases:
    """The bundled table, extended by the given files in order."""
    aliases = Aliases()
    for path in (DEFAULT_TABLE, *extra):
        aliases.extend(path)
    return aliases


@functools.lru_cache(maxsize=1)
def default_aliases() -> Aliases:
    """The bundled table, read once and shared by every parse given no table (to add pairs,
    extend your own from load_aliases instead)."""
    return load_aliases()
