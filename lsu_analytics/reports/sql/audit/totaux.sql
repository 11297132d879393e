-- How many anomalies in the perimeter (current year, earlier years, objects), how many with no
-- establishment, and how many checks were run.
SELECT (SELECT count(*) FROM anomalies_perimetre($niveau, $code, $severite_min)) AS total,
       (SELECT count(*) FROM anomalies_perimetre($niveau, $code, $severite_min) WHERE courante) AS courantes,
       (SELECT count(*) FROM anomalies_perimetre($niveau, $code, $severite_min) WHERE NOT courante) AS anterieures,
       (SELECT count(*) FROM entites_perimetre($niveau, $code, $severite_min) WHERE courante) AS entites_courantes,
       (SELECT count(*) FROM entites_perimetre($niveau, $code, $severite_min) WHERE NOT courante) AS entites_anterieures,
       (SELECT count(*) FROM anomalies_perimetre($niveau, $code, $severite_min) WHERE uai IS NULL) AS sans_etablissement,
       (SELECT count(*) FROM anomalies WHERE uai IS NULL AND academie IS NULL) AS non_rattachees,
       (SELECT count(*) FROM controles) AS controles,
       (SELECT max(fin) FROM controles) AS dernier_controle
