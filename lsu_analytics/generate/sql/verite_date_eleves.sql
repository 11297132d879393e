-- Vérité qui suit la date d'extraction (generate --extractions, de septembre à juin), dans chaque bloc d'élèves :
-- ce que la date seule fait apparaître dans des données sans injection. Avant la fin de la première période, un
-- élève peut n'avoir encore aucun bilan ni attestation dans son établissement (REC-01). Une clé déjà déclarée
-- par une injection ne l'est pas deux fois. À la date habituelle (mi-mars), rien n'est ajouté.
INSERT INTO verite
SELECT DISTINCT 'REC-01', i.uai, NULL, getvariable('c'), i.eleve_id, NULL, NULL
FROM inscriptions i
WHERE i.millesime = getvariable('c')
  AND NOT EXISTS (SELECT 1 FROM bilans_periodiques b
                  WHERE b.eleve_id = i.eleve_id AND b.uai = i.uai AND b.millesime = getvariable('c'))
  AND NOT EXISTS (SELECT 1 FROM bilans_cycle b
                  WHERE b.eleve_id = i.eleve_id AND b.uai = i.uai AND b.millesime = getvariable('c'))
  AND NOT EXISTS (SELECT 1 FROM attestations a
                  WHERE a.eleve_id = i.eleve_id AND a.uai = i.uai AND a.millesime = getvariable('c'))
  AND NOT EXISTS (SELECT 1 FROM verite v
                  WHERE v.rule_id = 'REC-01' AND v.eleve_id = i.eleve_id AND v.uai = i.uai);
