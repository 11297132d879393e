-- ANOMALIES_<rule_id> : lignes de la règle dans `anomalies` (toutes les règles du catalogue, 0 compris) ;
-- TRANSFERTS_MANQUANTS : lignes de TRF-01, fondé sur les élèves donc soumis au secret. ANOMALIES_TRF-01 est
-- le même chiffre : il est masqué de la même façon, sinon il révélerait la cellule masquée.
-- Périmètre : celui de l'uai de l'anomalie ; sans uai, le national seulement.
-- Niveau : classe(s) de C de l'élève de l'anomalie dans cet établissement ; sans élève, niveau de la
-- classe de l'anomalie ; sinon TOUS seulement.
INSERT INTO ind_attendus VALUES ('anomalies', 'TRANSFERTS_MANQUANTS', NULL, false, true);
INSERT INTO ind_attendus
SELECT 'anomalies', 'ANOMALIES_' || rule_id, NULL, false, rule_id = 'TRF-01'
FROM (SELECT unnest(getvariable('ind_regles')) AS rule_id
      UNION SELECT rule_id FROM anomalies)
WHERE rule_id IS NOT NULL;

INSERT INTO ind_bruts
WITH a AS (
    SELECT an.rowid AS ligne, an.rule_id, an.uai,
           CASE WHEN an.eleve_id IS NOT NULL THEN ne.niveau ELSE cl.niveau END AS niveau
    FROM anomalies an
    LEFT JOIN ind_niveaux_eleve ne ON ne.eleve_id = an.eleve_id AND ne.uai = an.uai
    LEFT JOIN classes cl ON an.eleve_id IS NULL AND cl.classe_id = an.classe_id
), rattachees AS (
    SELECT a.ligne, a.rule_id, a.niveau, p.niveau_perimetre, p.code_perimetre
    FROM a JOIN ind_perimetres p USING (uai)
    UNION ALL
    SELECT ligne, rule_id, niveau, 'national', 'FR' FROM a WHERE uai IS NULL
), g AS MATERIALIZED (
    SELECT r.rule_id, r.niveau_perimetre, r.code_perimetre,
           CASE WHEN grouping(r.niveau) = 1 THEN 'TOUS' ELSE r.niveau END AS niveau_scolaire,
           count(DISTINCT r.ligne) AS lignes
    FROM rattachees r
    GROUP BY GROUPING SETS ((r.rule_id, r.niveau_perimetre, r.code_perimetre, r.niveau),
                            (r.rule_id, r.niveau_perimetre, r.code_perimetre))
)
SELECT 'ANOMALIES_' || rule_id, NULL, niveau_perimetre, code_perimetre, niveau_scolaire, lignes, NULL FROM g
UNION ALL
SELECT 'TRANSFERTS_MANQUANTS', NULL, niveau_perimetre, code_perimetre, niveau_scolaire, lignes, NULL
FROM g WHERE rule_id = 'TRF-01';
