-- Bilans périodiques : VER-01 (lot 6), VER-02 (lot 7), VER-03 (lot 8), CMP-01 (lot 9), PER-01 (lot 11).

-- VER-01 : déverrouillage après le visa de la famille (même année scolaire, donc pas de HIS-02).
-- Quasi-violation : déverrouillage pile à l'instant du visa.
CREATE OR REPLACE TEMP TABLE t_ver01 AS
SELECT b.*, e.degre, (row_number() OVER (ORDER BY rnd('ver01', b.bilan_id), b.bilan_id)) AS rn
FROM bilans_periodiques b JOIN g_pool p USING (eleve_id) JOIN etablissements e ON e.uai = b.uai
WHERE p.slot = 6 AND b.date_visa IS NOT NULL
  AND b.date_visa + INTERVAL 3 DAY < least(getvariable('x'), fin_annee(b.millesime))
QUALIFY rn <= 3 * getvariable('n_inj');

INSERT INTO modifications
SELECT 'MV' || lpad(CAST(num_inj(rn) * 2 AS VARCHAR), 14, '0'), 'BILAN_PERIODIQUE', bilan_id,
       CASE WHEN rn % 3 = 0 THEN date_visa ELSE date_visa + to_seconds(60 + rndi('v1s', bilan_id, 36 * 3600)) END,
       'ENS_' || substr(classe_id, 8), 'DEVERROUILLAGE', 8100000000000000 + rn * 2
FROM t_ver01
UNION ALL
SELECT 'MV' || lpad(CAST(num_inj(rn) * 2 + 1 AS VARCHAR), 14, '0'), 'BILAN_PERIODIQUE', bilan_id,
       date_visa + INTERVAL 2 DAY, 'ENS_' || substr(classe_id, 8), 'VERROUILLAGE', 8100000000000000 + rn * 2 + 1
FROM t_ver01;

INSERT INTO verite SELECT 'VER-01', uai, NULL, millesime, eleve_id, classe_id, 'MV' || lpad(CAST(num_inj(rn) * 2 AS VARCHAR), 14, '0')
FROM t_ver01 WHERE rn % 3 <> 0;

-- VER-02 : verrouillé mais non publié (toute année), ou publié mais non verrouillé (années antérieures :
-- en C ce serait aussi VER-03). Bilans sans visa.
CREATE OR REPLACE TEMP TABLE t_ver02 AS
SELECT b.bilan_id, b.uai, b.millesime, b.eleve_id, b.classe_id,
       row_number() OVER (PARTITION BY b.millesime < getvariable('c') ORDER BY rnd('ver02', b.bilan_id), b.bilan_id) AS rn,
       b.millesime < getvariable('c') AS passe
FROM bilans_periodiques b JOIN g_pool p USING (eleve_id)
WHERE p.slot = 7 AND b.date_verrou IS NOT NULL AND b.date_visa IS NULL
QUALIFY rn <= getvariable('n_inj');

UPDATE bilans_periodiques b SET date_publication = NULL FROM t_ver02 t WHERE b.bilan_id = t.bilan_id AND NOT t.passe;
UPDATE bilans_periodiques b SET date_verrou = NULL FROM t_ver02 t WHERE b.bilan_id = t.bilan_id AND t.passe;
DELETE FROM consultations WHERE profil = 'RESPONSABLE' AND objet_id IN (SELECT bilan_id FROM t_ver02 WHERE NOT passe);
INSERT INTO verite SELECT 'VER-02', uai, NULL, millesime, eleve_id, classe_id, bilan_id FROM t_ver02;

-- VER-03 : bilans de C saisis, période finie depuis plus de 15 jours, restés non verrouillés.
CREATE OR REPLACE TEMP TABLE t_ver03 AS
SELECT b.bilan_id, b.uai, b.millesime, b.eleve_id, b.classe_id,
       row_number() OVER (ORDER BY rnd('ver03', b.bilan_id), b.bilan_id) AS rn
