-- Secret secondaire, 4/4 : un tour (compute.py le répète jusqu'à ce qu'il n'ajoute plus rien).
-- Une relation « déficitaire » a exactement une cellule masquée : la différence la révèle. Pour chacune,
-- on masque UNE autre cellule de la relation, publiée et non nulle (un 0 masqué ne protège rien), choisie :
--   1. parmi celles qui ouvrent le moins de nouvelles relations déficitaires (relations de la cellule
--      où rien n'est encore masqué) : masquer une cellule qui « suffit » (n'en ouvre aucune) ;
--   2. puis la plus petite (taille : dénominateur ou compte) ;
--   3. puis la première dans l'ordre stable des lignes (id).
-- Les cellules liées (ind_sec_egaux) d'une cellule masquée sont masquées avec elle.
-- Tous les choix d'un tour se font sur l'état du début du tour, puis sont ajoutés ensemble.
CREATE OR REPLACE TEMP TABLE ind_sec_nb AS
SELECT rel, count(*) AS n
FROM ind_sec_membres
WHERE id IN (SELECT id FROM ind_sec_masquees)
GROUP BY rel;

INSERT INTO ind_sec_masquees
WITH deficitaires AS (
    SELECT rel FROM ind_sec_nb WHERE n = 1
), candidats AS (
    SELECT m.rel, m.id, m.taille
    FROM ind_sec_membres m
    WHERE m.rel IN (SELECT rel FROM deficitaires)
      AND m.taille > 0
      AND m.id NOT IN (SELECT id FROM ind_sec_masquees)
), ouvertures AS (
    SELECT m.id, count(*) FILTER (WHERE nb.n IS NULL) AS nouvelles
    FROM ind_sec_membres m
    LEFT JOIN ind_sec_nb nb USING (rel)
    WHERE m.id IN (SELECT id FROM candidats)
    GROUP BY m.id
), choix AS (
    SELECT c.id
    FROM candidats c JOIN ouvertures o USING (id)
    QUALIFY row_number() OVER (PARTITION BY c.rel ORDER BY o.nouvelles, c.taille, c.id) = 1
), lies AS (
    SELECT e.id
    FROM ind_sec_egaux e
    WHERE e.groupe IN (SELECT groupe FROM ind_sec_egaux WHERE id IN (SELECT id FROM ind_sec_masquees))
      AND e.id NOT IN (SELECT id FROM ind_sec_masquees)
)
SELECT id, getvariable('ind_sec_tour') FROM (SELECT id FROM choix UNION SELECT id FROM lies);
