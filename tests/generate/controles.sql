-- Contrôle indépendant des règles de rules.md sur un export chargé (tests du générateur).
-- Variables : c (millésime courant), x (date d'extraction). Résultat : controle_anomalies,
-- colonnes comme docs/anomalies.md (academie ajoutée ensuite).
CREATE OR REPLACE TEMP MACRO ann_sco(d) AS CASE WHEN month(d) >= 9 THEN year(d) ELSE year(d) - 1 END;
CREATE OR REPLACE TEMP MACRO iso(ts) AS strftime(ts, '%Y-%m-%dT%H:%M:%S');

CREATE OR REPLACE TABLE visibilite AS
SELECT * FROM (VALUES
    ('CP', ['CP']), ('CE1', ['CP', 'CE1']), ('CE2', ['CP', 'CE1', 'CE2']), ('CM1', ['CP', 'CE1', 'CE2', 'CM1']),
    ('CM2', ['CM1', 'CM2']), ('6E', ['CM1', 'CM2', '6E']), ('5E', ['CM1', 'CM2', '6E', '5E']),
    ('4E', ['5E', '4E']), ('3E', ['5E', '4E', '3E'])
) t(niveau_enseignant, visibles);

CREATE OR REPLACE TABLE controle_anomalies AS
SELECT 'PER-01' AS rule_id, b.uai, b.millesime, b.eleve_id, b.classe_id, b.bilan_id AS objet_id
FROM bilans_periodiques b
WHERE NOT EXISTS (SELECT 1 FROM periodes p WHERE p.uai = b.uai AND p.millesime = b.millesime
                  AND p.periodicite = b.periodicite AND p.indice = b.indice AND p.nb_periodes = b.nb_periodes)
UNION ALL
SELECT 'PER-02', c.uai, getvariable('c'), NULL, c.classe_id, NULL
FROM classes c
WHERE c.millesime = getvariable('c')
  AND EXISTS (SELECT 1 FROM inscriptions i WHERE i.classe_id = c.classe_id)
  AND (c.periodicite IS NULL OR NOT EXISTS (SELECT 1 FROM periodes p WHERE p.uai = c.uai
       AND p.millesime = getvariable('c') AND p.periodicite = c.periodicite))
UNION ALL
SELECT 'PER-03', uai, millesime, NULL, NULL, periodicite
FROM (
    SELECT uai, millesime, periodicite,
           count(DISTINCT nb_periodes) > 1
           OR list_sort(list(indice)) <> generate_series(1, max(nb_periodes))
           OR bool_or(date_fin < date_debut) AS incoherent
    FROM periodes GROUP BY ALL
) g
WHERE incoherent OR EXISTS (
    SELECT 1 FROM periodes p1 JOIN periodes p2 ON p2.uai = p1.uai AND p2.millesime = p1.millesime
        AND p2.periodicite = p1.periodicite AND p2.indice = p1.indice + 1
    WHERE p1.uai = g.uai AND p1.millesime = g.millesime AND p1.periodicite = g.periodicite
      AND p2.date_debut <= p1.date_fin)
UNION ALL
SELECT 'PER-04', uai, millesime, NULL, NULL, periodicite
FROM periodes GROUP BY uai, millesime, periodicite
HAVING min(date_parametrage) > max(CASE WHEN indice = 1 THEN date_debut END) + INTERVAL 30 DAY
UNION ALL
SELECT CASE pc.champ WHEN 'TYPE_POSITIONNEMENT' THEN 'PAR-01' ELSE 'PAR-02' END, c.uai, c.millesime, NULL,
       pc.classe_id, pc.classe_id || '|' || iso(pc.date_changement)
FROM parametrages_classe pc JOIN classes c ON c.classe_id = pc.classe_id
WHERE pc.champ IN ('TYPE_POSITIONNEMENT', 'SOURCE_DONNEES')
  AND pc.date_changement > (SELECT min(b.date_creation) FROM bilans_periodiques b WHERE b.classe_id = pc.classe_id)
UNION ALL
SELECT 'EP-01', c.uai, r.millesime, NULL, r.classe_id, r.classe_id || '|' || iso(r.date_recuperation)
FROM recuperations_ep r JOIN classes c ON c.classe_id = r.classe_id
WHERE r.date_recuperation > (SELECT min(b.date_verrou) FROM bilans_periodiques b
                             WHERE b.classe_id = r.classe_id AND b.millesime = r.millesime)
UNION ALL
SELECT 'EP-02', c.uai, r.millesime, NULL, r.classe_id, r.classe_id || '|' || iso(r.date_recuperation)
FROM recuperations_ep r JOIN classes c ON c.classe_id = r.classe_id
WHERE r.perimetre = 'PERIODE'
   OR r.date_recuperation > (SELECT p.date_fin FROM periodes p WHERE p.uai = c.uai AND p.millesime = c.millesime
                             AND p.periodicite = c.periodicite AND p.indice = 1)
UNION ALL
SELECT 'HIS-01', uai, millesime, eleve_id, classe_id, bilan_id
FROM bilans_periodiques WHERE millesime < ann_sco(date_creation)
UNION ALL
SELECT 'HIS-01', uai, millesime, eleve_id, NULL, bilan_cycle_id
FROM bilans_cycle WHERE millesime < ann_sco(date_creation)
UNION ALL
SELECT 'HIS-02', r.uai, r.millesime, r.eleve_id, r.classe_id, m.modification_id
FROM modifications m
JOIN (SELECT 'BILAN_PERIODIQUE' AS objet, bilan_id AS id, uai, millesime, eleve_id, classe_id FROM bilans_periodiques
      UNION ALL SELECT 'BILAN_CYCLE', bilan_cycle_id, uai, millesime, eleve_id, NULL FROM bilans_cycle) r
  ON r.objet = m.objet AND r.id = m.objet_id
LEFT JOIN etablissements e ON e.uai = r.uai
WHERE m.action IN ('MODIFICATION', 'VERROUILLAGE', 'DEVERROUILLAGE', 'SUPPRESSION')
  AND r.millesime < ann_sco(m.date_modification)
  AND NOT EXISTS (
      SELECT 1 FROM autorisations a
      WHERE a.uai = r.uai AND a.eleve_id = r.eleve_id AND (a.objet_id IS NULL OR a.objet_id = r.id)
        AND a.millesime_concerne = r.millesime AND a.date_autorisation <= CAST(m.date_modification AS DATE)
        AND regexp_full_match(a.reference_sesam, '[0-9]{7}')
        AND a.autorite = CASE e.degre WHEN '1D' THEN 'DASEN' WHEN '2D' THEN 'CHEF_ETABLISSEMENT' END)
UNION ALL
SELECT 'TRF-01', cur.uai, getvariable('c'), cur.eleve_id, NULL, NULL
FROM (
    SELECT i.eleve_id, i.uai, e.academie,
           row_number() OVER (PARTITION BY i.eleve_id ORDER BY i.date_entree DESC, i.uai DESC) AS rn
    FROM inscriptions i JOIN etablissements e ON e.uai = i.uai WHERE i.millesime = getvariable('c')
) cur
JOIN (
    SELECT i.eleve_id, e.academie,
           rank() OVER (PARTITION BY i.eleve_id ORDER BY i.millesime DESC) AS rk
    FROM inscriptions i JOIN etablissements e ON e.uai = i.uai WHERE i.millesime < getvariable('c')
) prev ON prev.eleve_id = cur.eleve_id AND prev.rk = 1 AND prev.academie <> cur.academie
WHERE cur.rn = 1
  AND EXISTS (
      SELECT 1 FROM (SELECT eleve_id, uai FROM bilans_periodiques UNION ALL SELECT eleve_id, uai FROM bilans_cycle
                     UNION ALL SELECT eleve_id, uai FROM attestations) r
      JOIN etablissements ea ON ea.uai = r.uai
      WHERE r.eleve_id = cur.eleve_id AND ea.academie = prev.academie)
  AND NOT EXISTS (SELECT 1 FROM transferts t WHERE t.eleve_id = cur.eleve_id
                  AND t.academie_origine = prev.academie AND t.academie_accueil = cur.academie)
UNION ALL
SELECT 'TRF-02', cur.uai, getvariable('c'), cur.eleve_id, NULL, old.academie
FROM (
    SELECT i.eleve_id, i.uai, row_number() OVER (PARTITION BY i.eleve_id ORDER BY i.date_entree DESC, i.uai DESC) AS rn
    FROM inscriptions i JOIN etablissements e ON e.uai = i.uai WHERE i.millesime = getvariable('c')
) cur
JOIN (
    SELECT DISTINCT i.eleve_id, e.academie
    FROM inscriptions i JOIN etablissements e ON e.uai = i.uai WHERE i.millesime < getvariable('c')
) old ON old.eleve_id = cur.eleve_id
LEFT JOIN (
    -- académie de la dernière année antérieure (cas de TRF-01)
    SELECT i.eleve_id, e.academie,
           row_number() OVER (PARTITION BY i.eleve_id ORDER BY i.millesime DESC, i.date_entree DESC, i.uai DESC) AS rn
    FROM inscriptions i JOIN etablissements e ON e.uai = i.uai WHERE i.millesime < getvariable('c')
) last ON last.eleve_id = cur.eleve_id AND last.rn = 1
WHERE cur.rn = 1
  AND old.academie IS DISTINCT FROM last.academie
  AND NOT EXISTS (SELECT 1 FROM inscriptions i JOIN etablissements e ON e.uai = i.uai
                  WHERE i.eleve_id = cur.eleve_id AND i.millesime = getvariable('c') AND e.academie = old.academie)
  AND EXISTS (
      SELECT 1 FROM (SELECT eleve_id, uai FROM bilans_periodiques UNION ALL SELECT eleve_id, uai FROM bilans_cycle
                     UNION ALL SELECT eleve_id, uai FROM attestations) r
      JOIN etablissements ea ON ea.uai = r.uai
      WHERE r.eleve_id = cur.eleve_id AND ea.academie = old.academie)
  AND NOT EXISTS (SELECT 1 FROM transferts t WHERE t.eleve_id = cur.eleve_id AND t.academie_origine = old.academie)
UNION ALL
SELECT 'VIS-01', b.uai, b.millesime, co.eleve_id, co.classe_id_utilisateur, co.consultation_id
FROM consultations co
JOIN bilans_periodiques b ON b.bilan_id = co.objet_id
JOIN classes cb ON cb.classe_id = b.classe_id
JOIN classes ct ON ct.classe_id = co.classe_id_utilisateur
JOIN visibilite v ON v.niveau_enseignant = ct.niveau
WHERE co.canal = 'LSU' AND co.profil = 'ENSEIGNANT' AND co.objet = 'BILAN_PERIODIQUE'
  AND NOT list_contains(v.visibles, cb.niveau)
UNION ALL
SELECT 'VIS-02', o.uai, o.millesime, co.eleve_id, NULL, co.consultation_id
FROM consultations co
LEFT JOIN (SELECT 'BILAN_PERIODIQUE' AS objet, bilan_id AS id, uai, millesime FROM bilans_periodiques
           UNION ALL SELECT 'BILAN_CYCLE', bilan_cycle_id, uai, millesime FROM bilans_cycle
           UNION ALL SELECT 'ATTESTATION', attestation_id, uai, millesime FROM attestations) o
  ON o.objet = co.objet AND o.id = co.objet_id
WHERE co.canal = 'SERVICE_EN_LIGNE' AND co.profil = 'RESPONSABLE'
  AND NOT EXISTS (SELECT 1 FROM comptes_responsables cr WHERE cr.compte_id = co.utilisateur_id
                  AND cr.eleve_id = co.eleve_id AND cr.date_activation <= co.date_consultation
                  AND (cr.date_desactivation IS NULL OR co.date_consultation < cr.date_desactivation))
UNION ALL
SELECT 'SEL-01', uai, NULL, NULL, NULL, NULL FROM etablissements WHERE degre = '2D' AND NOT service_en_ligne_ouvert
UNION ALL
SELECT 'VER-01', b.uai, b.millesime, b.eleve_id, b.classe_id, m.modification_id
FROM modifications m JOIN bilans_periodiques b ON b.bilan_id = m.objet_id
WHERE m.objet = 'BILAN_PERIODIQUE' AND m.action = 'DEVERROUILLAGE' AND m.date_modification > b.date_visa
UNION ALL
SELECT 'VER-02', uai, millesime, eleve_id, classe_id, bilan_id
FROM bilans_periodiques WHERE (date_verrou IS NULL) <> (date_publication IS NULL)
UNION ALL
SELECT 'VER-03', b.uai, b.millesime, b.eleve_id, b.classe_id, b.bilan_id
FROM bilans_periodiques b
JOIN classes c ON c.classe_id = b.classe_id
JOIN periodes p ON p.uai = b.uai AND p.millesime = b.millesime AND p.periodicite = b.periodicite AND p.indice = b.indice
WHERE b.millesime = getvariable('c') AND c.source_donnees = 'SAISIE' AND b.date_verrou IS NULL
  AND p.date_fin + INTERVAL 15 DAY < getvariable('x')
UNION ALL
SELECT 'REC-01', i.uai, getvariable('c'), i.eleve_id, NULL, NULL
FROM (SELECT DISTINCT eleve_id, uai FROM inscriptions WHERE millesime = getvariable('c')) i
WHERE NOT EXISTS (SELECT 1 FROM bilans_periodiques b WHERE b.eleve_id = i.eleve_id AND b.uai = i.uai AND b.millesime = getvariable('c'))
  AND NOT EXISTS (SELECT 1 FROM bilans_cycle b WHERE b.eleve_id = i.eleve_id AND b.uai = i.uai AND b.millesime = getvariable('c'))
  AND NOT EXISTS (SELECT 1 FROM attestations a WHERE a.eleve_id = i.eleve_id AND a.uai = i.uai AND a.millesime = getvariable('c'))
UNION ALL
SELECT 'CMP-01', b.uai, b.millesime, b.eleve_id, b.classe_id, b.bilan_id
FROM bilans_periodiques b LEFT JOIN etablissements e ON e.uai = b.uai
WHERE b.millesime = getvariable('c') AND b.date_verrou IS NOT NULL
  AND (NOT EXISTS (SELECT 1 FROM acquis a WHERE a.bilan_id = b.bilan_id)
       OR NOT b.synthese_renseignee
       OR (e.degre = '2D' AND NOT b.vie_scolaire_renseignee)
       OR EXISTS (SELECT 1 FROM acquis a WHERE a.bilan_id = b.bilan_id
                  AND (a.nb_elements_programme = 0 OR (a.positionnement IS NULL AND a.moyenne_eleve IS NULL))));
