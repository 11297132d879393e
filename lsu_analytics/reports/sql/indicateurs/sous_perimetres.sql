-- The perimeters one level down (academies of the country, departments of an academy,
-- establishments of a department or district, niveaux of an establishment) with their
-- main indicators, per-period ones summed over the periods (hidden if any part is).
WITH enfants AS (
    SELECT niveau_enfant, code_enfant, 'TOUS' AS niveau_scolaire, libelle FROM sous_perimetres($niveau, $code)
    UNION ALL
    SELECT DISTINCT 'etablissement', $code, niveau_scolaire, 'Niveau ' || niveau_scolaire
    FROM indicateurs
    WHERE $niveau = 'etablissement' AND millesime = $millesime AND niveau_perimetre = 'etablissement'
      AND code_perimetre = $code AND niveau_scolaire <> 'TOUS'
),
valeurs AS (
    SELECT e.code_enfant, e.niveau_scolaire, e.libelle, i.indicateur,
           bool_or(coalesce(i.masque, false)) AS masque,
           sum(i.numerateur) AS numerateur, sum(i.denominateur) AS denominateur,
           CASE WHEN count(i.denominateur) = 0 THEN sum(i.valeur) END AS compte
    FROM enfants e
    JOIN indicateurs i
      ON i.millesime = $millesime AND i.niveau_perimetre = e.niveau_enfant
     AND i.code_perimetre = e.code_enfant AND i.niveau_scolaire = e.niveau_scolaire
     AND i.indicateur IN ('EFFECTIF', 'BP_SAISIS', 'BP_VERROUILLES', 'BFC_SAISIS', 'BP_VERROUILLES_SAISIE',
                          'COMPTES_FAMILLES_ACTIFS', 'BP_CONSULTES_FAMILLES')
    WHERE e.code_enfant IS NOT NULL
    GROUP BY ALL
)
SELECT CASE WHEN $niveau = 'etablissement' THEN niveau_scolaire ELSE code_enfant END AS code,
       libelle, indicateur, masque,
       CASE WHEN NOT masque THEN numerateur END AS numerateur,
       CASE WHEN NOT masque THEN denominateur END AS denominateur,
       CASE WHEN masque THEN NULL
            WHEN denominateur IS NULL THEN compte
            WHEN denominateur > 0 THEN numerateur / denominateur END AS valeur
FROM valeurs
ORDER BY code, indicateur
