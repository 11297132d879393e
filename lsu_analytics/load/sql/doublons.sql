-- Rows whose (otherwise valid) primary key repeats an earlier valid row; the first one is kept.
-- First the 64-bit hashes that repeat: sorted into a table (a sort stays linear in the rows where a hash
-- table of every key outgrows the caches), then each compared with the one before it. The load keeps
-- insertion order, so a window with an empty OVER reads that table in sorted order (DuckDB guarantees it)
-- and does not sort again. Only keys whose hash repeats are compared for real.
CREATE OR REPLACE TEMP TABLE empreintes AS
SELECT hash({pk}) AS h
FROM {table}
WHERE _erreur IS NULL
ORDER BY h;

CREATE OR REPLACE TEMP TABLE candidats AS
SELECT DISTINCT h
FROM (SELECT h, lag(h) OVER () AS precedent FROM empreintes)
WHERE h = precedent;

DROP TABLE empreintes;

CREATE OR REPLACE TEMP TABLE doublons AS
WITH suspects AS (
    SELECT rowid AS ord, {pk}
    FROM {table}
    WHERE _erreur IS NULL AND hash({pk}) IN (SELECT h FROM candidats)
), cles AS (
    SELECT {pk}, min(ord) AS premier
    FROM suspects
    GROUP BY {pk}
    HAVING count(*) > 1
)
SELECT s.ord, c.premier
FROM suspects AS s JOIN cles AS c ON {join}
WHERE s.ord > c.premier;
