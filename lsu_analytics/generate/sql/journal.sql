-- Journal des modifications, autorisations, historique de paramétrage des classes,
-- récupérations d'éléments de programme, transferts inter-académiques.

-- Journal : tout se passe dans l'année scolaire du bilan (HIS-02), le déverrouillage précède le visa (VER-01).
CREATE OR REPLACE TABLE modifications AS
WITH b AS (
    SELECT bord, 'BP' || lpad(CAST(bord AS VARCHAR), 11, '0') AS objet_id, uai, degre, classe_id,
           date_creation, date_verrou, reverrouille, source_donnees, millesime,
           'ENS_' || substr(classe_id, 8) AS enseignant_id,
           least(coalesce(CASE WHEN reverrouille THEN date_verrou - INTERVAL 2 DAY ELSE date_verrou END,
                          getvariable('x')), fin_annee(millesime)) AS limite
    FROM g_bilan
)
SELECT 'MB' || lpad(CAST(bord * 10 AS VARCHAR), 13, '0') AS modification_id, 'BILAN_PERIODIQUE' AS objet, objet_id,
       date_creation AS date_modification, enseignant_id AS auteur_id,
       CASE WHEN source_donnees = 'IMPORT' THEN 'IMPORT' ELSE 'CREATION' END AS action, bord * 10 AS _ord
FROM b
UNION ALL
SELECT 'MB' || lpad(CAST(bord * 10 + 1 AS VARCHAR), 13, '0'), 'BILAN_PERIODIQUE', objet_id,
       date_creation + to_seconds(1 + floor(rnd('mmo', bord) * (epoch(limite) - epoch(date_creation) - 2))::BIGINT),
       enseignant_id, 'MODIFICATION', bord * 10 + 1
FROM b WHERE rnd('mex', bord) < 0.35 AND epoch(limite) - epoch(date_creation) > 10
UNION ALL
SELECT 'MB' || lpad(CAST(bord * 10 + 2 AS VARCHAR), 13, '0'), 'BILAN_PERIODIQUE', objet_id,
       date_verrou - INTERVAL 2 DAY, enseignant_id, 'VERROUILLAGE', bord * 10 + 2
FROM b WHERE reverrouille
UNION ALL
SELECT 'MB' || lpad(CAST(bord * 10 + 3 AS VARCHAR), 13, '0'), 'BILAN_PERIODIQUE', objet_id,
       date_verrou - INTERVAL 1 DAY, enseignant_id, 'DEVERROUILLAGE', bord * 10 + 3
FROM b WHERE reverrouille
UNION ALL
SELECT 'MB' || lpad(CAST(bord * 10 + 4 AS VARCHAR), 13, '0'), 'BILAN_PERIODIQUE', objet_id,
       date_verrou, enseignant_id, 'VERROUILLAGE', bord * 10 + 4
FROM b WHERE date_verrou IS NOT NULL;

-- Bilans de cycle et attestations : création puis verrouillage.
INSERT INTO modifications
SELECT 'MC' || lpad(CAST(cord * 10 AS VARCHAR), 12, '0') AS modification_id, 'BILAN_CYCLE' AS objet,
       'BC' || lpad(CAST(cord AS VARCHAR), 10, '0') AS objet_id, date_creation AS date_modification,
       CASE WHEN degre = '1D' THEN 'DIR_' ELSE 'CE_' END || uai AS auteur_id, 'CREATION' AS action,
       1000000000000000 + cord * 10 AS _ord
FROM g_bilan_cycle
UNION ALL
SELECT 'MC' || lpad(CAST(cord * 10 + 1 AS VARCHAR), 12, '0'), 'BILAN_CYCLE', 'BC' || lpad(CAST(cord AS VARCHAR), 10, '0'),
       date_verrou, CASE WHEN degre = '1D' THEN 'DIR_' ELSE 'CE_' END || uai, 'VERROUILLAGE', 1000000000000000 + cord * 10 + 1
FROM g_bilan_cycle WHERE date_verrou IS NOT NULL
UNION ALL
SELECT 'MA' || substr(attestation_id, 3), 'ATTESTATION', attestation_id,
       date_obtention + INTERVAL 10 HOUR, CASE WHEN e.degre = '1D' THEN 'DIR_' ELSE 'CE_' END || a.uai, 'CREATION',
       2000000000000000 + a._ord
