"""`read_import`: one streaming pass over an LSU import file, mapping it to the contract's tables.

Identifiers are the file's own ids prefixed by the UAI of the header (`0382032C:EL_01`), so
files of different schools never collide (docs/choix.md)."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from lsu_analytics.contract import DOMAINES_SOCLE, TABLES
from lsu_analytics.contract.vocabulary import UAI_PATTERN

from . import values
from .content import EXTRA_SCHEMAS, MAPPED_TABLES, ImportContent, Rows, contract_schema
from .errors import ERREUR, Problem
from .safe_reader import MAX_XSD_ERRORS, SafeStream, check_well_formed, release
from .structure import StructureChecks
from .xsd import configured_xsd, load_schema

NS = "urn:fr:edu:scolarite:lsun:bilans:import"
SCHEMA_VERSIONS = ("2.0", "3.0")
CYCLES = TABLES["bilans_cycle"].column("cycle").codes
POSITIONNEMENTS = TABLES["acquis"].column("positionnement").codes
_UAI = re.compile(UAI_PATTERN)
_MILLESIME = re.compile(r"^[0-9]{4}$")


def q(name: str) -> str:
    return f"{{{NS}}}{name}"


_DONNEES = q("donnees")
_LISTE_ACQUIS, _ACQUIS, _APPRECIATION = q("liste-acquis"), q("acquis"), q("appreciation")
_VIE_SCOLAIRE, _COMMENTAIRE, _ACQUIS_CONSEILS = q("vie-scolaire"), q("commentaire"), q("acquis-conseils")
_SOCLE, _DOMAINE = q("socle"), q("domaine")


def read_import(path: Path, xsd: Path | None = None) -> ImportContent:
    """Read one LSU import file (safely, in a stream). Validates it against the XSD when one is
    given (or set in $LSU_XSD); always applies the project's own structural checks.
    Raises XmlImportError when the file is refused outright (DTD, malformed, not found)."""
    path = Path(path)
    xsd_path = configured_xsd(xsd)
    schema = load_schema(xsd_path) if xsd_path is not None else None
    builder = _Builder(path)
    stream = SafeStream(path, schema)
    for elem in stream:
        if builder.stopped:
            break  # not an LSU file: nothing more to learn from it
        builder.handle(elem)
    content = builder.content(stream, xsd_path)
    if schema is not None and content.errors:
        check_well_formed(path)  # the errors a schema reports on a malformed file are invented: malformed first
    return content


class _Builder:
    def __init__(self, path: Path):
        self.path = path
        self.checks = StructureChecks()
        self.uai: str | None = None
        self.schema_version: str | None = None
        self.started = False
        self.stopped = False
        self.root_line = 1
        self.seen_donnees = False
        self.rows = {name: Rows(contract_schema(name)) for name in MAPPED_TABLES if name != "classes"}
        self.classes: dict[str, dict] = {}
        self.extras = {name: Rows(schema) for name, schema in EXTRA_SCHEMAS.items()}
        self.eleves: dict[str, str] = {}  # id -> code-division
        self.periodes: dict[str, tuple[int, int, int, str]] = {}  # id -> (millesime, indice, nb, periodicite)
        self.disciplines: dict[str, tuple[str, str]] = {}  # id -> (code, modalite-election)
        self.handlers: dict[str, Callable] = {
            q("etablissement"): self.etablissement, q("responsable-etab"): self.responsable_etab,
            q("eleve"): self.eleve, q("periode"): self.periode, q("discipline"): self.discipline,
            q("enseignant"): self.enseignant, q("bilan-periodique"): self.bilan_periodique,
            q("bilan-cycle"): self.bilan_cycle,
        }

    # -- dispatch ---------------------------------------------------------------------------
    def handle(self, elem) -> None:
        if not self.started:
            self.started = True
            self.root(elem.getroottree().getroot())
            if self.stopped:
                return
        handler = self.handlers.get(elem.tag)
        if handler is not None:
            handler(elem)
            release(elem)
            return
        if elem.tag == _DONNEES:
            self.seen_donnees = True
        parent = elem.getparent()
        if parent is not None and parent.getparent() is not None and parent.getparent().tag == _DONNEES:
            release(elem)  # an item of a section we do not map (EPI, parcours...): free it

    def root(self, root) -> None:
        self.root_line = root.sourceline or 1
        tag = etree.QName(root)
        if tag.localname != "lsun-bilans" or tag.namespace != NS:
            found = f"<{tag.localname}>" + (f" (espace de noms {tag.namespace})" if tag.namespace else
                                             " (sans espace de noms)")
            self.checks.error(self.root_line, f"racine {found} : un fichier d'import LSU commence par "
                                              f"<lsun-bilans xmlns=\"{NS}\">.")
            self.stopped = True
            return
        self.schema_version = root.get("schemaVersion")
        if self.schema_version not in SCHEMA_VERSIONS:
            self.checks.error(self.root_line, f"schemaVersion=\"{self.schema_version or ''}\" : versions acceptées "
                                              f"par LSU : {', '.join(SCHEMA_VERSIONS)}.")

    def prefix(self, ident: str | None) -> str:
        return f"{self.uai or 'UAI_ABSENTE'}:{ident}"

    # -- header and referentials -----------------------------------------------------------------
    def etablissement(self, elem) -> None:
        if etree.QName(elem.getparent()).localname != "entete":
            return
        self.uai = (elem.text or "").strip()
        if not _UAI.match(self.uai):
            self.checks.error(elem.sourceline, f"entete/etablissement=\"{self.uai}\" : un UAI fait 7 chiffres "
                                               "et 1 lettre majuscule (ex. 0382032C).")
        self.rows["etablissements"].append(uai=self.uai)

    def responsable_etab(self, elem) -> None:
        self.checks.declare("responsable-etab", elem.get("id"), elem.sourceline)

    def eleve(self, elem) -> None:
        line, ident = elem.sourceline, elem.get("id")
        if not self.checks.declare("eleve", ident, line):
            return
        self.checks.unique("élève (id-be)", (elem.get("id-be"),), line)
        code_division = elem.get("code-division")
        if not code_division:
            self.checks.error(line, f"élève {ident} sans code-division.")
        self.eleves[ident] = code_division
        self.rows["eleves"].append(eleve_id=self.prefix(ident), nom=elem.get("nom"), prenom=elem.get("prenom"))

    def periode(self, elem) -> None:
        line, ident = elem.sourceline, elem.get("id")
        if not self.checks.declare("periode", ident, line):
            return
        millesime, indice, nb = elem.get("millesime"), elem.get("indice"), elem.get("nb-periodes")
        try:
            if not _MILLESIME.match(millesime or ""):
                raise ValueError
            millesime, indice, nb = int(millesime), int(indice), int(nb)
        except (TypeError, ValueError):
            self.checks.error(line, f"période {ident} : millesime (4 chiffres), indice et nb-periodes (entiers) "
                                    "sont obligatoires.")
            return
        if not 1 <= indice <= nb:
            self.checks.error(line, f"période {ident} : indice {indice} hors de 1..{nb} (nb-periodes).")
        self.checks.unique("période (millesime, indice, nb-periodes)", (millesime, indice, nb), line)
        periodicite = values.periodicite(nb)
        self.periodes[ident] = (millesime, indice, nb, periodicite)
        self.rows["periodes"].append(uai=self.uai, millesime=millesime, periodicite=periodicite, nb_periodes=nb,
                                     indice=indice)

    def discipline(self, elem) -> None:
        line, ident = elem.sourceline, elem.get("id")
        if not self.checks.declare("discipline", ident, line):
            return
        modalite = elem.get("modalite-election")
        self.checks.unique("discipline (code, modalite-election)", (elem.get("code"), modalite), line)
        # The national code when the file gives one (`code` may be an academic code such as 100A00).
        self.disciplines[ident] = (elem.get("code-national") or elem.get("code"), modalite)

    def enseignant(self, elem) -> None:
        line, ident = elem.sourceline, elem.get("id")
        if not self.checks.declare("enseignant", ident, line):
            return
        self.checks.unique("enseignant (type, id-sts)", (elem.get("type"), elem.get("id-sts")), line)
        personnel_id = self.prefix(ident)
        nom, prenom = elem.get("nom"), elem.get("prenom")
        self.rows["personnels"].append(personnel_id=personnel_id, uai=self.uai, role="ENSEIGNANT", nom=nom, prenom=prenom)
        self.extras["xml_enseignants"].append(personnel_id=personnel_id, uai=self.uai, enseignant_ref=ident,
                                              id_sts=elem.get("id-sts"), type=elem.get("type"), nom=nom, prenom=prenom)

    # -- reports ----------------------------------------------------------------------------------
    def _dates(self, elem, names: dict[str, Callable]) -> dict:
        out = {}
        for name, convert in names.items():
            try:
                out[name] = convert(elem.get(name))
            except ValueError:
                self.checks.error(elem.sourceline, f"{name}=\"{elem.get(name)}\" n'est pas une date (AAAA-MM-JJ).")
                out[name] = None
        return out

    def _enseignant_refs(self, elem, attribute: str, required: bool) -> list[str]:
        refs = (elem.get(attribute) or "").split()
        if required and not refs:
            self.checks.error(elem.sourceline, f"attribut {attribute} manquant.")
        for ref in refs:
            self.checks.refer("enseignant", ref, attribute, elem.sourceline)
        return refs

    def bilan_periodique(self, elem) -> None:
        line = elem.sourceline
        eleve_ref, periode_ref = elem.get("eleve-ref"), elem.get("periode-ref")
        self.checks.refer("eleve", eleve_ref, "eleve-ref", line)
        self.checks.refer("periode", periode_ref, "periode-ref", line)
        self.checks.unique("bilan périodique (élève, période)", (eleve_ref, periode_ref), line)
        dates = self._dates(elem, {"date-conseil-classe": values.to_date, "date-scolarite": values.to_date,
                                   "date-verrou": values.to_timestamp})
        enseignants = self._enseignant_refs(elem, "prof-princ-refs", required=False)
        millesime, indice, nb, periodicite = self.periodes.get(periode_ref, (None, None, None, None))
        code_division = self.eleves.get(eleve_ref)
        bilan_id = f"{self.prefix(eleve_ref)}:{periode_ref}"
        classe_id = self._classe(millesime, code_division)

        acquis_codes: dict[str, str] = {}
        for acquis in elem.iterchildren(_LISTE_ACQUIS):
            for item in acquis.iterchildren(_ACQUIS):
                enseignants += self._enseignant_refs(item, "enseignant-refs", required=True)
                self._acquis(item, bilan_id, acquis_codes)

        vie_scolaire = elem.find(_VIE_SCOLAIRE)
        vie_scolaire_renseignee = vie_scolaire is not None and (
            values.has_text(vie_scolaire.find(_COMMENTAIRE))
            or any(_positive(vie_scolaire.get(a)) for a in
                   ("nb-retards", "nb-abs-justifiees", "nb-abs-injustifiees", "nb-heures-manquees")))
        self.rows["bilans_periodiques"].append(
            bilan_id=bilan_id, eleve_id=self.prefix(eleve_ref), classe_id=classe_id, uai=self.uai, millesime=millesime,
            periodicite=periodicite, indice=indice, nb_periodes=nb, mode_creation="IMPORT",
            date_verrou=dates["date-verrou"], synthese_renseignee=values.has_text(elem.find(_ACQUIS_CONSEILS)),
            vie_scolaire_renseignee=vie_scolaire_renseignee)
        self.extras["xml_bilans"].append(
            bilan_id=bilan_id, type_bilan="periodique", uai=self.uai, eleve_ref=eleve_ref, periode_ref=periode_ref,
            code_division=code_division, millesime=millesime, indice=indice, nb_periodes=nb,
            date_conseil_classe=dates["date-conseil-classe"], date_scolarite=dates["date-scolarite"], ligne=line)
        self._bilan_enseignants(bilan_id, enseignants)

    def _acquis(self, item, bilan_id: str, codes: dict[str, str]) -> None:
        line, ref = item.sourceline, item.get("discipline-ref")
        self.checks.refer("discipline", ref, "discipline-ref", line)
        if ref in codes.values():  # a handful of subjects per bilan
            self.checks.error(line, f"discipline {ref} en double dans le même bilan.")
            return
        code, modalite = self.disciplines.get(ref, (ref, None))
        if code in codes:
            # Same subject under two options (e.g. LV1 as S and F): the later one is suffixed.
            self.checks.warning(line, f"code matière {code} déjà présent dans ce bilan ({codes[code]}) : "
                                      f"{ref} est chargé sous le code {code}:{modalite}.")
            code = f"{code}:{modalite}"
        codes[code] = ref
        moyenne = None
        if not values.is_true(item.get("eleve-non-note")):
            try:
                moyenne = values.moyenne_sur_20(item.get("moyenne-eleve"))
            except ValueError:
                self.checks.warning(line, f"moyenne-eleve=\"{item.get('moyenne-eleve')}\" illisible "
                                          "(attendu : 12, 12.5 ou 12/20) : chargée vide.")
        positionnement = item.get("positionnement")
        if positionnement is not None and positionnement not in POSITIONNEMENTS:
            self.checks.error(line, f"positionnement=\"{positionnement}\" : attendu 1, 2, 3 ou 4.")
            positionnement = None
        nb_elements = len((item.get("element-programme-refs") or "").split())
        self.rows["acquis"].append(bilan_id=bilan_id, discipline_code=code, positionnement=positionnement,
                                  moyenne_eleve=moyenne, nb_elements_programme=nb_elements,
                                  appreciation_renseignee=values.has_text(item.find(_APPRECIATION)))

    def bilan_cycle(self, elem) -> None:
        line, eleve_ref = elem.sourceline, elem.get("eleve-ref")
        self.checks.refer("eleve", eleve_ref, "eleve-ref", line)
        try:
            cycle = int(elem.get("cycle"))
            millesime = elem.get("millesime") or ""
            if not _MILLESIME.match(millesime):
                raise ValueError
            millesime = int(millesime)
        except (TypeError, ValueError):
            self.checks.error(line, "bilan de cycle : cycle (entier) et millesime (4 chiffres) obligatoires.")
            return
        if cycle not in CYCLES:
            self.checks.error(line, f"bilan de cycle : cycle {cycle} inconnu (attendu : 2, 3 ou 4).")
            return
        self.checks.unique("bilan de cycle (élève, cycle)", (eleve_ref, cycle), line)
        dates = self._dates(elem, {"date-creation": values.to_timestamp, "date-verrou": values.to_timestamp})
        enseignants = self._enseignant_refs(elem, "prof-princ-refs", required=False)
        bilan_id = f"{self.prefix(eleve_ref)}:C{cycle}"
        self.rows["bilans_cycle"].append(bilan_cycle_id=bilan_id, eleve_id=self.prefix(eleve_ref), uai=self.uai,
                                        cycle=cycle, millesime=millesime, date_creation=dates["date-creation"],
                                        date_verrou=dates["date-verrou"])
        domaines: set[str] = set()
        for socle in elem.iterchildren(_SOCLE):
            for domaine in socle.iterchildren(_DOMAINE):
                code, position = domaine.get("code"), domaine.get("positionnement")
                if code not in DOMAINES_SOCLE or code in domaines:
                    self.checks.error(domaine.sourceline, f"domaine du socle \"{code}\" inconnu ou en double.")
                    continue
                if position not in ("0", "1", "2", "3", "4"):
                    self.checks.error(domaine.sourceline, f"positionnement=\"{position}\" du domaine {code} : "
                                                          "attendu 0 à 4.")
                    continue
                domaines.add(code)
                self.rows["bilans_cycle_socle"].append(bilan_cycle_id=bilan_id, domaine_code=code,
                                                        positionnement=int(position))
        code_division = self.eleves.get(eleve_ref)
        self._classe(millesime, code_division)
        self.extras["xml_bilans"].append(bilan_id=bilan_id, type_bilan="cycle", uai=self.uai, eleve_ref=eleve_ref,
                                         cycle=cycle, code_division=code_division, millesime=millesime, ligne=line)
        self._bilan_enseignants(bilan_id, enseignants)

    def _classe(self, millesime: int | None, code_division: str | None) -> str | None:
        """The minimal class a report points at: the pupil's code-division for that year."""
        if millesime is None or not code_division:
            return None
        classe_id = f"{self.uai}:{millesime}:{code_division}"
        if classe_id not in self.classes:
            self.classes[classe_id] = dict(classe_id=classe_id, uai=self.uai, millesime=millesime,
                                           code_division=code_division)
        return classe_id

    def _bilan_enseignants(self, bilan_id: str, refs: list[str]) -> None:
        for ref in dict.fromkeys(refs):
            self.extras["xml_bilan_enseignants"].append(bilan_id=bilan_id, enseignant_ref=ref)

    # -- result -----------------------------------------------------------------------------------
    def content(self, stream: SafeStream, xsd_path: Path | None) -> ImportContent:
        if not self.stopped:
            if not self.started and not stream.xsd_errors:
                self.checks.error(1, "aucun élément : le fichier est vide.")
            elif self.uai is None:
                self.checks.error(self.root_line, "entete/etablissement (UAI) absent.")
            elif not self.seen_donnees:
                self.checks.error(self.root_line, "élément donnees absent.")
        problems = self.checks.finish()
        problems += [Problem(line, ERREUR, "XSD", message) for line, message in stream.xsd_errors]
        if stream.too_many_errors:
            problems.append(Problem(0, ERREUR, "XSD", f"plus de {MAX_XSD_ERRORS} violations du XSD : lecture arrêtée. "
                                    "Ce fichier n'est pas un fichier d'import LSU valide."))
        problems.sort(key=lambda p: p.ligne)
        tables = {name: rows.to_frame() for name, rows in self.rows.items()}
        classes = Rows(contract_schema("classes"))
        for classe in self.classes.values():
            classes.append(**classe)
        tables["classes"] = classes.to_frame()
        extras = {name: rows.to_frame() for name, rows in self.extras.items()}
        return ImportContent(path=self.path, uai=self.uai, schema_version=self.schema_version, xsd=xsd_path,
                             tables={name: tables[name] for name in MAPPED_TABLES}, extras=extras,
                             problems=problems)


def _positive(text: str | None) -> bool:
    try:
        return text is not None and int(text) > 0
    except ValueError:
        return False
