-- id: VIS-02
-- severite: critique
-- titre: Consultation familiale hors compte actif
-- entite: consultation_id
-- uai: uai de l'objet consulté s'il existe, sinon NULL
-- millesime: millesime de l'objet consulté s'il existe, sinon NULL
-- eleve_id: consultation.eleve_id
-- classe_id: NULL
-- objet_id: consultation_id
-- date_evenement: consultation (consultations.date_consultation)
-- acteur: assistance_nationale
-- explication: Une consultation sur le service en ligne a été faite par un compte responsable qui n'était pas actif pour cet élève à cette date.
-- remediation: Sur le service en ligne, un responsable n'accède au livret que tant que son compte EduConnect est actif : ouvrir en priorité un ticket SESAM à l'assistance nationale LSU avec l'identifiant de la consultation et celui du compte (livret consulté sans droit).
-- Compte actif : date_activation <= date_consultation < date_desactivation (ou pas de désactivation).
WITH objets AS (
    SELECT 'BILAN_PERIODIQUE' AS objet, bilan_id AS objet_id, uai, millesime FROM bilans_periodiques
    UNION ALL
    SELECT 'BILAN_CYCLE', bilan_cycle_id, uai, millesime FROM bilans_cycle
    UNION ALL
    SELECT 'ATTESTATION', attestation_id, uai, millesime FROM attestations
),
hors_compte AS (
    -- ANTI JOIN, not NOT EXISTS: DuckDB plans a correlated NOT EXISTS as a mark join over the deduplicated
    -- consultations; the anti-join hashes the accounts once and streams the consultations through it.
    SELECT co.*
    FROM consultations AS co
    ANTI JOIN comptes_responsables AS cr
           ON cr.compte_id = co.utilisateur_id
          AND cr.eleve_id = co.eleve_id
          AND cr.date_activation <= co.date_consultation
          AND (cr.date_desactivation IS NULL OR co.date_consultation < cr.date_desactivation)
    WHERE co.canal = 'SERVICE_EN_LIGNE'
      AND co.profil = 'RESPONSABLE'
)
SELECT
    'VIS-02' AS rule_id,
    o.uai,
    e.academie,
    o.millesime,
    h.eleve_id,
    NULL AS classe_id,
    h.consultation_id AS objet_id,
    format('La consultation {} du {} sur le service en ligne a été faite avec le compte responsable {}, qui n''était pas un compte actif rattaché à l''élève {} à cette date : vérifier le compte EduConnect et signaler l''accès au support.',
        h.consultation_id, coalesce(strftime(h.date_consultation, '%d/%m/%Y à %H:%M'), 'date inconnue'),
        coalesce(h.utilisateur_id, 'non renseigné'), h.eleve_id) AS detail,
    h.date_consultation AS date_evenement
FROM hors_compte AS h
LEFT JOIN objets AS o ON o.objet = h.objet AND o.objet_id = h.objet_id
LEFT JOIN etablissements AS e ON e.uai = o.uai
