"""The command line speaks French throughout: the texts that typer writes itself (help option, "Usage:",
section titles, defaults, parameter types, errors) are translated here, once, for every command.

typer carries its own copy of click (`typer._click`) whose texts are plain English strings, plus a few looked
up through `gettext` (`typer.core`, `typer.rich_utils`). `installer()` hooks the places they go through: the
help option, the usage line, the type beside an option (none beside a flag, which takes no value), the error
messages (`ClickException.format_message`), and points typer's gettext lookups and rich constants at this
catalogue. The test of `--help` walks every command."""
from __future__ import annotations

import gettext as stdlib_gettext
import importlib
import re
import sys

# The texts typer looks up through gettext (typer.core, typer.rich_utils).
MESSAGES = {
    "Options": "Options",
    "Arguments": "Arguments",
    "Commands": "Commandes",
    "[default: {}]": "[par défaut : {}]",
    "default: {default}": "par défaut : {default}",
    "[env var: {}]": "[variable d'environnement : {}]",
    "env var: {var}": "variable d'environnement : {var}",
    "[required]": "[requis]",
    "required": "requis",
    "(dynamic)": "(dynamique)",
    "(deprecated) ": "(obsolète) ",
    "Error": "Erreur",
    "Try [blue]'{command_path} {help_option}'[/] for help.":
        "Essayez [blue]« {command_path} {help_option} »[/] pour l'aide.",
    "Aborted!": "Interrompu.",
    "Aborted.": "Interrompu.",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
}

# typer's modules that look texts up through gettext at import or at call time.
MODULES = ("typer.core", "typer.main", "typer.rich_utils", "typer.params")
# typer's rich help: texts computed once at import.
CONSTANTES_RICH = ("DEPRECATED_STRING", "DEFAULT_STRING", "ENVVAR_STRING", "REQUIRED_LONG_STRING",
                   "ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "ERRORS_PANEL_TITLE",
                   "ABORTED_TEXT", "RICH_HELP")
# Value types shown beside each option (<str>, <int>…).
TYPES = {"str": "texte", "text": "texte", "int": "entier", "integer": "entier", "float": "nombre",
         "bool": "oui/non", "boolean": "oui/non", "path": "chemin", "file": "fichier", "directory": "dossier",
         "datetime": "date", "list[str]": "texte, répétable", "list[int]": "entier, répétable",
         "list[path]": "chemin, répétable"}
SOUS_COMMANDE = ("COMMAND [ARGS]...", "COMMANDE [ARGUMENTS]...")
AIDE = "Affiche cette aide et quitte."
USAGE = "Utilisation : "
# Error messages of typer's click, English text -> French (applied in order, on the whole message).
ERREURS = [
    (r"^Invalid value for (.+?): (.*)$", r"Valeur invalide pour \1 : \2"),
    (r"^Invalid value: (.*)$", r"Valeur invalide : \1"),
    (r"^Missing argument(.*?)\.", r"Argument manquant\1."),
    (r"^Missing option(.*?)\.", r"Option manquante\1."),
    (r"^Missing parameter: (.*)$", r"Paramètre manquant : \1"),
    (r"^Missing parameter(.*?)\.", r"Paramètre manquant\1."),
    (r"^No such option: (\S+)", r"Option inconnue : \1"),
    (r"\(Possible options: (.*)\)", r"(options possibles : \1)"),
    (r"Did you mean (.*)\?", r"Vouliez-vous dire \1 ?"),
    (r"^Got unexpected extra argument\(s\) \((.*)\)", r"Argument(s) en trop : (\1)"),
    (r"^Option (.+?) does not take a value\.", r"L'option \1 ne prend pas de valeur."),
    (r"^Option (.+?) requires an argument\.", r"L'option \1 demande une valeur."),
    (r"^Option (.+?) requires (\d+) arguments\.", r"L'option \1 demande \2 valeurs."),
    (r"^Could not open file (.+?): (.*)$", r"Impossible d'ouvrir le fichier \1 : \2"),
    (r"(.+) is not a valid integer(?: range)?\.", r"\1 n'est pas un entier valide."),
    (r"(.+) is not a valid float(?: range)?\.", r"\1 n'est pas un nombre valide."),
    (r"(.+) is not a valid boolean(.*)$", r"\1 n'est pas une valeur oui/non valide\2"),
    (r"(.+) is not one of (.*)\.$", r"\1 n'est pas l'une des valeurs \2."),
    (r"(.+) is not (.*)\.$", r"\1 n'est pas \2."),
    (r"(.+) does not exist\.$", r"\1 n'existe pas."),
    (r"(.+) is a file\.$", r"\1 est un fichier."),
    (r"(.+) is a directory\.$", r"\1 est un dossier."),
    (r"(.+) is not readable\.$", r"\1 n'est pas lisible."),
    (r"(.+) is not writable\.$", r"\1 n'est pas modifiable."),
    (r"^File ", r"Fichier "),
    (r"^Directory ", r"Dossier "),
    (r"^Path ", r"Chemin "),
    (r"Recognized values: ", r"Valeurs reconnues : "),
    (r"Input should be a valid integer.*$", r"un entier est attendu"),
    (r"Input should be a valid number.*$", r"un nombre est attendu"),
    (r"Input should be a valid boolean.*$", r"oui ou non est attendu"),
    (r"Input should be greater than or equal to (.*)$", r"valeur attendue : au moins \1"),
    (r"Input should be less than or equal to (.*)$", r"valeur attendue : au plus \1"),
    (r"Input should be greater than (.*)$", r"valeur attendue : plus de \1"),
    (r"Input should be less than (.*)$", r"valeur attendue : moins de \1"),
    (r"Input should be (.*)$", r"valeur attendue : \1"),
]


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def traduire_erreur(message: str) -> str:
    for motif, francais in ERREURS:
        message = re.sub(motif, francais, message)
    return message