FROM attestations a JOIN etablissements e ON e.uai = a.uai;

-- Modifications autorisées d'années antérieures : autorisation valide (HIS-02), parfois datée du jour même,
-- parfois sans objet_id (tous les bilans de l'élève pour l'année).
CREATE OR REPLACE TABLE g_modif_autorisee AS
WITH b AS (
    SELECT 'BP' || lpad(CAST(bord AS VARCHAR), 11, '0') AS objet_id, 'BILAN_PERIODIQUE' AS objet, bord AS ord,
           eleve_id, uai, degre, millesime, date_visa
    FROM g_bilan WHERE millesime < getvariable('c') AND rnd('hau', bord) < 0.004
    UNION ALL
    SELECT 'BC' || lpad(CAST(cord AS VARCHAR), 10, '0'), 'BILAN_CYCLE', 5000000000000 + cord,
           eleve_id, uai, degre, millesime, NULL
    FROM g_bilan_cycle WHERE millesime < getvariable('c') AND rnd('hau', cord) < 0.01
), d AS (
    SELECT *, make_date(millesime + 1, 9, 10) + jours(rndi('hdj', ord, 150)) + heure('hdh', ord, 0) AS date_modification
    FROM b
)
SELECT *, (date_modification::DATE - CAST(rndi('had', ord, 21) AS INTEGER)) AS date_autorisation,
       rnd('hnull', ord) < 0.3 AS sans_objet
FROM d WHERE date_modification <= getvariable('x');

INSERT INTO modifications
SELECT 'MH' || lpad(CAST(ord AS VARCHAR), 14, '0'), objet, objet_id, date_modification,
       CASE WHEN degre = '1D' THEN 'DIR_' ELSE 'CE_' END || uai, 'MODIFICATION', 3000000000000000 + ord
FROM g_modif_autorisee;

CREATE OR REPLACE TABLE autorisations AS
SELECT 'AU' || lpad(CAST(m.ord AS VARCHAR), 14, '0') AS autorisation_id, m.uai, m.eleve_id,
       CASE WHEN m.sans_objet THEN NULL ELSE m.objet_id END AS objet_id,
       m.millesime AS millesime_concerne,
       CASE WHEN m.degre = '1D' THEN 'DASEN' ELSE 'CHEF_ETABLISSEMENT' END AS autorite,
       CASE WHEN m.degre = '1D' THEN 'DASEN_' || e.departement ELSE 'CE_' || m.uai END AS signataire_id,
       m.date_autorisation,
       lpad(CAST(400000 + rndi('sesam', m.ord, 599999) AS VARCHAR), 7, '0') AS reference_sesam,
       t.txt AS elements_a_modifier, m.ord AS _ord
FROM g_modif_autorisee m JOIN etablissements e ON e.uai = m.uai
JOIN ref_elements_a_modifier t ON t.i = rndi('htxt', m.ord, (SELECT count(*) FROM ref_elements_a_modifier));

-- Transferts : chaque changement d'académie a son transfert, l'année d'arrivée ou l'année suivante.
CREATE OR REPLACE TABLE transferts AS
WITH t AS (
    SELECT p.k, p.eleve_id, prev.academie AS academie_origine, p.academie AS academie_accueil, p.uai AS uai_accueil,
           p.y, rnd('tra', p.k) < 0.2 AND p.y < getvariable('c') AS annee_suivante
    FROM g_parcours p JOIN g_parcours prev ON prev.k = p.k AND prev.y = p.y - 1
    WHERE prev.academie <> p.academie
)
SELECT 'TR' || lpad(CAST(k AS VARCHAR), 10, '0') AS transfert_id, eleve_id, academie_origine, academie_accueil, uai_accueil,
       make_date(y + CASE WHEN annee_suivante THEN 1 ELSE 0 END, 9, 5) + jours(rndi('trj', k, 60)) + heure('trh', k, 0)
           AS date_transfert,
       k AS _ord
FROM t;
