-- Lignes de la table `indicateurs` avant écriture, avec leurs comptes bruts : chaque indicateur déclaré,
-- pour chaque cellule ayant un élève ; absence de donnée = 0.
-- `id` suit l'ordre (indicateur, période, niveau de périmètre, code, niveau scolaire) : il départage les
-- choix du secret secondaire de façon stable. `taille` = dénominateur d'un ratio, ou le compte.
-- Secret primaire : indicateur fondé sur les élèves dont la taille vaut 1..ind_seuil.
-- Les lignes sont toutes les paires (déclaration, cellule) : leur rang dans cet ordre se calcule à partir
-- du rang de la déclaration et de celui de la cellule, numérotées dans deux petites tables, sans trier les
-- lignes ; les comptes bruts sont rattachés à ce numéro (une clé entière au lieu de cinq colonnes).
CREATE OR REPLACE TEMP TABLE ind_lignes AS
WITH attendus AS (
    SELECT *, row_number() OVER (ORDER BY indicateur, periode NULLS FIRST) - 1 AS rang
    FROM ind_attendus
), cellules AS (
    SELECT *, row_number() OVER (ORDER BY list_position(getvariable('ind_niveaux_perimetre'), niveau_perimetre),
                                          code_perimetre, niveau_scolaire) AS rang
    FROM ind_cellules
), nb AS (
    SELECT count(*) AS n FROM ind_cellules
), bruts AS (
    SELECT a.rang * nb.n + c.rang AS id, b.numerateur, b.denominateur
    FROM ind_bruts b
    JOIN attendus a ON a.indicateur = b.indicateur AND a.periode IS NOT DISTINCT FROM b.periode
    JOIN cellules c ON c.niveau_perimetre = b.niveau_perimetre
                   AND c.code_perimetre = b.code_perimetre
                   AND c.niveau_scolaire = b.niveau_scolaire
    CROSS JOIN nb
), lignes AS (
    SELECT a.rang * nb.n + c.rang AS id, c.niveau_perimetre, c.code_perimetre, c.niveau_scolaire, a.periode,
           a.indicateur, a.ratio,
           coalesce(b.numerateur, 0) AS numerateur,
           CASE WHEN a.ratio THEN coalesce(b.denominateur, 0) END AS denominateur,
           a.fonde_eleves
    FROM cellules c
    CROSS JOIN attendus a
    CROSS JOIN nb
    LEFT JOIN bruts b ON b.id = a.rang * nb.n + c.rang
), tailles AS (
    SELECT *, coalesce(denominateur, numerateur) AS taille FROM lignes
)
SELECT *,
       fonde_eleves AND taille BETWEEN 1 AND getvariable('ind_seuil') AS masque,
       CASE WHEN fonde_eleves AND taille BETWEEN 1 AND getvariable('ind_seuil') THEN 'effectif' END AS motif_masque
FROM tailles;
