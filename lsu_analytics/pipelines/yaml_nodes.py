"""Read a YAML file into plain Python values while keeping each value's position (line, column)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


class YamlReadError(Exception):
    """The file is not readable YAML; the message is in French and names the file and line."""


def read_yaml(path: Path) -> tuple[object, dict[tuple, Position]]:
    """Return (value, positions) where positions maps a key path (tuple of keys/indices) to where it starts.

    For a mapping entry, the position is the key's (what a user looks for); `path + ("=",)` is the value's.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlReadError(f"{path} : fichier introuvable. Vérifiez le chemin du pipeline.") from None
    except UnicodeDecodeError as e:
        raise YamlReadError(f"{path} : le fichier n'est pas en UTF-8 (octet {e.start}). "
                            "Enregistrez-le en UTF-8.") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f", ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        problem = _translate(e.problem or e.context or "syntaxe invalide")
        raise YamlReadError(f"{path}{where} : YAML illisible ({problem}). Vérifiez l'indentation "
                            "(espaces, pas de tabulations), les « : » et les guillemets à cet endroit.") from None
    except yaml.YAMLError as e:
        raise YamlReadError(f"{path} : YAML illisible ({e}).") from None
    if root is None:
        raise YamlReadError(f"{path} : le fichier est vide. Décrivez le pipeline (voir pipelines/hebdomadaire.yaml).")
    positions: dict[tuple, Position] = {}
    value = _build(root, (), positions, path)
    return value, positions


def _pos(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: yaml.Node, at: tuple, positions: dict, path: Path):
    positions.setdefault(at, _pos(node))
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = yaml.SafeLoader(" ").construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                p = _pos(key_node)
                raise YamlReadError(f"{path}, ligne {p.line}, colonne {p.column} : une clé doit être un simple mot "
                                    "(ex. « source: »). Corrigez cette clé.")
            if key in out:
                p = _pos(key_node)
                raise YamlReadError(f"{path}, ligne {p.line}, colonne {p.column} : la clé « {key} » apparaît deux fois. "
                                    "Supprimez l'une des deux.")
            positions[at + (key,)] = _pos(key_node)
            positions[at + (key, "=")] = _pos(value_node)
            out[key] = _build(value_node, at + (key,), positions, path)
            positions[at + (key,)] = _pos(key_node)  # the key, not the value, for messages
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, at + (i,), positions, path) for i, item in enumerate(node.value)]
    return yaml.SafeLoader(" ").construct_object(node)


_PROBLEMS = {
    "found character '\\t' that cannot start any token": "tabulation interdite",
    "mapping values are not allowed here": "« : » inattendu",
    "could not find expected ':'": "« : » manquant",
    "found undefined alias": "alias non défini",
    "did not find expected key": "clé attendue",
    "did not find expected '-' indicator": "« - » attendu",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet non fermé ?)",
    "expected <block end>, but found '-'": "élément de liste mal indenté",
}


def _translate(problem: str) -> str:
    for en, fr in _PROBLEMS.items():
        if problem.startswith(en):
            return fr
    return problem
