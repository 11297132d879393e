-- Lignes de la table `indicateurs` avant écriture, avec leurs comptes bruts : chaque indicateur déclaré,
-- pour chaque cellule ayant un élève ; absence de donnée = 0.
-- `id` suit l'ordre (indicateur, période, niveau de périmètre, code, niveau scolaire) : il départage les
-- choix du secret secondaire de façon stable. `taille` = dénominateur d'un ratio, ou le compte.
-- Secret primaire : indicateur fondé sur les élèves dont la taille vaut 1..ind_seuil.
CREATE OR REPLACE TEMP TABLE ind_lignes AS
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
)
SELECT row_number() OVER (ORDER BY indicateur, periode NULLS FIRST,
                                   list_position(getvariable('ind_niveaux_perimetre'), niveau_perimetre),
                                   code_perimetre, niveau_scolaire) AS id,
       *,
       coalesce(denominateur, numerateur) AS taille,
       fonde_eleves AND coalesce(denominateur, numerateur) BETWEEN 1 AND getvariable('ind_seuil') AS masque
FROM lignes;

ALTER TABLE ind_lignes ADD COLUMN motif_masque VARCHAR;
UPDATE ind_lignes SET motif_masque = 'effectif' WHERE masque;
