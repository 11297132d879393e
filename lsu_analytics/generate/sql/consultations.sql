-- Comptes des responsables et consultations.
-- Enseignants : bilans de leur classe ou de l'année précédente de leurs élèves (toujours visibles, VIS-01).
-- Familles : bilans publiés, pendant que le compte est actif (VIS-02).

CREATE OR REPLACE TABLE comptes_responsables AS
WITH c AS (
    SELECT g.k, g.eleve_id, j.j, g.k * 2 + j.j AS cpt,
           make_timestamp(getvariable('c') - least(g.lvl_c, 2), 9, 1, 0, 0, 0) AS debut
    FROM g_eleve g, (SELECT unnest([0, 1]) AS j) j
    WHERE rnd2('cpt', g.k, j.j) < CASE WHEN j.j = 0 THEN 0.65 ELSE 0.25 END
), a AS (
    SELECT *, debut + to_seconds(floor(rnd('cact', cpt) * (epoch(getvariable('x') - INTERVAL 20 DAY) - epoch(debut)))::BIGINT)
                  AS date_activation
    FROM c
)
SELECT 'RESP' || lpad(CAST(cpt AS VARCHAR), 10, '0') AS compte_id, eleve_id, date_activation,
       CASE WHEN rnd('cdes', cpt) < 0.05
            THEN date_activation + to_seconds(86400 + floor(rnd('cdj', cpt) * (epoch(getvariable('x')) - epoch(date_activation) - 86400))::BIGINT)
       END AS date_desactivation,
       cpt AS _ord
FROM a;

CREATE OR REPLACE TABLE consultations AS
-- Enseignant de la classe, sur un bilan de sa classe.
SELECT 'CS1' || lpad(CAST(bord AS VARCHAR), 12, '0') AS consultation_id,
       least(date_creation + to_seconds(3600 + rndi('csa', bord, 5 * 86400)), getvariable('x'), fin_annee(millesime)) AS date_consultation,
       'ENS_' || substr(classe_id, 8) AS utilisateur_id, 'ENSEIGNANT' AS profil, 'LSU' AS canal,
       classe_id AS classe_id_utilisateur, eleve_id, 'BILAN_PERIODIQUE' AS objet,
       'BP' || lpad(CAST(bord AS VARCHAR), 11, '0') AS objet_id, 1000000000000000 + bord AS _ord
FROM g_bilan WHERE rnd('csx', bord) < 0.3
UNION ALL
-- Enseignant de C-1 ou C, sur le bilan de période 1 de l'année précédente de son élève.
SELECT 'CS2' || lpad(CAST(p.k * 10 + p.y - getvariable('c') + 2 AS VARCHAR), 12, '0'),
       ea.rentree + jours(1 + rndi2('cpj', p.k, p.y, 30)) + heure('cph', p.k, p.y),
       'ENS_' || substr(p.classe_id, 8), 'ENSEIGNANT', 'LSU', p.classe_id, p.eleve_id, 'BILAN_PERIODIQUE',
       'BP' || lpad(CAST(b.bord AS VARCHAR), 11, '0'), 2000000000000000 + p.k * 10 + p.y - getvariable('c') + 2
FROM g_parcours_div p
JOIN g_etab_annee ea ON ea.uai = p.uai AND ea.y = p.y
JOIN g_bilan b ON b.k = p.k AND b.millesime = p.y - 1 AND b.indice = 1
WHERE rnd2('cpx', p.k, p.y) < 0.08
UNION ALL
-- Direction.
SELECT 'CS3' || lpad(CAST(bord AS VARCHAR), 12, '0'),
       least(date_creation + to_seconds(3600 + rndi('csd', bord, 10 * 86400)), getvariable('x'), fin_annee(millesime)),
       CASE WHEN degre = '1D' THEN 'DIR_' ELSE 'CE_' END || uai, 'DIRECTEUR', 'LSU', NULL, eleve_id, 'BILAN_PERIODIQUE',
       'BP' || lpad(CAST(bord AS VARCHAR), 11, '0'), 3000000000000000 + bord
FROM g_bilan WHERE rnd('cdx', bord) < 0.03;

-- Familles : bilans publiés, bilans de cycle verrouillés, attestations ; compte actif au moment de la consultation.
INSERT INTO consultations
WITH o AS (
    SELECT eleve_id, 'BILAN_PERIODIQUE' AS objet, 'BP' || lpad(CAST(bord AS VARCHAR), 11, '0') AS objet_id,
           date_verrou AS dispo, bord AS ord
    FROM g_bilan WHERE date_verrou IS NOT NULL
    UNION ALL
    SELECT eleve_id, 'BILAN_CYCLE', 'BC' || lpad(CAST(cord AS VARCHAR), 10, '0'), date_verrou, 5000000000000 + cord
    FROM g_bilan_cycle WHERE date_verrou IS NOT NULL
    UNION ALL
    SELECT eleve_id, 'ATTESTATION', attestation_id, date_obtention + INTERVAL 12 HOUR, 6000000000000 + _ord FROM attestations
), c AS (
    SELECT cr.compte_id, cr._ord AS cpt, cr.date_activation, cr.date_desactivation, o.*,
           greatest(o.dispo, cr.date_activation) + to_seconds(60 + rndi2('cft', cr._ord, o.ord, 20 * 86400)) AS date_consultation
    FROM comptes_responsables cr JOIN o ON o.eleve_id = cr.eleve_id
    WHERE rnd2('cfx', cr._ord, o.ord) < 0.3
)
SELECT 'CS4' || lpad(CAST(cpt AS VARCHAR), 10, '0') || lpad(CAST(ord AS VARCHAR), 14, '0') AS consultation_id,
       date_consultation, compte_id AS utilisateur_id, 'RESPONSABLE' AS profil, 'SERVICE_EN_LIGNE' AS canal,
       NULL AS classe_id_utilisateur, eleve_id, objet, objet_id,
       4000000000000000 + row_number() OVER (ORDER BY cpt, ord) AS _ord
FROM c
WHERE date_consultation <= getvariable('x')
  AND (date_desactivation IS NULL OR date_consultation < date_desactivation);