FROM bilans_periodiques b JOIN g_pool p USING (eleve_id)
JOIN classes c ON c.classe_id = b.classe_id
JOIN periodes pe ON pe.uai = b.uai AND pe.millesime = b.millesime AND pe.periodicite = b.periodicite AND pe.indice = b.indice
WHERE p.slot = 8 AND b.millesime = getvariable('c') AND c.source_donnees = 'SAISIE' AND b.date_verrou IS NOT NULL
  AND pe.date_fin + INTERVAL 16 DAY < getvariable('x')
QUALIFY rn <= 2 * getvariable('n_inj');

UPDATE bilans_periodiques b SET date_verrou = NULL, date_publication = NULL, date_visa = NULL
FROM t_ver03 t WHERE b.bilan_id = t.bilan_id;
DELETE FROM modifications WHERE objet_id IN (SELECT bilan_id FROM t_ver03) AND action IN ('VERROUILLAGE', 'DEVERROUILLAGE');
DELETE FROM consultations WHERE profil = 'RESPONSABLE' AND objet_id IN (SELECT bilan_id FROM t_ver03);
INSERT INTO verite SELECT 'VER-03', uai, NULL, millesime, eleve_id, classe_id, bilan_id FROM t_ver03;

-- CMP-01 : bilans verrouillés de C incomplets, une variante par manque.
CREATE OR REPLACE TEMP TABLE t_cmp01 AS
WITH c AS (
    SELECT b.bilan_id, b.uai, b.millesime, b.eleve_id, b.classe_id, e.degre,
           rndi('cmpv', b.bilan_id, 5) AS variante
    FROM bilans_periodiques b JOIN g_pool p USING (eleve_id) JOIN etablissements e ON e.uai = b.uai
    WHERE p.slot = 9 AND b.millesime = getvariable('c') AND b.date_verrou IS NOT NULL
)
SELECT *, row_number() OVER (PARTITION BY variante ORDER BY rnd('cmp01', bilan_id), bilan_id) AS rn
FROM c WHERE variante <> 2 OR degre = '2D'
QUALIFY rn <= getvariable('n_inj');

DELETE FROM acquis WHERE bilan_id IN (SELECT bilan_id FROM t_cmp01 WHERE variante = 0);
UPDATE bilans_periodiques b SET synthese_renseignee = false FROM t_cmp01 t WHERE b.bilan_id = t.bilan_id AND t.variante = 1;
UPDATE bilans_periodiques b SET vie_scolaire_renseignee = false FROM t_cmp01 t WHERE b.bilan_id = t.bilan_id AND t.variante = 2;
UPDATE acquis a SET nb_elements_programme = 0 FROM t_cmp01 t
WHERE a.bilan_id = t.bilan_id AND t.variante = 3 AND a.discipline_code = '061300';
UPDATE acquis a SET positionnement = NULL, moyenne_eleve = NULL FROM t_cmp01 t
WHERE a.bilan_id = t.bilan_id AND t.variante = 4 AND a.discipline_code = '020700';
INSERT INTO verite SELECT 'CMP-01', uai, NULL, millesime, eleve_id, classe_id, bilan_id FROM t_cmp01;

-- PER-01 : bilans (verrouillés, donc hors VER-03) sur une période que l'établissement n'a pas définie.
CREATE OR REPLACE TEMP TABLE t_per01 AS
SELECT b.bilan_id, b.uai, b.millesime, b.eleve_id, b.classe_id,
       row_number() OVER (ORDER BY rnd('per01', b.bilan_id), b.bilan_id) AS rn
FROM bilans_periodiques b JOIN g_pool p USING (eleve_id)
WHERE p.slot = 11 AND b.date_verrou IS NOT NULL
QUALIFY rn <= 2 * getvariable('n_inj');

UPDATE bilans_periodiques b
SET nb_periodes = CASE WHEN t.rn % 2 = 0 THEN b.nb_periodes + 1 ELSE b.nb_periodes END,
    periodicite = CASE WHEN t.rn % 2 = 1 THEN 'BIMESTRE' ELSE b.periodicite END
FROM t_per01 t WHERE b.bilan_id = t.bilan_id;
INSERT INTO verite SELECT 'PER-01', uai, NULL, millesime, eleve_id, classe_id, bilan_id FROM t_per01;
