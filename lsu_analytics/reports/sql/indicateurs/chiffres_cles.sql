-- Key figures of one perimeter (all niveaux). ANOMALIES: see below. Per-period indicators are summed over the
-- periods; the sum is hidden when one of its parts is (otherwise it would reveal that part).
WITH p AS (
    SELECT * FROM indicateurs
    WHERE millesime = $millesime AND niveau_perimetre = $niveau AND code_perimetre = $code
      AND niveau_scolaire = 'TOUS'
      AND indicateur IN ('EFFECTIF', 'BP_SAISIS', 'BP_VERROUILLES', 'BP_VISES', 'BFC_SAISIS',
                         'BFC_VERROUILLES', 'SEL_OUVERT', 'PERIODES_PARAMETREES', 'CLASSES_IMPORT',
                         'TRANSFERTS_MANQUANTS', 'BP_VERROUILLES_SAISIE', 'COMPTES_FAMILLES_ACTIFS',
                         'BP_CONSULTES_FAMILLES')
),
agg AS (
    SELECT indicateur, bool_or(coalesce(masque, false)) AS masque,
           sum(numerateur) AS numerateur, sum(denominateur) AS denominateur,
           CASE WHEN count(denominateur) = 0 THEN sum(valeur) END AS compte
    FROM p GROUP BY indicateur
)
SELECT indicateur, masque,
       CASE WHEN NOT masque THEN numerateur END AS numerateur,
       CASE WHEN NOT masque THEN denominateur END AS denominateur,
       CASE WHEN masque THEN NULL
            WHEN denominateur IS NULL THEN compte
            WHEN denominateur > 0 THEN numerateur / denominateur END AS valeur
FROM agg
UNION ALL
-- The total of every rule counts the published cells only; when a rule's cell is hidden, `masque` is true and
-- `numerateur` says how many rules are hidden: the report calls the total incomplete, never exact.
SELECT 'ANOMALIES', bool_or(coalesce(masque, false)), count(*) FILTER (WHERE coalesce(masque, false)), NULL,
       coalesce(sum(valeur) FILTER (WHERE NOT coalesce(masque, false)), 0)
FROM indicateurs
WHERE millesime = $millesime AND niveau_perimetre = $niveau AND code_perimetre = $code
  AND niveau_scolaire = 'TOUS' AND indicateur LIKE 'ANOMALIES\_%' ESCAPE '\'
