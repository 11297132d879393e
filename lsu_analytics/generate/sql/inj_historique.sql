-- HIS-01 et HIS-02 (lots 1 et 2).

-- HIS-01 : bilans d'une année antérieure créés l'année suivante (dont pile le 1er septembre à 00:00:00).
CREATE OR REPLACE TEMP TABLE t_his01 AS
WITH c AS (
    SELECT 'BP' AS genre, b.bilan_id AS id, b.uai, b.millesime, b.eleve_id, b.classe_id
    FROM bilans_periodiques b JOIN g_pool p USING (eleve_id)
    WHERE p.slot = 1 AND b.millesime < getvariable('c')
    UNION ALL
    SELECT 'BC', b.bilan_cycle_id, b.uai, b.millesime, b.eleve_id, NULL
    FROM bilans_cycle b JOIN g_pool p USING (eleve_id)
    WHERE p.slot = 1 AND b.millesime < getvariable('c')
)
SELECT *, CASE WHEN rn % 2 = 1 THEN make_timestamp(millesime + 1, 9, 1, 0, 0, 0)
               ELSE make_timestamp(millesime + 1, 10, 2, 0, 0, 0) + jours(rndi('h1j', id, 90)) + heure('h1h', id, 0) END
           AS date_creation
FROM (
    SELECT *, row_number() OVER (PARTITION BY genre ORDER BY rnd('his01', id), id) AS rn FROM c
    WHERE NOT EXISTS (SELECT 1 FROM modifications m WHERE m.objet_id = c.id AND m.modification_id LIKE 'MH%')
) WHERE rn <= 2 * getvariable('n_inj');

UPDATE bilans_periodiques b SET date_creation = t.date_creation, date_verrou = NULL, date_publication = NULL,
       date_visa = NULL, mode_creation = 'IMPORT'
FROM t_his01 t WHERE t.genre = 'BP' AND b.bilan_id = t.id;
UPDATE bilans_cycle b SET date_creation = t.date_creation, date_verrou = NULL, date_visa = NULL
FROM t_his01 t WHERE t.genre = 'BC' AND b.bilan_cycle_id = t.id;
-- Le journal suit : l'import est la seule action sur ces bilans.
DELETE FROM modifications WHERE objet_id IN (SELECT id FROM t_his01) AND action NOT IN ('CREATION', 'IMPORT');
UPDATE modifications m SET date_modification = t.date_creation,
       action = CASE WHEN t.genre = 'BP' THEN 'IMPORT' ELSE m.action END
FROM t_his01 t WHERE m.objet_id = t.id;
-- Les familles n'ont pas pu consulter un bilan qui n'est plus publié.
DELETE FROM consultations WHERE profil = 'RESPONSABLE' AND objet_id IN (SELECT id FROM t_his01);

INSERT INTO verite SELECT 'HIS-01', uai, NULL, millesime, eleve_id, classe_id, id FROM t_his01;

-- Quasi-violation HIS-01 : bilan de C créé pile le 1er septembre de C à 00:00:00 (dans son année).
-- Classes sans historique de paramétrage : le changement de septembre resterait avant le premier bilan.
CREATE OR REPLACE TEMP TABLE t_his01_quasi AS
SELECT b.bilan_id, b.date_creation FROM bilans_periodiques b JOIN g_pool p USING (eleve_id)
WHERE p.slot = 1 AND b.millesime = getvariable('c') AND b.indice = 1
  AND NOT EXISTS (SELECT 1 FROM parametrages_classe pc WHERE pc.classe_id = b.classe_id)
ORDER BY rnd('his01q', b.bilan_id), b.bilan_id
LIMIT getvariable('n_inj');
UPDATE bilans_periodiques b SET date_creation = make_timestamp(getvariable('c'), 9, 1, 0, 0, 0)
FROM t_his01_quasi t WHERE b.bilan_id = t.bilan_id;
UPDATE modifications m SET date_modification = make_timestamp(getvariable('c'), 9, 1, 0, 0, 0)
FROM t_his01_quasi t WHERE m.objet_id = t.bilan_id AND m.action IN ('CREATION', 'IMPORT');

