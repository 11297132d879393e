-- ATT_<type> : élèves du niveau ayant une attestation de ce type datée de l'année scolaire C
-- (date_obtention, quel que soit l'établissement) / élèves du niveau.
CREATE OR REPLACE TEMP TABLE ind_attestations_niveau AS
SELECT * FROM (VALUES ('ASSR1', '5E'), ('ASSR2', '3E'), ('AER', 'CM2'),
                      ('ASNS', '6E'), ('PSC1', '3E'), ('PIX', '3E')) AS v(type, niveau);

INSERT INTO ind_attendus
SELECT 'attestations', 'ATT_' || type, NULL, true, true FROM ind_attestations_niveau;

INSERT INTO ind_bruts
WITH obtenues AS (
    SELECT DISTINCT eleve_id, type FROM attestations
    WHERE annee_scolaire(date_obtention) = (SELECT c FROM ind_params)
), eleves AS (
    SELECT i.eleve_id, i.uai, i.niveau, t.type, o.eleve_id IS NOT NULL AS obtenue
    FROM ind_inscriptions i
    JOIN ind_attestations_niveau t USING (niveau)
    LEFT JOIN obtenues o ON o.eleve_id = i.eleve_id AND o.type = t.type
)
SELECT 'ATT_' || e.type, NULL, p.niveau_perimetre, p.code_perimetre,
       CASE WHEN grouping(e.niveau) = 1 THEN 'TOUS' ELSE e.niveau END,
       count(DISTINCT e.eleve_id) FILTER (WHERE e.obtenue), count(DISTINCT e.eleve_id)
FROM eleves e
JOIN ind_perimetres p USING (uai)
GROUP BY GROUPING SETS ((e.type, p.niveau_perimetre, p.code_perimetre, e.niveau),
                        (e.type, p.niveau_perimetre, p.code_perimetre));
