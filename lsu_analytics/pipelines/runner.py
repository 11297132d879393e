"""Run a pipeline: lock the database, load if the export changed, check, compute, render, write run.json + index."""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.console import Console

from lsu_analytics.common.digest import sha256_file
from lsu_analytics.contract.vocabulary import STATUTS_ETAPE_OK, Sortie, severites_au_moins

from . import database
from .index_page import render_index
from .lock import DatabaseLock, LockBusyError
from .notify import notification_targets, notify_impossible, notify_run
from .parallel import Job, run_parallel
from .plan import ReportJob, expand_reports, fixed_steps, with_history
from .progress import RunProgress
from .record import RUN_FORMAT, StepRecord, now_iso, scrub, tool_versions, write_run_json
from .source import ResolvedSource, SourceError, resolve_source
from .spec import PipelineSpec
from .steps import DEFAULT_STEPS, fin_de_processus


class PipelineImpossible(Exception):
    """The run can't start (export not found, database locked, output not writable): exit code 2."""


@dataclass(frozen=True)
class RunOutcome:
    exit_code: int
    run_dir: Path
    record: dict


def run_pipeline(spec: PipelineSpec, *, sortie: Path | None = None, attente_s: float | None = None,
                 parallelisme: int | None = None, steps: dict | None = None,
                 console: Console | None = None) -> RunOutcome:
    """Run `spec` once. `steps` replaces entries of the step table (see steps.DEFAULT_STEPS)."""
    table = {**DEFAULT_STEPS, **(steps or {})}
    console = console or Console(stderr=True, soft_wrap=True)
    progress = RunProgress(console)
    wait = spec.attente_verrou_s if attente_s is None else attente_s
    db = spec.base.resolve()
    try:
        try:
            lock = DatabaseLock(db, wait)
            if wait:
                progress.info(f"Attente du verrou {lock.path} (au plus {wait:g} s)…")
            with lock:
                try:
                    source = resolve_source(spec.source)
                except SourceError as e:
                    raise PipelineImpossible(str(e)) from None
                run_dir = _make_run_dir(Path(sortie or spec.sortie).absolute())
                progress.info(f"Pipeline « {spec.nom} » : export {source.path} → {run_dir}")
                return _Run(spec, table, db, source, run_dir, progress, parallelisme).execute()
        except LockBusyError as e:
            raise PipelineImpossible(str(e)) from None
    except PipelineImpossible as e:
        # Nothing ran, no run folder: the recipients are told all the same (a scheduled run that cannot start).
        notify_impossible(spec, str(e), table["notification"], progress)
        raise


def _make_run_dir(root: Path) -> Path:
    try:
        root.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y-%m-%dT%H%M")
        for n in range(1, 1000):
            path = root / (stamp if n == 1 else f"{stamp}-{n}")
            try:
                path.mkdir()
                return path
            except FileExistsError:
                continue
    except OSError as e:
        raise PipelineImpossible(f"impossible de créer le dossier de sortie dans {root} ({e.strerror}). "
                                 "Vérifiez « sortie » ou --sortie et les droits d'écriture.") from None
    raise PipelineImpossible(f"trop de runs dans la même minute sous {root}.")


