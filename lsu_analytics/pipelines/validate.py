"""Turn a pipeline YAML file into a PipelineSpec, with French errors naming the file and the line."""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from lsu_analytics.contract.vocabulary import NIVEAUX_PERIMETRE, RULE_ID, SEVERITES

from lsu_analytics.reports.notebooks import NOTEBOOKS

from .spec import ControlesSpec, CourrielSpec, NotificationsSpec, PipelineSpec, RapportSpec, SourceSpec, WebhookSpec
from .yaml_nodes import Position, YamlReadError, read_yaml

CODE = re.compile(r"^[0-9A-Za-z]{1,20}$")
ELEVE_ID = re.compile(r"^[0-9A-Za-z_.-]{1,64}$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$|^\[[0-9A-Fa-f:.]+\]$")
YES = {True, "oui", "true", "vrai"}
NO = {False, "non", "false", "faux"}

TOP_KEYS = ("nom", "source", "base", "sortie", "controles", "indicateurs", "rapports", "parallelisme", "verrou",
            "delai_rapport_s", "historique", "notifications")
NOTIFICATION_KEYS = ("courriel", "webhook")
COURRIEL_KEYS = ("serveur", "port", "starttls", "expediteur", "destinataires", "utilisateur_env", "mot_de_passe_env",
                 "certificat_ac", "delai_s")
WEBHOOK_KEYS = ("url", "url_env", "delai_s")
# Keys that would put a secret in the YAML: refused with the variable to use instead.
SECRET_KEYS = {"mot_de_passe": "mot_de_passe_env", "password": "mot_de_passe_env", "utilisateur": "utilisateur_env",
               "user": "utilisateur_env", "jeton": "url_env", "token": "url_env"}
SOURCE_KEYS = ("dossier", "zip", "plus_recent_dans")
CONTROLES_KEYS = ("regles", "seuils", "echec_si", "data_docs")
INDICATEURS_KEYS = ("seuil_secret",)
VERROU_KEYS = ("attente_s",)
RAPPORT_KEYS = ("notebook", "perimetres", "eleves", "parametres", "donnees_personnelles")
PERIMETRES_KEYS = ("niveau", "codes")
# Every mapping of the YAML and the keys it takes (docs/planification.md is tested against it).
KEYS = {"pipeline": TOP_KEYS, "source": SOURCE_KEYS, "controles": CONTROLES_KEYS, "indicateurs": INDICATEURS_KEYS,
        "verrou": VERROU_KEYS, "rapports[]": RAPPORT_KEYS, "perimetres": PERIMETRES_KEYS,
        "notifications": NOTIFICATION_KEYS, "notifications.courriel": COURRIEL_KEYS,
        "notifications.webhook": WEBHOOK_KEYS}


def _catalog() -> tuple[list[str], dict[str, int]]:
    """Rule ids and thresholds (with defaults) of the rules catalogue; empty if it can't be read."""
    try:
        from lsu_analytics.rules import load_catalog
        from lsu_analytics.rules.catalog import default_seuils

        catalog = load_catalog()
        return [r.id for r in catalog], default_seuils(catalog)
    except Exception:  # noqa: BLE001 - the check step will say what is wrong with the catalogue
        return [], {}


