-- Needs the tables anomalies, etablissements and manifeste (created after the checks on them).
-- Anomalies of a perimeter at or above a severity (one row per anomaly, with its establishment).
-- An anomaly with no establishment and no academy (e.g. REF-01) only belongs to the national perimeter.
-- `courante`: the anomaly's event (date_evenement) falls in the current school year C, so it can be fixed
-- now; without an event date, its millesime decides (none: current). The others go to their own section.
CREATE OR REPLACE TEMP MACRO anomalies_perimetre(niveau, code, severite_min) AS TABLE
    SELECT a.rule_id, a.severite, rang_severite(a.severite) AS rang, a.uai, e.nom AS etablissement,
           a.academie, e.departement, e.circonscription, a.millesime, a.eleve_id, a.classe_id, a.objet_id,
           a.detail, coalesce(annee_scolaire(a.date_evenement), a.millesime) AS annee,
           coalesce(annee_scolaire(a.date_evenement) >= (SELECT millesime_courant FROM manifeste LIMIT 1),
                    a.millesime >= (SELECT millesime_courant FROM manifeste LIMIT 1), true) AS courante
    FROM anomalies a
    LEFT JOIN etablissements e ON e.uai = a.uai
    WHERE rang_severite(a.severite) <= rang_severite(severite_min)
      AND dans_perimetre(niveau, code, coalesce(a.academie, e.academie), e.departement, e.circonscription, a.uai);

-- One row per entity: the rules that flag the same object (e.g. one retrieval under EP-01 and EP-02) are
-- shown once, together. Without objet_id the rule stays in the key (REC-01 and TRF-01 of a pupil are two).
CREATE OR REPLACE TEMP MACRO entites_perimetre(niveau, code, severite_min) AS TABLE
    SELECT uai, any_value(etablissement) AS etablissement, millesime, eleve_id, classe_id, objet_id,
           bool_and(courante) AS courante, min(rang) AS rang,
           arg_min(severite, rang) AS severite,
           string_agg(rule_id, ', ' ORDER BY rule_id) AS regles,
           string_agg(detail, ' ' ORDER BY rule_id) AS detail
    FROM anomalies_perimetre(niveau, code, severite_min)
    GROUP BY uai, millesime, eleve_id, classe_id, objet_id, CASE WHEN objet_id IS NULL THEN rule_id END;
