-- id: HIS-02
-- severite: critique
-- titre: Modification d'une année antérieure sans autorisation
-- entite: modification_id
-- uai: rapport.uai
-- millesime: rapport.millesime
-- eleve_id: rapport.eleve_id
-- classe_id: bilan.classe_id (NULL pour un bilan de cycle)
-- objet_id: modification_id
-- date_evenement: modification (modifications.date_modification)
-- acteur: autorite_annee_anterieure
-- explication: Un bilan d'une année close a été modifié, verrouillé, déverrouillé ou supprimé sans autorisation écrite valable (DASEN au 1er degré, chef d'établissement au 2d, référence SESAM).
-- remediation: Obtenir l'autorisation écrite du DASEN (école du 1er degré) ou du chef d'établissement (collège), détaillant les éléments à modifier (article 6 de l'arrêté du 24 octobre 2017), et la joindre au ticket SESAM de la modification ; à défaut, ouvrir un ticket SESAM à l'assistance nationale LSU pour faire vérifier le bilan modifié.
-- Une autorisation valide remplit toutes les conditions ; les candidates sont celles de l'élève ou de
-- l'établissement du bilan, et la plus proche (nommée dans detail) est celle qui en remplit le plus.
WITH rapports AS (
    SELECT 'BILAN_PERIODIQUE' AS objet, bilan_id AS rapport_id, uai, eleve_id, classe_id, millesime
    FROM bilans_periodiques
    UNION ALL
    SELECT 'BILAN_CYCLE' AS objet, bilan_cycle_id AS rapport_id, uai, eleve_id, NULL AS classe_id, millesime
    FROM bilans_cycle
),
modifs AS (
    SELECT m.modification_id, m.action, m.date_modification,
           r.objet, r.rapport_id, r.uai, r.eleve_id, r.classe_id, r.millesime,
           e.academie, e.degre,
           CASE e.degre WHEN '1D' THEN 'DASEN' WHEN '2D' THEN 'CHEF_ETABLISSEMENT' END AS autorite_attendue
    FROM modifications AS m
    JOIN rapports AS r ON r.objet = m.objet AND r.rapport_id = m.objet_id
    LEFT JOIN etablissements AS e ON e.uai = r.uai
    WHERE m.action IN ('MODIFICATION', 'VERROUILLAGE', 'DEVERROUILLAGE', 'SUPPRESSION')
      AND r.millesime < annee_scolaire(m.date_modification)
),
paires AS (
    -- Candidates: the pupil's authorisations and those of the report's establishment.
    SELECT md.modification_id, a.autorisation_id
    FROM modifs AS md JOIN autorisations AS a ON a.eleve_id = md.eleve_id
    UNION
    SELECT md.modification_id, a.autorisation_id
    FROM modifs AS md JOIN autorisations AS a ON a.uai = md.uai
),
candidats AS (
    SELECT md.modification_id, a.autorisation_id, a.date_autorisation,
           coalesce(a.uai = md.uai, false) AS uai_ok,
           coalesce(a.eleve_id = md.eleve_id, false) AS eleve_ok,
           coalesce(a.objet_id IS NULL OR a.objet_id = md.rapport_id, false) AS objet_ok,
           coalesce(a.millesime_concerne = md.millesime, false) AS millesime_ok,
           coalesce(a.date_autorisation <= CAST(md.date_modification AS DATE), false) AS date_ok,
           coalesce(regexp_full_match(a.reference_sesam, '[0-9]{7}'), false) AS sesam_ok,
           coalesce(a.autorite = md.autorite_attendue, false) AS autorite_ok,
           a.autorite
    FROM paires AS p
    JOIN modifs AS md ON md.modification_id = p.modification_id
    JOIN autorisations AS a ON a.autorisation_id = p.autorisation_id
),
scores AS (
    SELECT *,
           uai_ok AND eleve_ok AND objet_ok AND millesime_ok AND date_ok AND sesam_ok AND autorite_ok AS valide,
           CAST(uai_ok AS INTEGER) + CAST(eleve_ok AS INTEGER) + CAST(objet_ok AS INTEGER) + CAST(millesime_ok AS INTEGER)
             + CAST(date_ok AS INTEGER) + CAST(sesam_ok AS INTEGER) + CAST(autorite_ok AS INTEGER) AS score
    FROM candidats
),
plus_proches AS (
    SELECT modification_id,
           bool_or(valide) AS couverte,
           -- Départage : la plus complète, puis la plus récente, puis le plus petit identifiant.
           first(struct_pack(autorisation_id, uai_ok, eleve_ok, objet_ok, millesime_ok, date_ok, sesam_ok, autorite_ok, autorite)
                 ORDER BY score DESC, date_autorisation DESC NULLS LAST, autorisation_id) AS proche
    FROM scores
    GROUP BY modification_id
)
SELECT
    'HIS-02' AS rule_id,
    md.uai,
    md.academie,
    md.millesime,
    md.eleve_id,
    md.classe_id,
    md.modification_id AS objet_id,
    format('{} ({}) du {} sur le {} {} de l''année {}-{}, sans autorisation valide : {} ; joindre au ticket SESAM l''autorisation écrite {}, détaillant les éléments à modifier.',
        CASE md.action WHEN 'MODIFICATION' THEN 'Modification' WHEN 'VERROUILLAGE' THEN 'Verrouillage'
                       WHEN 'DEVERROUILLAGE' THEN 'Déverrouillage' ELSE 'Suppression' END,
        md.modification_id,
        strftime(md.date_modification, '%d/%m/%Y'),
        CASE md.objet WHEN 'BILAN_PERIODIQUE' THEN 'bilan périodique' ELSE 'bilan de fin de cycle' END,
        md.rapport_id, md.millesime, md.millesime + 1,
        CASE
            WHEN pp.proche IS NULL THEN 'aucune autorisation n''existe pour cet élève ni pour cet établissement'
            ELSE format('l''autorisation la plus proche ({}) {}', pp.proche.autorisation_id, concat_ws(', ',
                CASE WHEN NOT pp.proche.uai_ok THEN 'concerne un autre établissement' END,
                CASE WHEN NOT pp.proche.eleve_ok THEN 'concerne un autre élève' END,
                CASE WHEN NOT pp.proche.objet_ok THEN 'vise un autre bilan' END,
                CASE WHEN NOT pp.proche.millesime_ok THEN 'porte sur une autre année' END,
                CASE WHEN NOT pp.proche.date_ok THEN 'est datée après la modification' END,
                CASE WHEN NOT pp.proche.sesam_ok THEN 'n''a pas de référence SESAM à 7 chiffres' END,
                CASE WHEN NOT pp.proche.autorite_ok THEN
                    CASE md.degre
                        WHEN '1D' THEN format('est signée par {} et non par le DASEN (école du 1er degré)', autorite_libelle(pp.proche.autorite))
                        WHEN '2D' THEN format('est signée par {} et non par le chef d''établissement (collège du 2d degré)', autorite_libelle(pp.proche.autorite))
                        ELSE 'ne peut pas être rattachée à une autorité (degré de l''établissement inconnu)'
                    END
                END))
        END,
        CASE md.degre WHEN '1D' THEN 'du DASEN' WHEN '2D' THEN 'du chef d''établissement'
                      ELSE 'du DASEN (1D) ou du chef d''établissement (2D)' END) AS detail,
    md.date_modification AS date_evenement
FROM modifs AS md
LEFT JOIN plus_proches AS pp ON pp.modification_id = md.modification_id
WHERE NOT coalesce(pp.couverte, false)