class PipelineSpecError(Exception):
    """An invalid pipeline file. `errors` holds one French message per problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def load_pipeline_spec(path: Path) -> PipelineSpec:
    """Read and validate a pipeline YAML file (relative paths in it are relative to the file's folder)."""
    path = Path(path)
    try:
        data, positions = read_yaml(path)
    except YamlReadError as e:
        raise PipelineSpecError([str(e)]) from None
    v = _Validator(path, positions)
    spec = v.pipeline(data)
    if v.errors:
        raise PipelineSpecError(v.errors)
    return spec


class _Validator:
    def __init__(self, path: Path, positions: dict[tuple, Position]):
        self.path = path
        self.positions = positions
        self.errors: list[str] = []
        self.base_dir = path.resolve().parent

    # --- messages ---
    def where(self, at: tuple) -> str:
        p = self.positions.get(at)
        while p is None and at:
            at = at[:-1]
            p = self.positions.get(at)
        return f"{self.path}, ligne {p.line}, colonne {p.column}" if p else str(self.path)

    def error(self, at: tuple, message: str) -> None:
        self.errors.append(f"{self.where(at)} : {message}")

    def mapping(self, value, at: tuple, name: str, keys: tuple[str, ...]) -> dict | None:
        if not isinstance(value, dict):
            self.error(at + ("=",) if at else at, f"« {name} » doit être un ensemble de clés « clé: valeur » "
                       f"({', '.join(keys)}).")
            return None
        for key in value:
            if key not in keys:
                close = difflib.get_close_matches(key, keys, n=1)
                hint = f"vouliez-vous dire « {close[0]} » ?" if close else f"clés permises : {', '.join(keys)}."
                self.error(at + (key,), f"clé inconnue « {key} » dans « {name} » ; {hint}")
        return value

    def text(self, value, at: tuple, name: str) -> str | None:
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value)
        self.error(at + ("=",), f"« {name} » doit être un texte non vide.")
        return None

    def a_path(self, value, at: tuple, name: str) -> Path | None:
        s = self.text(value, at, name)
        if s is None:
            return None
        p = Path(s).expanduser()
        return Path(os.path.normpath(p if p.is_absolute() else self.base_dir / p))

    def number(self, value, at: tuple, name: str, *, minimum: float, integer: bool = False):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= minimum
        if ok and integer and not isinstance(value, int):
            ok = False
        if not ok:
            kind = "un entier" if integer else "un nombre"
            self.error(at + ("=",), f"« {name} » doit être {kind} supérieur ou égal à {minimum:g} "
                       f"(trouvé : {value!r}).")
            return None
        return value

    def boolean(self, value, at: tuple, name: str) -> bool:
        v = value.lower() if isinstance(value, str) else value
        if v in YES:
            return True
        if v in NO:
            return False
        self.error(at + ("=",), f"« {name} » doit valoir oui ou non (trouvé : {value!r}).")
        return False

    def codes(self, value, at: tuple, name: str, pattern: re.Pattern = CODE) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            self.error(at + ("=",), f"« {name} » doit être une liste non vide, ex. [\"038\", \"073\"] "
                       "(mettez les codes entre guillemets pour garder les zéros en tête).")
            return ()
        out = []
        for i, c in enumerate(value):
            if isinstance(c, int) and not isinstance(c, bool):
                self.error(at + (i,), f"le code {c} de « {name} » est lu comme un nombre ; écrivez-le entre "
                           f"guillemets (ex. \"{c:03d}\") pour garder les zéros en tête.")
            elif isinstance(c, str) and pattern.match(c):
                out.append(c)
            else:
                self.error(at + (i,), f"valeur invalide dans « {name} » (élément {i + 1}) : lettres et chiffres "
                           "seulement.")
        return tuple(out)

    # --- sections ---
    def pipeline(self, data) -> PipelineSpec | None:
        top = self.mapping(data, (), "pipeline", TOP_KEYS)
        if top is None:
            return None
        for required in ("source", "base", "sortie"):
            if required not in top:
                self.error((), f"la clé « {required}: » manque au premier niveau. Ajoutez-la "
                           "(voir pipelines/hebdomadaire.yaml).")
        nom = self.text(top["nom"], ("nom",), "nom") if "nom" in top else self.path.stem
        source = self.source(top["source"], ("source",)) if "source" in top else None
        base = self.a_path(top["base"], ("base",), "base") if "base" in top else None
        sortie = self.a_path(top["sortie"], ("sortie",), "sortie") if "sortie" in top else None
        controles = self.controles(top.get("controles"), ("controles",))
        seuil_secret = self.indicateurs(top.get("indicateurs"), ("indicateurs",))
        rapports = self.rapports(top.get("rapports", []), ("rapports",))
        parallelisme = None
        if top.get("parallelisme", "auto") != "auto":
            parallelisme = self.number(top["parallelisme"], ("parallelisme",), "parallelisme", minimum=1,
                                       integer=True)
        attente = self.verrou(top.get("verrou"), ("verrou",))
        delai = 1800.0
        if "delai_rapport_s" in top:
            delai = self.number(top["delai_rapport_s"], ("delai_rapport_s",), "delai_rapport_s", minimum=1)
        historique = self.a_path(top["historique"], ("historique",), "historique") if "historique" in top else None
        if historique is not None and controles.regles is not None:
            # history.md: a run limited to some rules would make the others look resolved.
            self.error(("controles", "regles"), "un pipeline qui historise (« historique ») doit contrôler toutes "
                       "les règles : mettez « regles: toutes » ou retirez « historique ».")
        if historique is not None and base is not None and historique == base:
            self.error(("historique",), "« historique » doit être un autre fichier que « base » (la base est "
                       "remplacée à chaque chargement, l'historique la suit d'une extraction à l'autre).")
        notifications = self.notifications(top.get("notifications"), ("notifications",))
        if self.errors:
            return None
        return PipelineSpec(path=self.path, nom=nom, source=source, base=base, sortie=sortie, controles=controles,
                            seuil_secret=seuil_secret, rapports=rapports, parallelisme=parallelisme,
                            attente_verrou_s=attente, delai_rapport_s=delai, historique=historique,
                            notifications=notifications)

    # --- notifications ---
    def secret_keys(self, m: dict, at: tuple, name: str) -> None:
        for key in m:
            if key in SECRET_KEYS:
                self.error(at + (key,), f"« {name}.{key} » mettrait un secret dans le fichier du pipeline : écrivez "
                           f"« {SECRET_KEYS[key]}: NOM_DE_VARIABLE » et définissez cette variable d'environnement "
                           "pour le service (ex. EnvironmentFile= dans l'unité systemd).")

    def env_name(self, value, at: tuple, name: str) -> str | None:
        if isinstance(value, str) and ENV_NAME.match(value):
            return value
        self.error(at + ("=",), f"« {name} » doit être le NOM d'une variable d'environnement (lettres, chiffres, _ ; "
                   f"ex. LSU_SMTP_MOT_DE_PASSE), jamais sa valeur.")
        return None

    def notifications(self, value, at: tuple) -> NotificationsSpec:
        if value is None:
            return NotificationsSpec()
        self.secret_keys(value if isinstance(value, dict) else {}, at, "notifications")
        m = self.mapping({k: v for k, v in value.items() if k not in SECRET_KEYS} if isinstance(value, dict)
                         else value, at, "notifications", NOTIFICATION_KEYS)
        if m is None:
            return NotificationsSpec()
        if not m:
            self.error(at, "« notifications » doit contenir « courriel » et/ou « webhook ».")
        courriel = self.courriel(m["courriel"], at + ("courriel",)) if "courriel" in m else None
        webhook = self.webhook(m["webhook"], at + ("webhook",)) if "webhook" in m else None
        return NotificationsSpec(courriel=courriel, webhook=webhook)

    def courriel(self, value, at: tuple) -> CourrielSpec | None:
        if isinstance(value, dict):
            self.secret_keys(value, at, "notifications.courriel")
            value = {k: v for k, v in value.items() if k not in SECRET_KEYS}
        m = self.mapping(value, at, "notifications.courriel", COURRIEL_KEYS)
        if m is None:
            return None
        for required in ("serveur", "expediteur", "destinataires"):
            if required not in m:
                self.error(at, f"« notifications.courriel » doit contenir « {required}: » "
                           "(voir docs/planification.md).")
        serveur = self.text(m["serveur"], at + ("serveur",), "notifications.courriel.serveur") \
            if "serveur" in m else None
        if serveur is not None and not HOST.match(serveur):
            self.error(at + ("serveur", "="), f"« notifications.courriel.serveur » doit être un nom d'hôte ou une "
                       f"adresse, sans « smtp:// » ni port (trouvé : {serveur!r}) ; le port va dans « port: ».")
        starttls = self.boolean(m["starttls"], at + ("starttls",), "notifications.courriel.starttls") \
            if "starttls" in m else True
        port = 587 if starttls else 25
        if "port" in m:
            n = self.number(m["port"], at + ("port",), "notifications.courriel.port", minimum=1, integer=True)
            if n is not None and n > 65535:
                self.error(at + ("port", "="), "« notifications.courriel.port » doit être entre 1 et 65535 "
                           f"(trouvé : {n}).")
            port = n or port
        expediteur = None
        if "expediteur" in m:
            expediteur = self.text(m["expediteur"], at + ("expediteur",), "notifications.courriel.expediteur")
            if expediteur is not None and not EMAIL.match(expediteur):
                self.error(at + ("expediteur", "="), f"adresse d'expéditeur invalide {expediteur!r} (attendu : "
                           "nom@domaine.fr).")
        destinataires: list[str] = []
        if "destinataires" in m:
            d = m["destinataires"]
            if isinstance(d, str):
                d = [d]
            if not isinstance(d, list) or not d:
                self.error(at + ("destinataires", "="), "« notifications.courriel.destinataires » doit être une "
                           "adresse ou une liste d'adresses, ex. [equipe-lsu@example.org].")
            else:
                for i, a in enumerate(d):
                    if isinstance(a, str) and EMAIL.match(a):
                        destinataires.append(a)
                    else:
                        self.error(at + ("destinataires", i), f"adresse de destinataire invalide {a!r} (attendu : "
                                   "nom@domaine.fr).")
        user = self.env_name(m["utilisateur_env"], at + ("utilisateur_env",),
                             "notifications.courriel.utilisateur_env") if "utilisateur_env" in m else None
        password = self.env_name(m["mot_de_passe_env"], at + ("mot_de_passe_env",),
                                 "notifications.courriel.mot_de_passe_env") if "mot_de_passe_env" in m else None
        if (user is None) != (password is None) and not self.errors:
            self.error(at, "donnez à la fois « utilisateur_env » et « mot_de_passe_env » (ou aucun des deux : "
                       "serveur sans authentification).")
        if password is not None and not starttls:
            self.error(at + ("starttls",), "avec une authentification, « starttls » doit valoir oui : le mot de "
                       "passe ne doit pas passer en clair sur le réseau.")
        ca = self.a_path(m["certificat_ac"], at + ("certificat_ac",), "notifications.courriel.certificat_ac") \
            if "certificat_ac" in m else None
        delai = 30.0
        if "delai_s" in m:
            delai = self.number(m["delai_s"], at + ("delai_s",), "notifications.courriel.delai_s", minimum=1) or delai
        if serveur is None or expediteur is None or not destinataires:
            return None
        return CourrielSpec(serveur=serveur, port=port, starttls=starttls, expediteur=expediteur,
                            destinataires=tuple(destinataires), utilisateur_env=user, mot_de_passe_env=password,
                            certificat_ac=ca, delai_s=float(delai))

    def webhook(self, value, at: tuple) -> WebhookSpec | None:
        if isinstance(value, str):
            value = {"url": value}
        if isinstance(value, dict):
            self.secret_keys(value, at, "notifications.webhook")
            value = {k: v for k, v in value.items() if k not in SECRET_KEYS}
        m = self.mapping(value, at, "notifications.webhook", WEBHOOK_KEYS)
        if m is None:
            return None
        if ("url" in m) == ("url_env" in m):
            self.error(at, "« notifications.webhook » doit contenir soit « url: https://… », soit « url_env: "
                       "NOM_DE_VARIABLE » (une URL qui contient un jeton doit venir d'une variable d'environnement).")
            return None
        url = url_env = None
        if "url" in m:
            url = self.text(m["url"], at + ("url",), "notifications.webhook.url")
            if url is not None and not re.match(r"^https?://[^/\s]+", url):
                self.error(at + ("url", "="), f"« notifications.webhook.url » doit commencer par https:// ou http:// "
                           f"(trouvé : {url!r}).")
                url = None
        else:
            url_env = self.env_name(m["url_env"], at + ("url_env",), "notifications.webhook.url_env")
        delai = 15.0
        if "delai_s" in m:
            delai = self.number(m["delai_s"], at + ("delai_s",), "notifications.webhook.delai_s", minimum=1) or delai
        if url is None and url_env is None:
            return None
        return WebhookSpec(url=url, url_env=url_env, delai_s=float(delai))

    def source(self, value, at: tuple) -> SourceSpec | None:
        if isinstance(value, str):
            self.error(at + ("=",), "« source » doit préciser le type : « dossier: CHEMIN », « zip: FICHIER.zip » "
                       "ou « plus_recent_dans: DOSSIER » (le sous-dossier ou .zip le plus récent).")
            return None
        m = self.mapping(value, at, "source", SOURCE_KEYS)
        if m is None:
            return None
        given = [k for k in SOURCE_KEYS if k in m]
        if len(given) != 1:
            self.error(at, "« source » doit contenir exactement une des clés « dossier », « zip » ou "
                       "« plus_recent_dans ».")
            return None
        key = given[0]
        p = self.a_path(m[key], at + (key,), f"source.{key}")
        if p is None:
            return None
        if key == "zip" and p.suffix.lower() != ".zip":
            self.error(at + (key, "="), f"« source.zip » doit désigner un fichier .zip (trouvé : {p.name}).")
        return SourceSpec({"dossier": "dossier", "zip": "zip", "plus_recent_dans": "plus_recent"}[key], p)

    def controles(self, value, at: tuple) -> ControlesSpec:
        if value is None:
            return ControlesSpec()
        m = self.mapping(value, at, "controles", CONTROLES_KEYS)
        if m is None:
            return ControlesSpec()
        regles = None
        r = m.get("regles", "toutes")
        if r != "toutes":
            if not isinstance(r, list) or not r:
                self.error(at + ("regles", "="), "« controles.regles » doit valoir « toutes » ou une liste "
                           "d'identifiants de règles, ex. [PER-01, HIS-02].")
            else:
                known = _catalog()[0]
                for i, rid in enumerate(r):
                    if not isinstance(rid, str) or not RULE_ID.match(rid):
                        self.error(at + ("regles", i), f"identifiant de règle invalide {rid!r} : attendu comme "
                                   "« PER-01 » (voir shared/spec/rules.md).")
                    elif known and rid not in known:
                        self.error(at + ("regles", i), f"règle inconnue « {rid} » ; règles disponibles : "
                                   f"{', '.join(known)}.")
                regles = tuple(str(x) for x in r)
        seuils = {}
        if "seuils" in m:
            s = m["seuils"]
            if not isinstance(s, dict):
                self.error(at + ("seuils", "="), "« controles.seuils » doit être un ensemble « nom: jours », "
                           "ex. « jours_parametrage: 45 ».")
            else:
                known = _catalog()[1]
                for k, v in s.items():
                    if known and k not in known:
                        self.error(at + ("seuils", k), f"seuil inconnu « {k} » ; seuils disponibles : "
                                   + ", ".join(f"{n} (défaut {d})" for n, d in sorted(known.items())) + ".")
                    elif self.number(v, at + ("seuils", k), f"controles.seuils.{k}", minimum=0,
                                     integer=True) is not None:
                        seuils[k] = v
        echec_si = None
        if "echec_si" in m:
            e = m["echec_si"]
            allowed = ("jamais",) + SEVERITES
            if e not in allowed:
                self.error(at + ("echec_si", "="), f"« controles.echec_si » doit valoir {', '.join(allowed)} "
                           f"(trouvé : {e!r}).")
            elif e != "jamais":
                echec_si = e
        data_docs = self.boolean(m["data_docs"], at + ("data_docs",), "controles.data_docs") \
            if "data_docs" in m else True
        return ControlesSpec(regles=regles, seuils=seuils, echec_si=echec_si, data_docs=data_docs)

    def indicateurs(self, value, at: tuple) -> int:
        if value is None:
            return 4
        m = self.mapping(value, at, "indicateurs", INDICATEURS_KEYS)
        if m is None or "seuil_secret" not in m:
            return 4
        n = self.number(m["seuil_secret"], at + ("seuil_secret",), "indicateurs.seuil_secret", minimum=0,
                        integer=True)
        return 4 if n is None else n

    def verrou(self, value, at: tuple) -> float:
        if value is None:
            return 0.0
        m = self.mapping(value, at, "verrou", VERROU_KEYS)
        if m is None or "attente_s" not in m:
            return 0.0
        n = self.number(m["attente_s"], at + ("attente_s",), "verrou.attente_s", minimum=0)
        return 0.0 if n is None else float(n)

    def rapports(self, value, at: tuple) -> tuple[RapportSpec, ...]:
        if not isinstance(value, list):
            self.error(at + ("=",), "« rapports » doit être une liste (chaque élément commence par « - notebook: »).")
            return ()
        return tuple(r for i, item in enumerate(value) if (r := self.rapport(item, at + (i,))) is not None)

    def rapport(self, value, at: tuple) -> RapportSpec | None:
        m = self.mapping(value, at, "rapports[]", RAPPORT_KEYS)
        if m is None:
            return None
        line = self.positions.get(at, Position(0, 0)).line
        if "notebook" not in m:
            self.error(at, f"chaque rapport doit nommer son notebook (« notebook: » parmi {', '.join(NOTEBOOKS)}).")
            return None
        nb = m["notebook"]
        traits = NOTEBOOKS.get(nb)
        if traits is None:
            close = difflib.get_close_matches(str(nb), NOTEBOOKS, n=1)
            hint = f"vouliez-vous dire « {close[0]} » ?" if close else f"notebooks connus : {', '.join(NOTEBOOKS)}."
            self.error(at + ("notebook", "="), f"notebook inconnu « {nb} » ; {hint}")
            return None
        parametres = {}
        if "parametres" in m:
            if not isinstance(m["parametres"], dict):
                self.error(at + ("parametres", "="), "« parametres » doit être un ensemble « nom: valeur ».")
            else:
                parametres = dict(m["parametres"])
                for k in ("db", "niveau_perimetre", "code_perimetre", "eleve_id", "ine"):
                    if k in parametres:
                        self.error(at + ("parametres", k), f"le paramètre « {k} » est fixé par le pipeline ; "
                                   "retirez-le de « parametres ».")
        perso = self.boolean(m["donnees_personnelles"], at + ("donnees_personnelles",), "donnees_personnelles") \
            if "donnees_personnelles" in m else False
        if traits.par_perimetre:
            if "eleves" in m:
                self.error(at + ("eleves",), f"« eleves » ne s'applique qu'au notebook diagnostic_eleve, pas à {nb}.")
            if "perimetres" not in m:
                self.error(at, f"le rapport {nb} doit dire pour quels périmètres : « perimetres: academie » (chaque "
                           "académie de l'export) ou « perimetres: {niveau: departement, codes: [\"038\"]} ».")
                return None
            niveau, codes = self.perimetres(m["perimetres"], at + ("perimetres",))
            if niveau is None:
                return None
            return RapportSpec(nb, niveau=niveau, codes=codes, parametres=parametres, donnees_personnelles=perso,
                               line=line)
        # A pupil diagnosis shows personal data: the schedule must ask for it in so many words.
        if "perimetres" in m:
            self.error(at + ("perimetres",), f"« perimetres » ne s'applique pas au notebook {nb} ; utilisez « eleves ».")
        if not perso:
            self.error(at, f"le notebook {nb} affiche des données personnelles : les pipelines planifiés ne le "
                       "produisent que si vous l'écrivez explicitement (« donnees_personnelles: oui »).")
        if "eleves" not in m:
            self.error(at, f"le notebook {nb} demande la liste des élèves (« eleves: [identifiants eleve_id] »).")
            return None
        eleves = self.codes(m["eleves"], at + ("eleves",), "eleves", ELEVE_ID)
        return RapportSpec(nb, eleves=eleves, parametres=parametres, donnees_personnelles=True, line=line)

    def perimetres(self, value, at: tuple) -> tuple[str | None, tuple[str, ...] | None]:
        if isinstance(value, str):
            if value not in NIVEAUX_PERIMETRE:
                self.error(at + ("=",), f"niveau de périmètre inconnu « {value} » ; niveaux : "
                           f"{', '.join(NIVEAUX_PERIMETRE)}.")
                return None, None
            return value, None
        m = self.mapping(value, at, "perimetres", PERIMETRES_KEYS)
        if m is None:
            return None, None
        if "niveau" not in m:
            self.error(at, f"« perimetres » doit dire le niveau (« niveau: » parmi {', '.join(NIVEAUX_PERIMETRE)}).")
            return None, None
        niveau, _ = self.perimetres(m["niveau"], at + ("niveau",))
        codes = None
        if "codes" in m and m["codes"] not in ("tous", "toutes"):
            codes = self.codes(m["codes"], at + ("codes",), "perimetres.codes")
        return niveau, codes
