"""The project's own structural checks, applied with or without the XSD: identifiers unique,
references pointing at something that exists, main uniqueness keys. Every finding has its line."""
from __future__ import annotations

from .errors import AVERTISSEMENT, ERREUR, Problem

_KIND_LABEL = {"eleve": "élève", "periode": "période", "discipline": "discipline",
               "enseignant": "enseignant", "responsable-etab": "responsable d'établissement"}
_NONE_OF = {"eleve": "aucun élève", "periode": "aucune période", "discipline": "aucune discipline",
            "enseignant": "aucun enseignant", "responsable-etab": "aucun responsable d'établissement"}


class StructureChecks:
    def __init__(self):
        self.problems: list[Problem] = []
        self._ids: dict[str, int] = {}  # every xs:ID of the file -> line (IDs are file-wide)
        self._by_kind: dict[str, set[str]] = {kind: set() for kind in _KIND_LABEL}
        self._keys: dict[tuple, int] = {}
        self._pending: list[tuple[str, str, str, int]] = []  # (kind, id, attribute, line)

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, ERREUR, "structure", message))

    def warning(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, AVERTISSEMENT, "structure", message))

    def declare(self, kind: str, ident: str | None, line: int) -> bool:
        """Record an identifier; False (and an error) if missing or already used."""
        if not ident:
            self.error(line, f"{_KIND_LABEL[kind]} sans attribut id.")
            return False
        if ident in self._ids:
            self.error(line, f"identifiant {ident} déjà utilisé ligne {self._ids[ident]} "
                             "(les id doivent être uniques dans tout le fichier).")
            return False
        self._ids[ident] = line
        self._by_kind[kind].add(ident)
        return True

    def unique(self, what: str, key: tuple, line: int) -> bool:
        """A uniqueness key of the XSD (e.g. one bilan per (élève, période))."""
        full = (what,) + key
        if full in self._keys:
            shown = ", ".join(str(k) for k in key)
            self.error(line, f"{what} en double ({shown}) : déjà présent ligne {self._keys[full]}.")
            return False
        self._keys[full] = line
        return True

    def refer(self, kind: str, ident: str | None, attribute: str, line: int) -> None:
        """A reference; checked at the end so that the order of sections does not matter."""
        if not ident:
            self.error(line, f"attribut {attribute} manquant.")
        elif ident not in self._by_kind[kind]:
            self._pending.append((kind, ident, attribute, line))

    def finish(self) -> list[Problem]:
        for kind, ident, attribute, line in self._pending:
            if ident not in self._by_kind[kind]:
                self.error(line, f"{attribute}=\"{ident}\" : {_NONE_OF[kind]} d'id {ident} dans le fichier.")
        self._pending.clear()
        return sorted(self.problems, key=lambda p: p.ligne)
