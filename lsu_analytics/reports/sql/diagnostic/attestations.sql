SELECT millesime, uai, type, attestation_id, date_obtention
FROM attestations WHERE eleve_id = $eleve_id
ORDER BY millesime DESC, type
