-- Classes, enseignants, paramétrage des classes et récupérations d'éléments de programme : une fois pour
-- tout l'export, sur les classes de toute la population (divisions.sql, bloc après bloc).

CREATE OR REPLACE TABLE classes AS
SELECT c.classe_id, c.uai, c.y AS millesime,
       CASE WHEN c.degre = '1D' THEN c.niveau ELSE replace(c.niveau, 'E', 'EME') END || '_' || c.div AS code_division,
       c.niveau,
       CASE ea.mode WHEN 'T' THEN 'TRIMESTRE' WHEN 'S' THEN 'SEMESTRE'
            ELSE CASE WHEN rnd('cper', c.classe_id) < 0.5 THEN 'SEMESTRE' ELSE 'TRIMESTRE' END END AS periodicite,
       CASE WHEN rnd('src', c.classe_id) < CASE WHEN c.degre = '1D' THEN 0.05 ELSE 0.3 END THEN 'IMPORT' ELSE 'SAISIE' END AS source_donnees,
       CASE WHEN c.degre = '1D' THEN CASE WHEN rnd('tp', c.classe_id) < 0.8 THEN 'ECHELLE_4' ELSE 'ATTEINT' END
            ELSE CASE WHEN rnd('tp', c.classe_id) < 0.55 THEN 'ECHELLE_4' ELSE 'NOTES' END END AS type_positionnement,
       c.lvl, c.degre, c.div,
       row_number() OVER (ORDER BY c.classe_id) AS _ord
FROM g_classe_vue c JOIN g_etab_annee ea ON ea.uai = c.uai AND ea.y = c.y;

-- Enseignants : un par division (réutilisé d'une année à l'autre).
CREATE OR REPLACE TABLE personnels AS
WITH p AS (
    SELECT DISTINCT 'ENS_' || uai || '_' || niveau || '_' || div AS personnel_id, uai, 'ENSEIGNANT' AS role FROM classes
    UNION ALL SELECT * FROM g_personnel_hors_classe
)
SELECT p.personnel_id, p.uai, p.role, n.nom, pr.prenom, row_number() OVER (ORDER BY p.personnel_id) AS _ord
FROM p
JOIN ref_noms n ON n.i = rndi('pnom', p.personnel_id, (SELECT count(*) FROM ref_noms))
JOIN ref_prenoms pr ON pr.i = rndi('pprenom', p.personnel_id, (SELECT count(*) FROM ref_prenoms));

-- Paramétrage des classes : quelques changements en septembre, avant tout bilan (PAR-01, PAR-02).
CREATE OR REPLACE TABLE parametrages_classe AS
WITH c AS (
    SELECT cl.*, ea.rentree, rnd('pch', cl.classe_id) AS r
    FROM classes cl JOIN g_etab_annee ea ON ea.uai = cl.uai AND ea.y = cl.millesime
    WHERE rnd('pcx', cl.classe_id) < 0.15
)
SELECT classe_id, rentree + jours(rndi('pcj', classe_id, 20)) + heure('pchh', classe_id, 0) AS date_changement,
       CASE WHEN r < 0.4 THEN 'TYPE_POSITIONNEMENT' WHEN r < 0.7 THEN 'SOURCE_DONNEES' ELSE 'PERIODICITE' END AS champ,
       CASE WHEN r < 0.4 THEN CASE WHEN type_positionnement = 'NOTES' THEN 'ECHELLE_4' ELSE 'NOTES' END
            WHEN r < 0.7 THEN CASE WHEN source_donnees = 'SAISIE' THEN 'IMPORT' ELSE 'SAISIE' END
            ELSE CASE WHEN periodicite = 'TRIMESTRE' THEN 'SEMESTRE' ELSE 'TRIMESTRE' END END AS ancienne_valeur,
       CASE WHEN r < 0.4 THEN type_positionnement WHEN r < 0.7 THEN source_donnees ELSE periodicite END AS nouvelle_valeur,
       CASE WHEN degre = '1D' THEN 'DIR_' ELSE 'CE_' END || uai AS auteur_id,
       _ord
FROM c;

-- Récupération des éléments de programme : pour l'année entière, en septembre (EP-01, EP-02).
CREATE OR REPLACE TABLE recuperations_ep AS
SELECT cl.classe_id, cl.millesime,
       ea.rentree + jours(1 + rndi('rej', cl.classe_id, 25)) + heure('reh', cl.classe_id, 0) AS date_recuperation,
       cl.millesime - 1 AS millesime_source, 'ANNEE' AS perimetre,
       CAST(5 + rndi('ren', cl.classe_id, 56) AS INTEGER) AS nb_elements, cl._ord
FROM classes cl JOIN g_etab_annee ea ON ea.uai = cl.uai AND ea.y = cl.millesime
WHERE cl.lvl > 0 AND rnd('rex', cl.classe_id) < 0.5;
