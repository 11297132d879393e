-- PERIODES_PARAMETREES : classes de C ayant des élèves inscrits en C dont la périodicité a des lignes
-- dans `periodes` (uai de la classe, C) / classes de C ayant des élèves.
-- CLASSES_IMPORT : classes de C en source_donnees IMPORT / classes de C.
-- Périmètre = uai de la classe, niveau = celui de la classe. Pas fondés sur les élèves : jamais masqués.
INSERT INTO ind_attendus VALUES
    ('classes', 'PERIODES_PARAMETREES', NULL, true, false),
    ('classes', 'CLASSES_IMPORT', NULL, true, false);

INSERT INTO ind_bruts
WITH parametrees AS (
    SELECT DISTINCT uai, periodicite FROM periodes WHERE millesime = (SELECT c FROM ind_params)
), avec_eleves AS (
    SELECT DISTINCT classe_id FROM ind_inscriptions
), classes_c AS (
    SELECT cl.classe_id, cl.uai, cl.niveau, cl.source_donnees = 'IMPORT' AS import,
           ae.classe_id IS NOT NULL AS a_eleves, pa.uai IS NOT NULL AS parametree
    FROM classes cl
    LEFT JOIN avec_eleves ae ON ae.classe_id = cl.classe_id
    LEFT JOIN parametrees pa ON pa.uai = cl.uai AND pa.periodicite = cl.periodicite
    WHERE cl.millesime = (SELECT c FROM ind_params)
), g AS MATERIALIZED (
    SELECT p.niveau_perimetre, p.code_perimetre,
           CASE WHEN grouping(c.niveau) = 1 THEN 'TOUS' ELSE c.niveau END AS niveau_scolaire,
           count(DISTINCT c.classe_id) FILTER (WHERE c.a_eleves AND c.parametree) AS parametrees,
           count(DISTINCT c.classe_id) FILTER (WHERE c.a_eleves) AS avec_eleves,
           count(DISTINCT c.classe_id) FILTER (WHERE c.import) AS importees,
           count(DISTINCT c.classe_id) AS toutes
    FROM classes_c c
    JOIN ind_perimetres p USING (uai)
    GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, c.niveau),
                            (p.niveau_perimetre, p.code_perimetre))
)
SELECT 'PERIODES_PARAMETREES', NULL, niveau_perimetre, code_perimetre, niveau_scolaire,
       parametrees, avec_eleves FROM g
UNION ALL
SELECT 'CLASSES_IMPORT', NULL, niveau_perimetre, code_perimetre, niveau_scolaire,
       importees, toutes FROM g;
