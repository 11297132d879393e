-- Écriture de la table `indicateurs` (remplace son contenu) : chaque indicateur déclaré, pour chaque
-- cellule ayant un élève ; absence de donnée = 0 ; dénominateur 0 => valeur NULL, non masquée.
-- Secret statistique : indicateur fondé sur les élèves dont le dénominateur (ou le compte) vaut
-- 1..ind_seuil => numérateur, dénominateur et valeur NULL, masque vrai.
DELETE FROM indicateurs;

INSERT INTO indicateurs
WITH lignes AS (
    SELECT c.niveau_perimetre, c.code_perimetre, c.niveau_scolaire, a.periode, a.indicateur, a.ratio,
           coalesce(b.numerateur, 0) AS numerateur,
           CASE WHEN a.ratio THEN coalesce(b.denominateur, 0) END AS denominateur,
           a.fonde_eleves
    FROM ind_cellules c
    CROSS JOIN ind_attendus a
    LEFT JOIN ind_bruts b
           ON b.indicateur = a.indicateur
          AND b.periode IS NOT DISTINCT FROM a.periode
          AND b.niveau_perimetre = c.niveau_perimetre
          AND b.code_perimetre = c.code_perimetre
          AND b.niveau_scolaire = c.niveau_scolaire
), secret AS (
    SELECT *, fonde_eleves AND coalesce(denominateur, numerateur)
                               BETWEEN 1 AND getvariable('ind_seuil') AS masque
    FROM lignes
)
SELECT (SELECT c FROM ind_params), niveau_perimetre, code_perimetre, niveau_scolaire, periode, indicateur,
       CASE WHEN NOT masque THEN numerateur END,
       CASE WHEN NOT masque THEN denominateur END,
       CASE WHEN masque THEN NULL
            WHEN ratio THEN numerateur / nullif(denominateur, 0)
            ELSE numerateur END,
       masque
FROM secret;
