-- id: VIS-02
-- severite: critique
-- titre: Consultation familiale hors compte actif
-- entite: consultation_id
-- remediation: Vérifier le compte EduConnect du responsable (activation, désactivation, rattachement à l'élève) et signaler l'accès au support : un responsable ne doit consulter le livret que pendant que son compte est actif.
-- Compte actif : date_activation <= date_consultation < date_desactivation (ou pas de désactivation).
WITH objets AS (
    SELECT 'BILAN_PERIODIQUE' AS objet, bilan_id AS objet_id, uai, millesime FROM bilans_periodiques
    UNION ALL
    SELECT 'BILAN_CYCLE', bilan_cycle_id, uai, millesime FROM bilans_cycle
    UNION ALL
    SELECT 'ATTESTATION', attestation_id, uai, millesime FROM attestations
),
hors_compte AS (
    SELECT co.*
    FROM consultations AS co
    WHERE co.canal = 'SERVICE_EN_LIGNE'
      AND co.profil = 'RESPONSABLE'
      AND NOT EXISTS (
          SELECT 1
          FROM comptes_responsables AS cr
          WHERE cr.compte_id = co.utilisateur_id
            AND cr.eleve_id = co.eleve_id
            AND cr.date_activation <= co.date_consultation
            AND (cr.date_desactivation IS NULL OR co.date_consultation < cr.date_desactivation)
      )
)
SELECT
    'VIS-02' AS rule_id,
    'critique' AS severite,
    o.uai,
    e.academie,
    o.millesime,
    h.eleve_id,
    NULL AS classe_id,
    h.consultation_id AS objet_id,
    format('La consultation {} du {} sur le service en ligne a été faite avec le compte responsable {}, qui n''était pas un compte actif rattaché à l''élève {} à cette date : vérifier le compte EduConnect et signaler l''accès au support.',
        h.consultation_id, coalesce(strftime(h.date_consultation, '%d/%m/%Y à %H:%M'), 'date inconnue'),
        coalesce(h.utilisateur_id, 'non renseigné'), h.eleve_id) AS detail
FROM hors_compte AS h
LEFT JOIN objets AS o ON o.objet = h.objet AND o.objet_id = h.objet_id
LEFT JOIN etablissements AS e ON e.uai = o.uai
