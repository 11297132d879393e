-- Chaque élève appartient à un seul « lot » d'injection : une règle ne modifie que les données de son lot,
-- donc une injection ne crée pas d'anomalie d'une autre règle. Lots 0, 13..15 : jamais modifiés.
-- Lot 3 (TRF-01) : exactement les élèves arrivés d'une autre académie en C.
-- Lot 16 (TRF-02) : exactement les élèves arrivés d'une autre académie en C-1, inscrits en C-2 et en C.
CREATE OR REPLACE TABLE g_pool AS
SELECT eleve_id, k, lvl_c,
       CASE WHEN mouvement = 'INTER' AND ym = getvariable('c') AND lvl_c BETWEEN 1 AND 8 THEN 3
            WHEN mouvement = 'INTER' AND ym = getvariable('c') - 1 AND lvl_c BETWEEN 2 AND 8 THEN 16
            WHEN rndi('pool', k, 15) >= 3 THEN rndi('pool', k, 15) + 1
            ELSE rndi('pool', k, 15) END AS slot
FROM g_eleve;

