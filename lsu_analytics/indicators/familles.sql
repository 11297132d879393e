-- Accès des familles (indicators.md v2). Fondés sur les élèves tous les deux.

-- COMPTES_FAMILLES_ACTIFS : élèves de C ayant au moins un compte responsable actif à X
-- (date_activation <= X et date_desactivation NULL ou > X) / élèves de C. Même rattachement et même
-- comptage qu'EFFECTIF : un élève compte une fois par périmètre et par niveau où il est inscrit.
INSERT INTO ind_attendus VALUES ('familles', 'COMPTES_FAMILLES_ACTIFS', NULL, true, true);

CREATE OR REPLACE TEMP VIEW ind_familles_eleves AS
WITH actifs AS (
    SELECT eleve_id FROM comptes_responsables
    WHERE date_activation <= (SELECT x FROM ind_params)
      AND (date_desactivation IS NULL OR date_desactivation > (SELECT x FROM ind_params))
)
SELECT NULL AS groupe, e.eleve_id, e.uai, e.niveau, e.seul, e.eleve_id IN (SELECT eleve_id FROM actifs) AS compte
FROM ind_eleves e;

INSERT INTO ind_bruts
SELECT 'COMPTES_FAMILLES_ACTIFS', NULL, niveau_perimetre, code_perimetre, niveau_scolaire, comptes, eleves
FROM ind_eleves_par_perimetre('ind_familles_eleves');

-- BP_CONSULTES_FAMILLES, par indice de période : bilans périodiques de C publiés ouverts au moins une fois
-- par une famille (consultation profil RESPONSABLE, objet BILAN_PERIODIQUE, objet_id = bilan_id) / bilans
-- périodiques de C publiés. Périmètre = uai du bilan, niveau = celui de sa classe, comme BP_VISES.
INSERT INTO ind_attendus
SELECT 'familles', 'BP_CONSULTES_FAMILLES', p.periode, true, true
FROM ind_periodes_bp p;

INSERT INTO ind_bruts
WITH consultes AS (
    SELECT objet_id AS bilan_id FROM consultations
    WHERE profil = 'RESPONSABLE' AND objet = 'BILAN_PERIODIQUE'
), par_uai AS (
    SELECT b.uai, cl.niveau, b.indice,
           count(*) FILTER (WHERE b.bilan_id IN (SELECT bilan_id FROM consultes)) AS consultes,
           count(*) AS publies
    FROM bilans_periodiques b
    LEFT JOIN classes cl ON cl.classe_id = b.classe_id
    WHERE b.millesime = (SELECT c FROM ind_params) AND b.indice IS NOT NULL
      AND b.date_publication IS NOT NULL
    GROUP BY ALL
)
SELECT 'BP_CONSULTES_FAMILLES', u.indice, p.niveau_perimetre, p.code_perimetre,
       CASE WHEN grouping(u.niveau) = 1 THEN 'TOUS' ELSE u.niveau END,
       sum(u.consultes), sum(u.publies)
FROM par_uai u
JOIN ind_perimetres p USING (uai)
GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, u.niveau, u.indice),
                        (p.niveau_perimetre, p.code_perimetre, u.indice));
