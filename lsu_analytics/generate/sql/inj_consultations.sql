-- VIS-01 (lot 4) et VIS-02 (lot 5) : consultations ajoutées.

-- VIS-01 : un enseignant ouvre un bilan périodique d'un niveau que sa classe ne voit pas
-- (CP -> CE1..CM2 ; 6E -> 5E, 4E, 3E ; 4E -> 6E). Quasi-violation : le même enseignant ouvre le bilan de
-- fin de cycle ou une attestation de l'élève (toujours visibles).
CREATE OR REPLACE TEMP TABLE t_vis01 AS
WITH b AS (
    SELECT b.*, c.niveau,
           CASE WHEN c.niveau IN ('CE1', 'CE2', 'CM1', 'CM2') THEN 'CP'
                WHEN c.niveau IN ('5E', '4E', '3E') THEN '6E'
                WHEN c.niveau = '6E' THEN '4E' END AS niveau_enseignant
    FROM bilans_periodiques b JOIN g_pool p USING (eleve_id) JOIN classes c ON c.classe_id = b.classe_id
    WHERE p.slot = 4 AND b.millesime = getvariable('c')
), t AS (
    SELECT b.*, ct.classe_id AS classe_enseignant
    FROM b JOIN classes ct ON ct.uai = b.uai AND ct.millesime = b.millesime AND ct.niveau = b.niveau_enseignant
    QUALIFY row_number() OVER (PARTITION BY b.bilan_id ORDER BY ct.classe_id) = 1
)
SELECT *, row_number() OVER (ORDER BY rnd('vis01', bilan_id), bilan_id) AS rn,
       least(date_creation + to_seconds(3600 + rndi('v1t', bilan_id, 4 * 86400)), getvariable('x')) AS date_consultation
FROM t QUALIFY rn <= 2 * getvariable('n_inj');

INSERT INTO consultations
SELECT 'CI' || lpad(CAST(num_inj(rn) AS VARCHAR), 14, '0'), date_consultation, 'ENS_' || substr(classe_enseignant, 8),
       'ENSEIGNANT', 'LSU', classe_enseignant, eleve_id, 'BILAN_PERIODIQUE', bilan_id, 8300000000000000 + rn
FROM t_vis01;
INSERT INTO verite SELECT 'VIS-01', uai, NULL, millesime, eleve_id, classe_enseignant, 'CI' || lpad(CAST(num_inj(rn) AS VARCHAR), 14, '0')
FROM t_vis01;

INSERT INTO consultations
SELECT 'CJ' || lpad(CAST(num_inj(t.rn) AS VARCHAR), 14, '0'), t.date_consultation, 'ENS_' || substr(t.classe_enseignant, 8),
       'ENSEIGNANT', 'LSU', t.classe_enseignant, t.eleve_id, o.objet, o.id, 8300000000000000 + 100000 + t.rn
FROM t_vis01 t
JOIN (SELECT eleve_id, 'BILAN_CYCLE' AS objet, bilan_cycle_id AS id FROM bilans_cycle
      UNION ALL SELECT eleve_id, 'ATTESTATION', attestation_id FROM attestations) o ON o.eleve_id = t.eleve_id
QUALIFY row_number() OVER (PARTITION BY t.rn ORDER BY o.objet DESC, o.id) = 1;

-- VIS-02 : consultation familiale sans compte actif : avant l'activation, compte inconnu, compte d'un autre
-- élève, pile à la désactivation, après la désactivation. Quasi-violation : pile à l'activation.
CREATE OR REPLACE TEMP TABLE t_vis02_obj AS
SELECT b.eleve_id, 'BILAN_PERIODIQUE' AS objet, b.bilan_id AS id, b.uai, b.millesime, b.date_publication AS dispo
FROM bilans_periodiques b WHERE b.date_publication IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY b.eleve_id ORDER BY b.bilan_id) = 1;

CREATE OR REPLACE TEMP TABLE t_vis02 AS
WITH a AS (
    -- Comptes des élèves du lot 5 : variantes 0 (avant activation), 1 (inconnu), 2 (autre élève), 5 (quasi).
    SELECT cr.*, o.objet, o.id, o.uai, o.millesime, 'A' AS genre
    FROM comptes_responsables cr JOIN g_pool p USING (eleve_id) JOIN t_vis02_obj o USING (eleve_id)
    WHERE p.slot = 5
    UNION ALL
    -- Comptes désactivés (tout élève) : variantes 3 (pile à la désactivation), 4 (après).
    SELECT cr.*, o.objet, o.id, o.uai, o.millesime, 'D'
    FROM comptes_responsables cr JOIN t_vis02_obj o USING (eleve_id)
    WHERE cr.date_desactivation IS NOT NULL AND cr.date_desactivation + INTERVAL 1 DAY <= getvariable('x')
), r AS (
    SELECT *, row_number() OVER (PARTITION BY genre ORDER BY rnd('vis02', compte_id), compte_id) AS rn FROM a
)
SELECT *,
       CASE WHEN genre = 'A' THEN (['AVANT', 'INCONNU', 'AUTRE', 'ACTIVATION'])[(rn - 1) % 4 + 1]
            ELSE (['A_DESACTIVATION', 'APRES'])[(rn - 1) % 2 + 1] END AS variante,
       row_number() OVER (ORDER BY genre, rn) AS n
FROM r WHERE rn <= CASE WHEN genre = 'A' THEN 4 ELSE 2 END * getvariable('n_inj');

INSERT INTO consultations
SELECT 'CK' || lpad(CAST(num_inj(t.n) AS VARCHAR), 14, '0'),
       CASE t.variante WHEN 'AVANT' THEN t.date_activation - INTERVAL 2 DAY
                       WHEN 'ACTIVATION' THEN t.date_activation
                       WHEN 'A_DESACTIVATION' THEN t.date_desactivation
                       WHEN 'APRES' THEN t.date_desactivation + to_seconds(60 + rndi('v2a', t.compte_id, 86000))
                       ELSE t.date_activation + INTERVAL 1 HOUR END,
       CASE t.variante WHEN 'INCONNU' THEN 'RESP9' || lpad(CAST(t.n AS VARCHAR), 9, '0')
                       WHEN 'AUTRE' THEN CASE WHEN t.eleve_id = (SELECT eleve_id FROM comptes_responsables ORDER BY _ord LIMIT 1)
                                              THEN (SELECT max_by(compte_id, _ord) FROM comptes_responsables)
                                              ELSE (SELECT min_by(compte_id, _ord) FROM comptes_responsables) END
                       ELSE t.compte_id END,
       'RESPONSABLE', 'SERVICE_EN_LIGNE', NULL, t.eleve_id, t.objet, t.id, 8400000000000000 + t.n
FROM t_vis02 t;
INSERT INTO verite SELECT 'VIS-02', uai, NULL, millesime, eleve_id, NULL, 'CK' || lpad(CAST(num_inj(n) AS VARCHAR), 14, '0')
FROM t_vis02 WHERE variante <> 'ACTIVATION';
