-- BP_VERROUILLES_SAISIE (indicators.md v2), une ligne par indice de période (celles de ind_periodes_bp) :
-- bilans de C verrouillés / bilans de C saisis, limités aux bilans dont la période est terminée (leur ligne
-- de `periodes`, trouvée comme PER-01 la cherche, a date_fin < X ; sans ligne, le bilan ne compte pas)
-- et aux classes en source_donnees SAISIE (une classe alimentée par un logiciel ne verrouille pas dans LSU).
-- Périmètre = uai du bilan, niveau = celui de sa classe, comme BP_VERROUILLES. Fondé sur les élèves.
INSERT INTO ind_attendus
SELECT 'verrouillage_saisie', 'BP_VERROUILLES_SAISIE', p.periode, true, true
FROM ind_periodes_bp p;

INSERT INTO ind_bruts
WITH par_uai AS (
    SELECT b.uai, cl.niveau, b.indice,
           count(*) FILTER (WHERE b.date_verrou IS NOT NULL) AS verrouilles,
           count(*) AS saisis
    FROM bilans_periodiques b
    JOIN classes cl ON cl.classe_id = b.classe_id AND cl.source_donnees = 'SAISIE'
    WHERE b.millesime = (SELECT c FROM ind_params) AND b.indice IS NOT NULL
      AND EXISTS (SELECT 1 FROM periodes pe
                  WHERE pe.uai = b.uai AND pe.millesime = b.millesime AND pe.periodicite = b.periodicite
                    AND pe.indice = b.indice AND pe.nb_periodes = b.nb_periodes
                    AND pe.date_fin < (SELECT x_date FROM ind_params))
    GROUP BY ALL
)
SELECT 'BP_VERROUILLES_SAISIE', u.indice, p.niveau_perimetre, p.code_perimetre,
       CASE WHEN grouping(u.niveau) = 1 THEN 'TOUS' ELSE u.niveau END,
       sum(u.verrouilles), sum(u.saisis)
FROM par_uai u
JOIN ind_perimetres p USING (uai)
GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, u.niveau, u.indice),
                        (p.niveau_perimetre, p.code_perimetre, u.indice));
