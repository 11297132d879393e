-- Rows whose (otherwise valid) primary key repeats an earlier valid row; the first one is kept.
-- Grouping on a 64-bit hash first is cheap; only the few colliding keys are compared for real.
CREATE OR REPLACE TEMP TABLE doublons AS
WITH candidats AS (
    SELECT hash({pk}) AS h
    FROM {table}
    WHERE _erreur IS NULL
    GROUP BY h
    HAVING count(*) > 1
), cles AS (
    SELECT {pk}, min(rowid) AS premier
    FROM {table}
    WHERE _erreur IS NULL AND hash({pk}) IN (SELECT h FROM candidats)
    GROUP BY {pk}
    HAVING count(*) > 1
)
SELECT s.rowid AS ord, c.premier
FROM {table} AS s JOIN cles AS c ON {join}
WHERE s._erreur IS NULL AND s.rowid > c.premier
