-- BFC_SAISIS et BFC_VERROUILLES (bilans de fin de cycle).
INSERT INTO ind_attendus VALUES
    ('bilans_cycle', 'BFC_SAISIS', NULL, true, true),
    ('bilans_cycle', 'BFC_VERROUILLES', NULL, true, true);

-- BFC_SAISIS : élèves de fin de cycle (dernier niveau de chaque cycle : CE2, 6E, 3E) ayant un bilan
-- de fin de cycle de C pour leur cycle, quel que soit l'établissement / élèves de ces niveaux.
CREATE OR REPLACE TEMP VIEW ind_bfc_eleves AS
WITH fin_cycle AS (
    SELECT niveau, cycle FROM ind_niveaux
    QUALIFY rang = max(rang) OVER (PARTITION BY cycle)
), bilans AS (
    SELECT DISTINCT eleve_id, cycle FROM bilans_cycle WHERE millesime = (SELECT c FROM ind_params)
)
SELECT NULL AS groupe, e.eleve_id, e.uai, e.niveau, e.seul, b.eleve_id IS NOT NULL AS compte
FROM ind_eleves e
JOIN fin_cycle f USING (niveau)
LEFT JOIN bilans b ON b.eleve_id = e.eleve_id AND b.cycle = f.cycle;

INSERT INTO ind_bruts
SELECT 'BFC_SAISIS', NULL, niveau_perimetre, code_perimetre, niveau_scolaire, comptes, eleves
FROM ind_eleves_par_perimetre('ind_bfc_eleves');

-- BFC_VERROUILLES : verrouillés / saisis (bilans de cycle de C). Périmètre = uai du bilan ;
-- niveau = classe(s) de l'élève dans cet établissement en C (aucune : TOUS seulement).
-- Comptage par établissement puis somme par périmètre (un bilan a un seul uai), comme socle.sql.
INSERT INTO ind_bruts
WITH bilans AS (
    SELECT uai, eleve_id, date_verrou IS NOT NULL AS verrouille
    FROM bilans_cycle WHERE millesime = (SELECT c FROM ind_params)
), par_uai AS (
    SELECT uai, 'TOUS' AS niveau_scolaire, count(*) FILTER (WHERE verrouille) AS verrouilles, count(*) AS saisis
    FROM bilans GROUP BY ALL
    UNION ALL
    SELECT b.uai, ne.niveau, count(*) FILTER (WHERE b.verrouille), count(*)
    FROM bilans b
    JOIN ind_niveaux_eleve ne ON ne.eleve_id = b.eleve_id AND ne.uai = b.uai
    GROUP BY ALL
)
SELECT 'BFC_VERROUILLES', NULL, p.niveau_perimetre, p.code_perimetre, u.niveau_scolaire,
       sum(u.verrouilles), sum(u.saisis)
FROM par_uai u
JOIN ind_perimetres p USING (uai)
GROUP BY ALL;
