-- Contexte commun aux familles d'indicateurs : tables temporaires ind_*, recréées à chaque calcul.
-- Variables posées par compute.py : ind_niveaux, ind_cycles, ind_domaines, ind_regles, ind_seuil.

-- C et X : le manifeste de l'export chargé. Une période « finie » a date_fin < date de X.
CREATE OR REPLACE TEMP TABLE ind_params AS
SELECT millesime_courant AS c, date_extraction AS x, CAST(date_extraction AS DATE) AS x_date
FROM manifeste;

-- Niveaux du contrat dans l'ordre, avec leur cycle (lsu_analytics.contract).
CREATE OR REPLACE TEMP TABLE ind_niveaux AS
SELECT unnest(getvariable('ind_niveaux')) AS niveau,
       unnest(getvariable('ind_cycles')) AS cycle,
       unnest(range(1, len(getvariable('ind_niveaux')) + 1)) AS rang;

-- Inscriptions de C ; niveau = celui de la classe (NULL si la classe manque : l'élève ne compte qu'en TOUS).
CREATE OR REPLACE TEMP TABLE ind_inscriptions AS
SELECT i.eleve_id, i.uai, i.classe_id, cl.niveau
FROM inscriptions i
LEFT JOIN classes cl USING (classe_id)
WHERE i.millesime = (SELECT c FROM ind_params);

-- Niveau(x) d'un élève dans un établissement en C : rattache bilans de cycle et anomalies à un niveau.
CREATE OR REPLACE TEMP TABLE ind_niveaux_eleve AS
SELECT DISTINCT eleve_id, uai, niveau FROM ind_inscriptions WHERE niveau IS NOT NULL;

-- Élèves comptés une fois par périmètre et par niveau (EFFECTIF, COMPTES_FAMILLES_ACTIFS, ATT_*, BFC_SAISIS) :
-- une ligne par (élève, uai, niveau) de C. `seul` : c'est la seule ligne de l'élève (presque tous les élèves).
-- Un élève seul est dans un seul uai et un seul niveau : il se compte par (uai, niveau), puis ces comptes
-- s'additionnent par périmètre sans compter deux fois personne ; les autres (plusieurs établissements ou
-- niveaux en C) sont dédoublonnés par périmètre, sur peu de lignes.
CREATE OR REPLACE TEMP TABLE ind_eleves AS
WITH lignes AS (
    SELECT DISTINCT eleve_id, uai, niveau FROM ind_inscriptions WHERE eleve_id IS NOT NULL AND uai IS NOT NULL
), nb AS (
    SELECT eleve_id, count(*) AS n FROM lignes GROUP BY eleve_id
)
SELECT l.eleve_id, l.uai, l.niveau, nb.n = 1 AS seul
FROM lignes l JOIN nb USING (eleve_id);

-- Le comptage lui-même, commun à ces indicateurs. `t` : nom d'une vue (groupe, eleve_id, uai, niveau, seul,
-- compte) tirée d'ind_eleves ; `groupe` sépare des indicateurs calculés ensemble (le type d'ATT_*), `compte`
-- dit si l'élève compte au numérateur. Rend, par groupe, périmètre et niveau (et TOUS), les élèves qui
-- comptent et les élèves, chacun une fois par périmètre.
CREATE OR REPLACE TEMP MACRO ind_eleves_par_perimetre(t) AS TABLE
WITH par_uai AS (
    SELECT groupe, uai, niveau, count(*) FILTER (WHERE compte) AS comptes, count(*) AS eleves
    FROM query_table(t) WHERE seul GROUP BY ALL
), comptes AS (
    SELECT u.groupe, p.niveau_perimetre, p.code_perimetre,
           CASE WHEN grouping(u.niveau) = 1 THEN 'TOUS' ELSE u.niveau END AS niveau_scolaire,
           sum(u.comptes) AS comptes, sum(u.eleves) AS eleves
    FROM par_uai u
    JOIN ind_perimetres p USING (uai)
    GROUP BY GROUPING SETS ((u.groupe, p.niveau_perimetre, p.code_perimetre, u.niveau),
                            (u.groupe, p.niveau_perimetre, p.code_perimetre))
    UNION ALL
    SELECT e.groupe, p.niveau_perimetre, p.code_perimetre,
           CASE WHEN grouping(e.niveau) = 1 THEN 'TOUS' ELSE e.niveau END,
           count(DISTINCT e.eleve_id) FILTER (WHERE e.compte), count(DISTINCT e.eleve_id)
    FROM query_table(t) e
    JOIN ind_perimetres p USING (uai)
    WHERE NOT e.seul
    GROUP BY GROUPING SETS ((e.groupe, p.niveau_perimetre, p.code_perimetre, e.niveau),
                            (e.groupe, p.niveau_perimetre, p.code_perimetre))
)
SELECT groupe, niveau_perimetre, code_perimetre, niveau_scolaire, sum(comptes) AS comptes, sum(eleves) AS eleves
FROM comptes
GROUP BY ALL;

-- Périmètres de chaque UAI rencontré. Un UAI inconnu d'`etablissements` ne remonte qu'au national
-- (et à lui-même) ; la circonscription ne vaut que pour le 1D.
CREATE OR REPLACE TEMP TABLE ind_perimetres AS
WITH uais AS (
    SELECT uai FROM etablissements
    UNION SELECT uai FROM ind_inscriptions
    UNION SELECT uai FROM classes
    UNION SELECT uai FROM bilans_periodiques
    UNION SELECT uai FROM bilans_cycle
    UNION SELECT uai FROM anomalies
), u AS (
    SELECT uais.uai, e.academie, e.departement,
           CASE WHEN e.degre = '1D' THEN e.circonscription END AS circonscription
    FROM uais LEFT JOIN etablissements e USING (uai)
    WHERE uais.uai IS NOT NULL
)
SELECT uai, 'national' AS niveau_perimetre, 'FR' AS code_perimetre FROM u
UNION ALL SELECT uai, 'academie', academie FROM u WHERE academie IS NOT NULL
UNION ALL SELECT uai, 'departement', departement FROM u WHERE departement IS NOT NULL
UNION ALL SELECT uai, 'circonscription', circonscription FROM u WHERE circonscription IS NOT NULL
UNION ALL SELECT uai, 'etablissement', uai FROM u;

-- Cellules = (périmètre, niveau scolaire ou TOUS) ayant au moins un élève inscrit en C :
-- chaque indicateur y a une ligne, et seulement là.
-- (Couples uai × niveau d'abord : quelques milliers de lignes à joindre aux périmètres, pas une par inscription.)
CREATE OR REPLACE TEMP TABLE ind_cellules AS
SELECT DISTINCT p.niveau_perimetre, p.code_perimetre, t.niveau_scolaire
FROM (SELECT DISTINCT uai, niveau FROM ind_inscriptions) i
JOIN ind_perimetres p USING (uai)
CROSS JOIN UNNEST(list_filter([i.niveau, 'TOUS'], lambda n: n IS NOT NULL)) AS t(niveau_scolaire);

-- Ce que chaque famille déclare (indicateur × période) et ce qu'elle calcule (comptes non masqués).
CREATE OR REPLACE TEMP TABLE ind_attendus (
    famille VARCHAR, indicateur VARCHAR, periode INTEGER, ratio BOOLEAN, fonde_eleves BOOLEAN
);
CREATE OR REPLACE TEMP TABLE ind_bruts (
    indicateur VARCHAR, periode INTEGER, niveau_perimetre VARCHAR, code_perimetre VARCHAR,
    niveau_scolaire VARCHAR, numerateur BIGINT, denominateur BIGINT
);
