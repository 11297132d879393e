-- Secret secondaire, 1/4 : le graphe des périmètres. Pour chaque uai, la chaîne de ses périmètres du
-- national à l'établissement ; chaque maillon (périmètre, périmètre immédiatement au-dessous) est une arête.
-- Un établissement sans circonscription (2D) est donc enfant direct de son département ; un uai inconnu
-- d'`etablissements`, enfant direct du national.
CREATE OR REPLACE TEMP TABLE ind_sec_aretes AS
WITH chaine AS (
    SELECT uai, niveau_perimetre, code_perimetre,
           list_position(getvariable('ind_niveaux_perimetre'), niveau_perimetre) AS rang
    FROM ind_perimetres
), liee AS (
    SELECT niveau_perimetre, code_perimetre,
           lag(niveau_perimetre) OVER w AS parent_niveau, lag(code_perimetre) OVER w AS parent_code
    FROM chaine
    WINDOW w AS (PARTITION BY uai ORDER BY rang)
)
SELECT DISTINCT parent_niveau, parent_code, niveau_perimetre AS enfant_niveau, code_perimetre AS enfant_code
FROM liee
WHERE parent_niveau IS NOT NULL;

-- Composante de chaque parent : au départ lui-même (numéroté dans un ordre stable). Quand un enfant a
-- plusieurs parents (hiérarchie non emboîtée : un département à cheval sur deux académies), ses parents
-- sont fusionnés par secret_composantes.sql : la relation devient « somme des parents = somme des enfants ».
CREATE OR REPLACE TEMP TABLE ind_sec_composantes AS
SELECT parent_niveau, parent_code,
       row_number() OVER (ORDER BY list_position(getvariable('ind_niveaux_perimetre'), parent_niveau),
                                   parent_code) AS composante
FROM (SELECT DISTINCT parent_niveau, parent_code FROM ind_sec_aretes);
