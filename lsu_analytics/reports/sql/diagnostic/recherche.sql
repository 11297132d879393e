-- REC-01: LSU's search shows a pupil at an establishment only if, in year C, they have there at least
-- one periodic report, end-of-cycle report or attestation.
WITH m AS (SELECT millesime_courant AS c FROM manifeste LIMIT 1),
ins AS (
    SELECT DISTINCT i.uai FROM inscriptions i, m WHERE i.eleve_id = $eleve_id AND i.millesime = m.c
)
SELECT ins.uai, e.nom AS etablissement,
       (SELECT count(*) FROM bilans_periodiques b, m
        WHERE b.eleve_id = $eleve_id AND b.uai = ins.uai AND b.millesime = m.c) AS bilans,
       (SELECT count(*) FROM bilans_cycle b, m
        WHERE b.eleve_id = $eleve_id AND b.uai = ins.uai AND b.millesime = m.c) AS bilans_cycle,
       (SELECT count(*) FROM attestations a, m
        WHERE a.eleve_id = $eleve_id AND a.uai = ins.uai AND a.millesime = m.c) AS attestations
FROM ins LEFT JOIN etablissements e ON e.uai = ins.uai
ORDER BY ins.uai