class _Run:
    def __init__(self, spec: PipelineSpec, table: dict, db: Path, source: ResolvedSource, run_dir: Path,
                 progress: RunProgress, parallelisme: int | None):
        self.spec, self.table, self.db, self.source, self.run_dir = spec, table, db, source, run_dir
        self.progress = progress
        cpus = os.cpu_count() or 1
        # Never more report processes than cores: each one runs a kernel.
        self.workers = max(1, min(parallelisme or spec.parallelisme or cpus, cpus))
        self.steps: list[StepRecord] = fixed_steps()
        if spec.historique is not None:
            self.steps.append(StepRecord("historisation", "historisation", "Historisation de l'extraction",
                                         depend_de="indicateurs"))
        self.record: dict = {}
        self.anomalies: dict | None = None
        self.checked: tuple[Path, str | None] | None = None  # the controles folder and controle_id, for GX
        self.interrupted: int | None = None  # the exit code when the run was stopped from outside
        self.fault: str | None = None  # an unexpected error of the orchestrator itself

    # --- the run ---
    def execute(self) -> RunOutcome:
        started = time.monotonic()
        self.record = self._skeleton()
        try:
            by_id = {s.id: s for s in self.steps}
            self._load(by_id["chargement"])
            export = database.manifest_info(self.db)
            self.record["export"] = {k: v for k, v in (export or {}).items() if k != "chargement_id"} or None
            checked = None
            if self._ready(by_id["controles"]):
                out = self.run_dir / "controles"
                out.mkdir()
                value = self._call(by_id["controles"], self.table["controles"], self.db, out,
                                   self.spec.controles.regles, self.spec.controles.seuils,
                                   self.spec.controles.data_docs)
                by_id["controles"].produits = _files_under(out, self.run_dir)
                if isinstance(value, dict):
                    self.anomalies = value.get("anomalies")
                    checked = (out, value.get("controle_id"))
            gx_job = self._data_docs_job(by_id["data_docs"], checked)
            if self._ready(by_id["indicateurs"]):
                self._call(by_id["indicateurs"], self.table["indicateurs"], self.db, self.spec.seuil_secret)
            if "historisation" in by_id and self._ready(by_id["historisation"]):
                self._call(by_id["historisation"], self.table["historisation"], self.db, self.spec.historique,
                           self.spec.attente_verrou_s)
                if by_id["historisation"].statut == "echec":
                    by_id["historisation"].message += " Les rapports de ce run sont rendus sans historique."
            statuts = {s.id: s.statut for s in self.steps}
            reports, jobs = expand_reports(self.spec, self.db, self.run_dir, self.table["perimetres"], statuts,
                                           (export or {}).get("millesime_courant"))
            if statuts.get("historisation") == "reussi":
                with_history(jobs, self.spec.historique)
            self.steps += reports
            queued = {id(j.rec) for j in jobs}
            for rec in reports:
                if id(rec) not in queued:
                    self.progress.step_end(rec)
            self._render(jobs, gx_job)
        except (KeyboardInterrupt, SystemExit) as e:
            # Stopped (Ctrl-C, or SIGTERM from systemd turned into SystemExit by the CLI): say so in run.json.
            self.interrupted = e.code if isinstance(e, SystemExit) and isinstance(e.code, int) else 130
            raise
        except Exception as e:
            # A fault of the orchestration itself: the run folder still says what was done before it.
            self.fault = scrub(f"{type(e).__name__} : {e}")
            raise
        finally:
            self._finish(time.monotonic() - started)
        return RunOutcome(self.record["code_sortie"], self.run_dir, self.record)

    def _ready(self, rec: StepRecord) -> bool:
        dep = next(s for s in self.steps if s.id == rec.depend_de)
        if dep.statut in STATUTS_ETAPE_OK:
            return True
        rec.message = f"non exécuté : l'étape « {dep.id} » a échoué."
        self.progress.step_end(rec)
        return False

    def _call(self, rec: StepRecord, fn, *args):
        self.progress.step_start(rec)
        rec.debut = now_iso()
        t0 = time.monotonic()
        try:
            value = fn(*args)
            rec.statut = "reussi"
            if isinstance(value, dict):
                rec.details = self._with_relative_links(value)
            return value
        except Exception as e:  # noqa: BLE001 - a failed step is reported, the run goes on where it can
            rec.statut = "echec"
            rec.message = scrub(str(e) or type(e).__name__)
            rec.details = {"erreur": type(e).__name__}
            return None
        finally:
            rec.duree_s = round(time.monotonic() - t0, 3)
            self.progress.step_end(rec)

    def _load(self, rec: StepRecord) -> None:
        state_path = Path(str(self.db) + ".pipeline.json")
        version = self.record["versions"]["lsu_analytics"]
        fingerprint = self.source.fingerprint
        current = database.manifest_info(self.db)
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        # Same files, same tool, and the database still holds the load we did from them: nothing to do.
        if (current and state.get("empreinte") == fingerprint and state.get("version_outil") == version
                and state.get("chargement_id") == current["chargement_id"]):
            rec.statut = "ignore"
            rec.debut = now_iso()
            rec.duree_s = 0.0
            rec.message = "export inchangé depuis le dernier chargement (mêmes sha256) : pas de rechargement."
            rec.details = {"chargement_id": current["chargement_id"]}
            self.progress.step_end(rec)
            return
        self._call(rec, self.table["chargement"], self.source.path, self.db)
        if rec.statut == "reussi":
            loaded = database.manifest_info(self.db)
            state = {"empreinte": fingerprint, "version_outil": version,
                     "chargement_id": loaded and loaded["chargement_id"], "source": str(self.source.path)}
            tmp = state_path.with_suffix(".tmp")
            tmp.write_text(json.dumps(state, ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(tmp, state_path)

    def _data_docs_job(self, rec: StepRecord, checked: tuple[Path, str | None] | None) -> Job | None:
        """The Great Expectations step, to run beside the reports; None when it cannot or need not run."""
        if not self._ready(rec):
            return None
        if not self.spec.controles.data_docs or checked is None:
            rec.statut = "ignore"
            rec.message = "Data Docs non demandées (controles.data_docs: false)."
            self.progress.step_end(rec)
            return None
        out, controle_id = checked
        self.checked = checked
        # Alone in its worker: Great Expectations' memory goes with it instead of staying beside the kernels.
        return Job(rec.id, self.table["data_docs"], (self.db, out, controle_id, self.spec.controles.regles),
                   alone=True)

    def _data_docs_done(self, rec: StepRecord, outcome, start: str | None) -> None:
        rec.debut = start
        rec.duree_s = round(outcome.duration_s, 3)
        if outcome.ok:
            rec.statut = "reussi"
            if isinstance(outcome.value, dict):
                rec.details = self._with_relative_links(outcome.value)
            rec.produits = _files_under(self.run_dir / "controles" / "data_docs", self.run_dir)[:1]
        else:
            rec.statut = "echec"
            rec.details = {"erreur": outcome.error_type}
            rec.message = scrub(outcome.error)
        self.progress.step_end(rec)

    def _record_data_docs(self, rec: StepRecord) -> None:
        """The `controles` row of this check says whether its Data Docs exist (the GX step only reads)."""
        out, controle_id = self.checked or (None, None)
        if rec.statut in ("reussi", "echec") and controle_id:
            from lsu_analytics.check import record_outputs
            from lsu_analytics.check.outputs import outputs_json

            state = "produits" if rec.statut == "reussi" else "échec"
            record_outputs(self.db, controle_id, outputs_json(out, True, state))

    def _render(self, jobs: list[ReportJob], gx_job: Job | None = None) -> None:
        if not jobs and gx_job is None:
            return
        by_key = {j.rec.id: j for j in jobs}
        starts: dict[str, str] = {}
        gx_rec = next((s for s in self.steps if s.id == "data_docs"), None)

        def on_start(job: Job) -> None:
            starts[job.key] = now_iso()

        def on_done(outcome) -> None:
            if gx_job is not None and outcome.key == gx_job.key:
                self._data_docs_done(gx_rec, outcome, starts.get(outcome.key))
                return
            j = by_key[outcome.key]
            rec = j.rec
            rec.debut = starts.get(outcome.key)
            rec.duree_s = round(outcome.duration_s, 3)
            if outcome.ok:
                self._report_products(rec, outcome.value)
            else:
                rec.statut = "echec"
                rec.details = {"erreur": outcome.error_type}
                # A pupil report's error may quote the pupil: only its kind is kept.
                rec.message = (f"{outcome.error_type} (détail non journalisé : rapport à données personnelles)"
                               if rec.donnees_personnelles else scrub(outcome.error))
            self.progress.step_end(rec)

        queue = ([gx_job] if gx_job is not None else []) + [
            Job(j.rec.id, self.table["rapport"], (j.notebook, self.db, j.params, j.out_dir)) for j in jobs]
        workers = min(self.workers, len(queue))
        if gx_job is not None:
            self.progress.step_start(gx_rec)
        self.progress.reports_start(len(jobs), workers)
        try:
            for j in jobs:
                j.out_dir.mkdir(parents=True, exist_ok=True)
            run_parallel(queue, workers, self.spec.delai_rapport_s, on_start, on_done, at_worker_exit=fin_de_processus)
        finally:
            self.progress.reports_end()
            if gx_rec is not None:
                self._record_data_docs(gx_rec)

    def _with_relative_links(self, value: dict) -> dict:
        if isinstance(value.get("liens"), dict):
            value = {**value, "liens": {k: _relative(Path(p), self.run_dir) for k, p in value["liens"].items()}}
        return value

    def _report_products(self, rec: StepRecord, value) -> None:
        paths = [Path(p) for p in (value or {}).values() if p] if isinstance(value, dict) else []
        missing = [p for p in paths if not p.is_file()]
        html = [p for p in paths if p.suffix == ".html"]
        if missing or not html:
            rec.statut = "echec"
            rec.message = "le rendu n'a pas produit de fichier HTML." if not missing else \
                "le rendu annonce un fichier absent" + ("." if rec.donnees_personnelles else f" : {missing[0].name}")
            return
        if rec.donnees_personnelles:
            # The renderer names the file after the pupil: the run folder names it after the list position.
            stem = rec.id.split(":")[-1]
            paths = [p.replace(p.with_name(f"{rec.notebook}-{stem}{p.suffix}")) for p in paths]
        rec.statut = "reussi"
        rec.produits = [_relative(p, self.run_dir) for p in paths]

    # --- run.json, index.html ---
    def _skeleton(self) -> dict:
        spec = self.spec
        pipeline_sha = sha256_file(spec.path)
        return {
            "format": RUN_FORMAT,
            "pipeline": {"nom": spec.nom, "fichier": str(spec.path.resolve())},
            "debut": now_iso(),
            "fin": None,
            "duree_s": None,
            "issue": None,
            "code_sortie": None,
            "versions": tool_versions(),
            "machine": {"coeurs": os.cpu_count(), "processus_rapports": self.workers},
            "entrees": {
                "pipeline": {"chemin": str(spec.path.resolve()), "sha256": pipeline_sha},
                "export": {"chemin": str(self.source.path), "type": self.source.kind,
                           "selection": self.source.selection, "empreinte": self.source.fingerprint,
                           "fichiers": [{"nom": f.name, "sha256": f.sha256, "octets": f.size}
                                        for f in self.source.files]},
                "base": {"chemin": str(self.db)},
                "historique": {"chemin": str(spec.historique)} if spec.historique else None,
            },
            "parametres": {"controles": {"regles": list(spec.controles.regles) if spec.controles.regles else "toutes",
                                         "seuils": spec.controles.seuils,
                                         "echec_si": spec.controles.echec_si or "jamais",
                                         "data_docs": spec.controles.data_docs},
                           "seuil_secret": spec.seuil_secret,
                           "historique": str(spec.historique) if spec.historique else None,
                           "notifications": notification_targets(spec.notifications)},
            "export": None,
            "anomalies": None,
            "etapes": [],
        }

    def _finish(self, elapsed: float) -> None:
        code, issue = self._exit_code()
        journal = getattr(self.progress.console, "record", False)
        self.record.update({
            "fin": now_iso(), "duree_s": round(elapsed, 3), "issue": issue, "code_sortie": code,
            "anomalies": self.anomalies, "etapes": [s.as_json() for s in self.steps],
            "journal": "journal.txt" if journal else None,
        })
        if self.fault:
            self.record["erreur"] = self.fault
        self._write()
        # Told last, with the outcome and the index as written; a notification that fails is a failed step.
        try:
            sent = notify_run(self.spec, self.record, self.run_dir / "index.html", self.table["notification"],
                              self._call)
        except Exception as e:  # noqa: BLE001 - composing the message failed: the run's own outputs stand
            sent = [StepRecord("notification", "notification", "Notification", statut="echec",
                               message=scrub(f"message non composé ({type(e).__name__} : {e})"))]
        if sent:
            self.steps += sent
            if self.interrupted is None:
                code, issue = self._exit_code()
            self.record.update({"issue": issue, "code_sortie": code, "etapes": [s.as_json() for s in self.steps]})
            self._write()
        _point_latest(self.run_dir)
        failed = [s.libelle for s in self.steps if s.statut == "echec"]
        if self.interrupted is not None:
            summary = "[red]Pipeline interrompu[/]"
        else:
            summary = {Sortie.OK: "[green]Pipeline réussi[/]",
                       Sortie.ECHEC: f"[red]{len(failed)} étape(s) en échec[/] : {', '.join(failed)}",
                       Sortie.ANOMALIES: f"[yellow]{self._over_threshold()} anomalie(s) de sévérité "
                                       f"« {self.spec.controles.echec_si} » ou plus grave[/] (echec_si)"}[code]
        self.progress.info(f"{summary}. Résultats : {self.run_dir / 'index.html'} (code de sortie {code})")
        if journal:
            self.progress.console.save_text(str(self.run_dir / "journal.txt"), clear=False)

    def _write(self) -> None:
        write_run_json(self.run_dir / "run.json", self.record)
        (self.run_dir / "index.html").write_text(render_index(self.record), encoding="utf-8")

    def _exit_code(self) -> tuple[int, str]:
        if self.interrupted is not None:
            for s in self.steps:
                if s.statut == "non_execute" and not s.message:
                    s.message = "non exécuté : run interrompu."
            return self.interrupted, "interrompu"
        # A step is "non_execute" only when one before it failed: "echec" covers both.
        if self.fault or any(s.statut == "echec" for s in self.steps):
            return Sortie.ECHEC, "echec"
        if self._over_threshold():
            return Sortie.ANOMALIES, "anomalies"
        return Sortie.OK, "reussi"

    def _over_threshold(self) -> int:
        """Anomalies of the `echec_si` severity or worse (0 when no threshold)."""
        threshold = self.spec.controles.echec_si
        if not threshold or not self.anomalies:
            return 0
        worst = severites_au_moins(threshold)
        return sum(self.anomalies["par_severite"].get(s, 0) for s in worst)


def _relative(p: Path, root: Path) -> str:
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(p)


def _files_under(folder: Path, root: Path) -> list[str]:
    return sorted(_relative(p, root) for p in folder.rglob("*") if p.is_file())


def _point_latest(run_dir: Path) -> None:
    # `<sortie>/dernier` always names the last finished run (atomic swap of a symlink).
    link = run_dir.parent / "dernier"
    tmp = run_dir.parent / f".dernier.{os.getpid()}"
    try:
        if tmp.is_symlink():
            tmp.unlink()
        os.symlink(run_dir.name, tmp)
        os.replace(tmp, link)
    except OSError:
        pass
