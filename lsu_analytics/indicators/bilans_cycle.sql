-- BFC_SAISIS et BFC_VERROUILLES (bilans de fin de cycle).
INSERT INTO ind_attendus VALUES
    ('bilans_cycle', 'BFC_SAISIS', NULL, true, true),
    ('bilans_cycle', 'BFC_VERROUILLES', NULL, true, true);

-- BFC_SAISIS : élèves de fin de cycle (dernier niveau de chaque cycle : CE2, 6E, 3E) ayant un bilan
-- de fin de cycle de C pour leur cycle, quel que soit l'établissement / élèves de ces niveaux.
INSERT INTO ind_bruts
WITH fin_cycle AS (
    SELECT niveau, cycle FROM ind_niveaux
    QUALIFY rang = max(rang) OVER (PARTITION BY cycle)
), bilans AS (
    SELECT DISTINCT eleve_id, cycle FROM bilans_cycle WHERE millesime = (SELECT c FROM ind_params)
), eleves AS (
    SELECT i.eleve_id, i.uai, i.niveau, b.eleve_id IS NOT NULL AS a_bilan
    FROM ind_inscriptions i
    JOIN fin_cycle f USING (niveau)
    LEFT JOIN bilans b ON b.eleve_id = i.eleve_id AND b.cycle = f.cycle
)
SELECT 'BFC_SAISIS', NULL, p.niveau_perimetre, p.code_perimetre,
       CASE WHEN grouping(e.niveau) = 1 THEN 'TOUS' ELSE e.niveau END,
       count(DISTINCT e.eleve_id) FILTER (WHERE e.a_bilan), count(DISTINCT e.eleve_id)
FROM eleves e
JOIN ind_perimetres p USING (uai)
GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, e.niveau),
                        (p.niveau_perimetre, p.code_perimetre));

-- BFC_VERROUILLES : verrouillés / saisis (bilans de cycle de C). Périmètre = uai du bilan ;
-- niveau = classe(s) de l'élève dans cet établissement en C (aucune : TOUS seulement).
INSERT INTO ind_bruts
SELECT 'BFC_VERROUILLES', NULL, p.niveau_perimetre, p.code_perimetre,
       CASE WHEN grouping(ne.niveau) = 1 THEN 'TOUS' ELSE ne.niveau END,
       count(DISTINCT bc.bilan_cycle_id) FILTER (WHERE bc.date_verrou IS NOT NULL),
       count(DISTINCT bc.bilan_cycle_id)
FROM bilans_cycle bc
LEFT JOIN ind_niveaux_eleve ne ON ne.eleve_id = bc.eleve_id AND ne.uai = bc.uai
JOIN ind_perimetres p ON p.uai = bc.uai
WHERE bc.millesime = (SELECT c FROM ind_params)
GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, ne.niveau),
                        (p.niveau_perimetre, p.code_perimetre));