def nom_de_type(label: str) -> str:
    if label.lower().startswith("list[") and label.endswith("]"):
        return nom_de_type(label[5:-1]) + ", répétable"
    if label.lower().endswith(" range"):
        return nom_de_type(label[:-6]) + " (borné)"
    return TYPES.get(label.lower(), label)


def _type_francais(display_type):
    def wrapper(self, ctx):
        text = display_type(self, ctx)
        if isinstance(text, str) and text.startswith("<") and text.endswith(">"):
            return "<" + nom_de_type(text[1:-1]) + ">"
        return text
    return wrapper


def _drapeau_sans_type(display_type_rich):
    # A flag takes no value: no type beside it (typer would write <bool>).
    def wrapper(self, ctx):
        if self.is_flag and self.metavar is None:
            return None
        return display_type_rich(self, ctx)
    return wrapper


def _format_message_francais(format_message):
    def wrapper(self):
        return traduire_erreur(format_message(self))
    return wrapper


def _init_groupe_francais(init):
    def wrapper(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if self.subcommand_metavar == SOUS_COMMANDE[0]:
            self.subcommand_metavar = SOUS_COMMANDE[1]
    return wrapper


def _aide_francaise(get_help_option):
    def wrapper(self, ctx):
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = AIDE
        return option
    return wrapper


def _usage_francais(write_usage):
    def wrapper(self, prog, args="", prefix=None):
        return write_usage(self, prog, args, USAGE if prefix is None else prefix)
    return wrapper


def _remplacer(owner, name: str, traduction) -> None:
    """owner.name = traduction(owner.name), once: installer() may run again on the patched classes."""
    original = getattr(owner, name)
    if getattr(original, "_francais", False):
        return
    wrapper = traduction(original)
    wrapper._francais = True
    setattr(owner, name, wrapper)


def installer() -> None:
    """Idempotent; called once when the CLI package is imported, before any command runs."""
    for name in MODULES:
        module = importlib.import_module(name)
        if getattr(module, "_", None) is stdlib_gettext.gettext:
            module._ = gettext
    rich_utils = sys.modules["typer.rich_utils"]
    anglais = getattr(rich_utils, "_ANGLAIS", None) or {c: getattr(rich_utils, c) for c in CONSTANTES_RICH
                                                         if hasattr(rich_utils, c)}
    rich_utils._ANGLAIS = anglais
    for constante, texte in anglais.items():
        setattr(rich_utils, constante, gettext(texte))

    core = importlib.import_module("typer.core")
    for cls in (core.TyperArgument, core.TyperOption):
        _remplacer(cls, "display_type", _type_francais)
    _remplacer(core.TyperOption, "display_type_rich", _drapeau_sans_type)
    _remplacer(core.TyperGroup, "__init__", _init_groupe_francais)
    _remplacer(importlib.import_module("typer._click.core").Command, "get_help_option", _aide_francaise)
    _remplacer(importlib.import_module("typer._click.formatting").HelpFormatter, "write_usage", _usage_francais)
    if hasattr(rich_utils, "highlighter") and hasattr(rich_utils.highlighter, "highlights"):
        rich_utils.highlighter.highlights = [h.replace("Usage: ", USAGE) for h in rich_utils.highlighter.highlights]

    exceptions = importlib.import_module("typer._click.exceptions")
    for obj in vars(exceptions).values():
        if isinstance(obj, type) and issubclass(obj, exceptions.ClickException) and "format_message" in vars(obj):
            _remplacer(obj, "format_message", _format_message_francais)
