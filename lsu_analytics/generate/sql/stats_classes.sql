-- Ce que inj_classes.sql lit des bilans d'une classe, sur leur état final (après les injections du bloc),
-- cumulé bloc après bloc : premier bilan, premier verrouillage de l'année de la classe, et s'il reste un bilan
-- non verrouillé d'une période finie depuis plus de 15 jours (périodes avant inj_periodes.sql).
CREATE OR REPLACE TABLE g_stat_classe AS
SELECT classe_id, min(premier_bilan) AS premier_bilan, min(premier_verrou) AS premier_verrou,
       bool_or(non_verrouille_echu) AS non_verrouille_echu
FROM (
    SELECT * FROM g_stat_classe
    UNION ALL
    SELECT b.classe_id, min(b.date_creation), min(b.date_verrou) FILTER (WHERE b.millesime = c.millesime),
           coalesce(bool_or(b.date_verrou IS NULL AND pe.date_fin + INTERVAL 15 DAY < getvariable('x')), false)
    FROM bilans_periodiques b JOIN classes c ON c.classe_id = b.classe_id
    LEFT JOIN periodes pe ON pe.uai = b.uai AND pe.millesime = b.millesime
        AND pe.periodicite = b.periodicite AND pe.indice = b.indice
    GROUP BY b.classe_id
)
GROUP BY classe_id;
