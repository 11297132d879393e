SELECT millesime, uai, cycle, bilan_cycle_id, date_creation, date_verrou, date_visa
FROM bilans_cycle WHERE eleve_id = $eleve_id
ORDER BY millesime DESC, cycle
