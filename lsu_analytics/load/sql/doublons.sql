-- Rows whose (otherwise valid) primary key repeats an earlier valid row; the first one is kept.
-- First the 64-bit hashes that repeat, found by sorting them (a sort stays linear in the rows where a
-- hash table of every key outgrows the caches); only keys whose hash repeats are compared for real.
CREATE OR REPLACE TEMP TABLE candidats AS
SELECT DISTINCT h
FROM (SELECT h, lag(h) OVER (ORDER BY h) AS precedent
      FROM (SELECT hash({pk}) AS h FROM {table} WHERE _erreur IS NULL))
WHERE h = precedent;

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
