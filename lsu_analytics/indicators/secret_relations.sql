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

-- Numéro d'une relation, sans trier les cellules : (composante ou périmètre) × (indicateur, niveau, période)
-- numérotés dans de petites tables.
CREATE OR REPLACE TEMP TABLE ind_sec_perimetres AS
SELECT niveau_perimetre, code_perimetre, row_number() OVER (ORDER BY niveau_perimetre, code_perimetre) AS p
FROM (SELECT DISTINCT niveau_perimetre, code_perimetre FROM ind_sec_cellules);
CREATE OR REPLACE TEMP TABLE ind_sec_cles AS
SELECT indicateur, niveau_scolaire, periode, row_number() OVER (ORDER BY indicateur, niveau_scolaire, periode) AS cle
FROM (SELECT DISTINCT indicateur, niveau_scolaire, periode FROM ind_sec_cellules);
CREATE OR REPLACE TEMP TABLE ind_sec_cles_niveaux AS
SELECT indicateur, periode, row_number() OVER (ORDER BY indicateur, periode) AS cle
FROM (SELECT DISTINCT indicateur, periode FROM ind_sec_cellules);

CREATE OR REPLACE TEMP TABLE ind_sec_membres AS
WITH noeuds AS (
    -- composante où le périmètre est parent, et celle où il est enfant
    SELECT parent_niveau AS niveau_perimetre, parent_code AS code_perimetre, composante FROM ind_sec_composantes
    UNION
    SELECT a.enfant_niveau, a.enfant_code, c.composante
    FROM ind_sec_aretes a JOIN ind_sec_composantes c USING (parent_niveau, parent_code)
), tailles AS (
    SELECT (SELECT count(*) FROM ind_sec_cles) AS n_cles,
           (SELECT count(*) FROM ind_sec_cles_niveaux) AS n_cles_niveaux,
           (SELECT coalesce(max(composante), 0) + 1 FROM ind_sec_composantes) AS n_composantes
)
SELECT n.composante * t.n_cles + k.cle AS rel, c.id, c.taille
FROM ind_sec_cellules c
JOIN noeuds n USING (niveau_perimetre, code_perimetre)
JOIN ind_sec_cles k USING (indicateur, niveau_scolaire, periode)
CROSS JOIN tailles t
UNION ALL
SELECT t.n_composantes * t.n_cles + p.p * t.n_cles_niveaux + k.cle, c.id, c.taille
FROM ind_sec_cellules c
JOIN ind_sec_perimetres p USING (niveau_perimetre, code_perimetre)
JOIN ind_sec_cles_niveaux k USING (indicateur, periode)
CROSS JOIN tailles t;

-- Relations de liaison entre indicateurs : cellules d'un même périmètre, niveau et période dont le
-- dénominateur (ou le compte) est le même nombre par définition (secret_liens.sql). Publier l'une
-- publierait l'autre : elles sont masquées toutes ou aucune. Le lien ne vaut que là où ce nombre est non
-- nul et égal (ATT_ASNS n'a d'élèves qu'en 6E : en CP, son dénominateur 0 n'est pas l'effectif du CP).
CREATE OR REPLACE TEMP TABLE ind_sec_egaux AS
WITH carte AS (
    SELECT c.indicateur, l.quantite, l.niveaux_seulement
    FROM (SELECT DISTINCT indicateur FROM ind_sec_cellules) c
    JOIN ind_sec_liens l ON c.indicateur LIKE l.motif ESCAPE '\'
), q AS (
    SELECT c.id, m.quantite, c.niveau_perimetre, c.code_perimetre, c.niveau_scolaire, c.periode, c.taille
    FROM ind_sec_cellules c
    JOIN carte m USING (indicateur)
    WHERE c.taille > 0 AND (NOT m.niveaux_seulement OR c.niveau_scolaire <> 'TOUS')
), g AS (
    -- le numéro d'un groupe ne sert qu'à comparer : l'ordre de numérotation est indifférent
    SELECT quantite, niveau_perimetre, code_perimetre, niveau_scolaire, periode, taille,
           row_number() OVER () AS groupe
    FROM q
    GROUP BY ALL
    HAVING count(*) > 1
)
SELECT g.groupe, q.id
FROM q JOIN g USING (quantite, niveau_perimetre, code_perimetre, niveau_scolaire, periode, taille);

-- Cellules masquées (primaires d'abord), et le tour où le secret secondaire les a ajoutées.
CREATE OR REPLACE TEMP TABLE ind_sec_masquees AS
SELECT id, 0 AS tour FROM ind_lignes WHERE masque;
