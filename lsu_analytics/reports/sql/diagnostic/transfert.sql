-- Inter-academy transfers of one pupil, academy B of year C against:
--   TRF-01: academy A of the latest earlier enrolment (a transfer A -> B is expected);
--   TRF-02: any older academy left behind (neither of year C nor of the latest earlier year; any transfer
--           from it counts, whatever the destination).
-- With the documents left at A and whether the transfer exists.
WITH m AS (SELECT millesime_courant AS c FROM manifeste LIMIT 1),
ins AS (
    SELECT i.millesime, e.academie
    FROM inscriptions i JOIN etablissements e ON e.uai = i.uai
    WHERE i.eleve_id = $eleve_id
),
avant AS (SELECT max(millesime) AS millesime FROM ins, m WHERE ins.millesime < m.c),
b AS (SELECT DISTINCT academie FROM ins, m WHERE ins.millesime = m.c),
a AS (SELECT DISTINCT ins.millesime, ins.academie FROM ins JOIN avant USING (millesime)),
anciennes AS (
    SELECT max(ins.millesime) AS millesime, ins.academie
    FROM ins, m
    WHERE ins.millesime < m.c
      AND ins.academie NOT IN (SELECT academie FROM b)
      AND ins.academie NOT IN (SELECT academie FROM a)
    GROUP BY ins.academie
),
documents AS (
    SELECT e.academie, count(*) AS n FROM (
        SELECT uai FROM bilans_periodiques WHERE eleve_id = $eleve_id
        UNION ALL SELECT uai FROM bilans_cycle WHERE eleve_id = $eleve_id
        UNION ALL SELECT uai FROM attestations WHERE eleve_id = $eleve_id
    ) d JOIN etablissements e ON e.uai = d.uai
    GROUP BY e.academie
)
SELECT 'TRF-01' AS regle, a.millesime AS millesime_precedent, a.academie AS academie_origine,
       b.academie AS academie_accueil,
       coalesce(documents.n, 0) AS documents_origine,
       (SELECT min(t.date_transfert) FROM transferts t
        WHERE t.eleve_id = $eleve_id AND t.academie_origine = a.academie AND t.academie_accueil = b.academie)
           AS date_transfert,
       EXISTS (SELECT 1 FROM transferts t
               WHERE t.eleve_id = $eleve_id AND t.academie_origine = a.academie
                 AND t.academie_accueil = b.academie) AS transfert_fait
FROM a CROSS JOIN b
LEFT JOIN documents ON documents.academie = a.academie
WHERE a.academie <> b.academie
UNION ALL
SELECT 'TRF-02', an.millesime, an.academie, b.academie,
       coalesce(documents.n, 0),
       (SELECT min(t.date_transfert) FROM transferts t
        WHERE t.eleve_id = $eleve_id AND t.academie_origine = an.academie),
       EXISTS (SELECT 1 FROM transferts t WHERE t.eleve_id = $eleve_id AND t.academie_origine = an.academie)
FROM anciennes AS an CROSS JOIN b
LEFT JOIN documents ON documents.academie = an.academie
ORDER BY regle, academie_origine, academie_accueil