-- HIS-02 : modifications d'années antérieures sans autorisation valide, une variante par défaut possible.
-- Une seule cible par (élève, millésime) et aucun élève déjà autorisé : aucune autorisation n'en couvre une autre.
CREATE OR REPLACE TEMP TABLE t_his02 AS
WITH c AS (
    SELECT 'BILAN_PERIODIQUE' AS objet, b.bilan_id AS id, b.uai, b.millesime, b.eleve_id, b.classe_id
    FROM bilans_periodiques b JOIN g_pool p USING (eleve_id)
    WHERE p.slot = 2 AND b.millesime < getvariable('c')
    UNION ALL
    SELECT 'BILAN_CYCLE', b.bilan_cycle_id, b.uai, b.millesime, b.eleve_id, NULL
    FROM bilans_cycle b JOIN g_pool p USING (eleve_id)
    WHERE p.slot = 2 AND b.millesime < getvariable('c')
), u AS (
    SELECT * FROM c
    WHERE NOT EXISTS (SELECT 1 FROM autorisations a WHERE a.eleve_id = c.eleve_id AND a.millesime_concerne = c.millesime)
    QUALIFY row_number() OVER (PARTITION BY eleve_id, millesime ORDER BY rnd('h2u', id), id) = 1
), r AS (
    -- Variantes 0..8 : violations ; 9..11 : quasi-violations (ne doivent pas être détectées).
    SELECT u.*, e.degre, e.departement, row_number() OVER (ORDER BY rnd('his02', id), id) AS rn
    FROM u JOIN etablissements e ON e.uai = u.uai
)
SELECT *, (rn - 1) % 12 AS variante,
       CASE (rn - 1) % 12
           WHEN 7 THEN make_timestamp(millesime + 1, 9, 1, 0, 0, 0)
           WHEN 11 THEN make_timestamp(millesime + 1, 8, 31, 23, 59, 59)
           ELSE make_timestamp(millesime + 1, 10, 1, 0, 0, 0) + jours(rndi('h2j', id, 120)) + heure('h2h', id, 0)
       END AS date_modification,
       'MI' || lpad(CAST(num_inj(rn) AS VARCHAR), 14, '0') AS modification_id,
       'AI' || lpad(CAST(num_inj(rn) AS VARCHAR), 14, '0') AS autorisation_id
FROM r WHERE rn <= 12 * getvariable('n_inj');

INSERT INTO modifications
SELECT modification_id, objet, id, date_modification,
       CASE WHEN degre = '1D' THEN 'DIR_' ELSE 'CE_' END || uai,
       CASE WHEN variante = 7 THEN 'SUPPRESSION'
            WHEN variante = 8 AND objet = 'BILAN_CYCLE' THEN 'DEVERROUILLAGE'
            WHEN variante = 8 THEN 'VERROUILLAGE'
            ELSE 'MODIFICATION' END,
       8000000000000000 + rn
FROM t_his02;

-- Autorisations : variantes 1..6 défectueuses, 9 (objet_id NULL) et 10 (datée du jour même) valides.
INSERT INTO autorisations
SELECT autorisation_id, uai, eleve_id,
       CASE WHEN variante = 9 THEN NULL WHEN variante = 5 THEN id || '_AUTRE' ELSE id END,
       CASE WHEN variante = 6 THEN millesime + 1 ELSE millesime END,
       CASE WHEN (degre = '1D') <> (variante = 1) THEN 'DASEN' ELSE 'CHEF_ETABLISSEMENT' END,
       CASE WHEN (degre = '1D') <> (variante = 1) THEN 'DASEN_' || departement ELSE 'CE_' || uai END,
       CASE WHEN variante = 4 THEN CAST(date_modification AS DATE) + 1
            WHEN variante = 10 THEN CAST(date_modification AS DATE)
            ELSE CAST(date_modification AS DATE) - CAST(1 + rndi('h2a', id, 20) AS INTEGER) END,
       CASE WHEN variante = 2 THEN NULL
            WHEN variante = 3 THEN CASE WHEN rn % 2 = 0 THEN '043947' ELSE 'S043947' END
            ELSE lpad(CAST(400000 + rndi('h2s', id, 599999) AS VARCHAR), 7, '0') END,
       'Correction demandée par la famille ; "appréciation"' || chr(10) || 'Voir ticket SESAM',
       8000000000000000 + rn
FROM t_his02 WHERE variante IN (1, 2, 3, 4, 5, 6, 9, 10);
-- La variante 1 (1D) est signée par le directeur : il existe, mais n'est pas l'autorité requise.
UPDATE autorisations a SET signataire_id = 'DIR_' || t.uai
FROM t_his02 t WHERE a.autorisation_id = t.autorisation_id AND t.variante = 1 AND t.degre = '1D';

INSERT INTO verite SELECT 'HIS-02', uai, NULL, millesime, eleve_id, classe_id, modification_id
FROM t_his02 WHERE variante <= 8;
