-- Secret secondaire, 3/4 : les relations additives entre cellules des indicateurs fondés sur les élèves
-- (ind_attendus.fonde_eleves : la seule déclaration ; un nouvel indicateur fondé sur les élèves y entre seul).
-- Une relation = un ensemble de cellules dont l'une se déduit des autres par addition/soustraction :
--   * périmètres (même indicateur, niveau scolaire, période) : les parents d'une composante et leurs enfants
--     immédiats (national ← académies ← départements ← circonscriptions et établissements sans
--     circonscription ; circonscription ← ses établissements) ;
--   * niveaux (même périmètre, indicateur, période) : TOUS et les niveaux.
-- Le numérateur et le dénominateur d'un ratio sont masqués ensemble : une relation sur les cellules couvre
-- les deux. Cellule absente (aucun élève du niveau) = 0 connu, hors relation.
CREATE OR REPLACE TEMP TABLE ind_sec_cellules AS
SELECT id, niveau_perimetre, code_perimetre, niveau_scolaire, coalesce(periode, -1) AS periode, indicateur, taille
FROM ind_lignes
WHERE fonde_eleves;

CREATE OR REPLACE TEMP TABLE ind_sec_membres AS
WITH noeuds AS (
    -- composante où le périmètre est parent, et celle où il est enfant
    SELECT parent_niveau AS niveau_perimetre, parent_code AS code_perimetre, composante FROM ind_sec_composantes
    UNION
    SELECT a.enfant_niveau, a.enfant_code, c.composante
    FROM ind_sec_aretes a JOIN ind_sec_composantes c USING (parent_niveau, parent_code)
), cles AS (
    SELECT c.id, c.taille, 0 AS sorte, n.composante AS k, c.indicateur, c.niveau_scolaire AS s, c.periode
    FROM ind_sec_cellules c JOIN noeuds n USING (niveau_perimetre, code_perimetre)
    UNION ALL
    SELECT id, taille, 1, NULL, indicateur, niveau_perimetre || ' ' || code_perimetre, periode
    FROM ind_sec_cellules
)
SELECT dense_rank() OVER (ORDER BY sorte, k, indicateur, s, periode) AS rel, id, taille
FROM cles;

-- Relations de liaison entre indicateurs : cellules d'un même périmètre, niveau et période dont le
-- dénominateur (ou le compte) est le même nombre par définition (secret_liens.sql). Publier l'une
-- publierait l'autre : elles sont masquées toutes ou aucune. Le lien ne vaut que là où ce nombre est non
-- nul et égal (ATT_ASNS n'a d'élèves qu'en 6E : en CP, son dénominateur 0 n'est pas l'effectif du CP).
CREATE OR REPLACE TEMP TABLE ind_sec_egaux AS
WITH q AS (
    SELECT c.id, l.quantite, c.niveau_perimetre, c.code_perimetre, c.niveau_scolaire, c.periode, c.taille
    FROM ind_sec_cellules c
    JOIN ind_sec_liens l ON c.indicateur LIKE l.motif ESCAPE '\'
                        AND (NOT l.niveaux_seulement OR c.niveau_scolaire <> 'TOUS')
    WHERE c.taille > 0
), g AS (
    SELECT *, count(*) OVER (PARTITION BY quantite, niveau_perimetre, code_perimetre, niveau_scolaire, periode,
                                          taille) AS membres
    FROM q
)
SELECT dense_rank() OVER (ORDER BY quantite, niveau_perimetre, code_perimetre, niveau_scolaire, periode,
                                   taille) AS groupe,
       id
FROM g
WHERE membres > 1;

-- Cellules masquées (primaires d'abord), et le tour où le secret secondaire les a ajoutées.
CREATE OR REPLACE TEMP TABLE ind_sec_masquees AS
SELECT id, 0 AS tour FROM ind_lignes WHERE masque;
