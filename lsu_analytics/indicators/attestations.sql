-- ATT_<type> : élèves du niveau ayant une attestation de ce type datée de l'année scolaire C
-- (date_obtention, quel que soit l'établissement) / élèves du niveau.
CREATE OR REPLACE TEMP TABLE ind_attestations_niveau AS
SELECT * FROM (VALUES ('ASSR1', '5E'), ('ASSR2', '3E'), ('AER', 'CM2'),
                      ('ASNS', '6E'), ('PSC1', '3E'), ('PIX', '3E')) AS v(type, niveau);

INSERT INTO ind_attendus
SELECT 'attestations', 'ATT_' || type, NULL, true, true FROM ind_attestations_niveau;

-- Élèves seuls (ind_eleves) comptés par (uai, niveau) puis additionnés ; les autres dédoublonnés par périmètre.
INSERT INTO ind_bruts
WITH obtenues AS (
    SELECT DISTINCT eleve_id, type FROM attestations
    WHERE annee_scolaire(date_obtention) = (SELECT c FROM ind_params)
), eleves AS (
    SELECT e.eleve_id, e.uai, e.niveau, e.seul, t.type, o.eleve_id IS NOT NULL AS obtenue
    FROM ind_eleves e
    JOIN ind_attestations_niveau t USING (niveau)
    LEFT JOIN obtenues o ON o.eleve_id = e.eleve_id AND o.type = t.type
), par_uai AS (
    SELECT uai, niveau, type, count(*) FILTER (WHERE obtenue) AS obtenues, count(*) AS eleves
    FROM eleves WHERE seul GROUP BY ALL
), comptes AS (
    SELECT u.type, p.niveau_perimetre, p.code_perimetre,
           CASE WHEN grouping(u.niveau) = 1 THEN 'TOUS' ELSE u.niveau END AS niveau_scolaire,
           sum(u.obtenues) AS obtenues, sum(u.eleves) AS eleves
    FROM par_uai u
    JOIN ind_perimetres p USING (uai)
    GROUP BY GROUPING SETS ((u.type, p.niveau_perimetre, p.code_perimetre, u.niveau),
                            (u.type, p.niveau_perimetre, p.code_perimetre))
    UNION ALL
    SELECT e.type, p.niveau_perimetre, p.code_perimetre,
           CASE WHEN grouping(e.niveau) = 1 THEN 'TOUS' ELSE e.niveau END,
           count(DISTINCT e.eleve_id) FILTER (WHERE e.obtenue), count(DISTINCT e.eleve_id)
    FROM eleves e
    JOIN ind_perimetres p USING (uai)
    WHERE NOT e.seul
    GROUP BY GROUPING SETS ((e.type, p.niveau_perimetre, p.code_perimetre, e.niveau),
                            (e.type, p.niveau_perimetre, p.code_perimetre))
)
SELECT 'ATT_' || type, NULL, niveau_perimetre, code_perimetre, niveau_scolaire, sum(obtenues), sum(eleves)
FROM comptes
GROUP BY ALL;
