-- LSU's import pre-checks: one row per (bilan of the file, reason LSU would refuse it or warn).
-- Inputs: the file's side tables xml_bilans, xml_enseignants, xml_bilan_enseignants (registered
-- frames) and the loaded export's classes, periodes, personnels, manifeste (read only).
WITH courant AS (
    SELECT max(millesime_courant) AS c FROM manifeste
),
classe AS (  -- the pupil's class in LSU: same school, year and code-division
    SELECT b.bilan_id, c.classe_id, c.code_division, c.source_donnees, c.periodicite
    FROM xml_bilans AS b
    JOIN classes AS c ON c.uai = b.uai AND c.millesime = b.millesime AND c.code_division = b.code_division
    QUALIFY row_number() OVER (PARTITION BY b.bilan_id ORDER BY c.classe_id) = 1
),
parametrage AS (  -- LSU's periods for the class's periodicity
    SELECT b.bilan_id,
           count(p.indice) AS nb_lignes,
           max(p.nb_periodes) AS nb_lsu,
           bool_or(p.nb_periodes <> b.nb_periodes) AS nb_differe,
           bool_or(p.indice = b.indice) AS indice_present,
           any_value(p.date_debut) FILTER (WHERE p.indice = b.indice) AS date_debut,
           any_value(p.date_fin) FILTER (WHERE p.indice = b.indice) AS date_fin
    FROM xml_bilans AS b
    JOIN classe AS k USING (bilan_id)
    LEFT JOIN periodes AS p
        ON p.uai = b.uai AND p.millesime = b.millesime AND p.periodicite = k.periodicite
    WHERE b.type_bilan = 'periodique'
    GROUP BY b.bilan_id
),
inconnus AS (  -- teachers of the bilan matching no staff of the school (id-sts, id or name)
    SELECT be.bilan_id,
           string_agg(e.enseignant_ref || ' (id-sts ' || coalesce(e.id_sts, '?') || ')', ', '
                      ORDER BY e.enseignant_ref) AS refs
    FROM xml_bilan_enseignants AS be
    JOIN xml_enseignants AS e USING (enseignant_ref)
    WHERE NOT EXISTS (
        SELECT 1 FROM personnels AS p
        WHERE p.uai = e.uai
          AND (p.personnel_id IN (e.id_sts, e.enseignant_ref, e.personnel_id)
               OR (lower(p.nom) = lower(e.nom)
                   AND (e.prenom IS NULL OR p.prenom IS NULL OR lower(p.prenom) = lower(e.prenom))))
    )
    GROUP BY be.bilan_id
),
motifs AS (
    SELECT b.bilan_id, 'ANNEE_ANTERIEURE' AS code, 'refus' AS severite,
           'bilan de l''année ' || b.millesime || '-' || (b.millesime + 1)
           || ' : LSU n''importe pas les bilans des années antérieures (année en cours '
           || courant.c || '-' || (courant.c + 1) || ').' AS detail
    FROM xml_bilans AS b, courant
    WHERE b.millesime < courant.c

    UNION ALL
    SELECT b.bilan_id, 'CLASSE_INTROUVABLE', 'refus',
           'classe introuvable : aucune classe ' || coalesce(b.code_division, '(code-division absent)')
           || ' pour l''établissement ' || b.uai || ' en ' || b.millesime
           || ' ; vérifiez le code-division de l''élève ou les classes de l''établissement dans LSU.'
    FROM xml_bilans AS b
    WHERE b.millesime IS NOT NULL AND NOT EXISTS (SELECT 1 FROM classe AS k WHERE k.bilan_id = b.bilan_id)

    UNION ALL
    SELECT b.bilan_id, 'PARAMETRAGE_INCOHERENT', 'refus',
           'paramétrage incohérent : la classe ' || k.code_division
           || ' a pour source de données SAISIE dans LSU, le bilan ne sera pas importé ; passez la classe '
           || 'en import (Paramétrage > par classe) avant d''importer.'
    FROM xml_bilans AS b JOIN classe AS k USING (bilan_id)
    WHERE b.type_bilan = 'periodique' AND k.source_donnees = 'SAISIE'

    UNION ALL
    SELECT b.bilan_id, 'PERIODES_NON_PARAMETREES', 'refus',
           CASE
               WHEN k.periodicite IS NULL THEN
                   'périodes non paramétrées : aucune périodicité affectée à la classe ' || k.code_division
                   || ' dans LSU'
               WHEN pa.nb_lignes = 0 THEN
                   'périodes non paramétrées : aucune période ' || k.periodicite || ' définie pour '
                   || b.uai || ' en ' || b.millesime
               WHEN pa.nb_differe THEN
                   'périodes non paramétrées : le fichier compte ' || b.nb_periodes
                   || ' périodes, LSU en a ' || pa.nb_lsu || ' (' || k.periodicite || ') pour la classe '
                   || k.code_division
               ELSE
                   'périodes non paramétrées : la période ' || b.indice || ' n''existe pas dans le paramétrage '
                   || k.periodicite || ' de LSU'
           END || ' ; paramétrez les périodes dans LSU avant d''importer.'
    FROM xml_bilans AS b
    JOIN classe AS k USING (bilan_id)
    JOIN parametrage AS pa USING (bilan_id)
    WHERE k.periodicite IS NULL OR pa.nb_lignes = 0 OR pa.nb_differe OR NOT pa.indice_present

    UNION ALL
    SELECT b.bilan_id, 'DATES_PERIODE', 'refus',
           'dates de période différentes de celles de LSU : '
           || CASE WHEN b.date_scolarite NOT BETWEEN pa.date_debut AND pa.date_fin
                   THEN 'date-scolarite ' || strftime(b.date_scolarite, '%d/%m/%Y')
                   ELSE 'date-conseil-classe ' || strftime(b.date_conseil_classe, '%d/%m/%Y') END
           || ' hors de la période ' || b.indice || ' de LSU (du ' || strftime(pa.date_debut, '%d/%m/%Y')
           || ' au ' || strftime(pa.date_fin, '%d/%m/%Y') || ') ; alignez les dates des périodes du logiciel '
           || 'sur celles de LSU.'
    FROM xml_bilans AS b
    JOIN classe AS k USING (bilan_id)
    JOIN parametrage AS pa USING (bilan_id)
    WHERE k.periodicite IS NOT NULL AND NOT pa.nb_differe AND pa.indice_present
      AND pa.date_debut IS NOT NULL AND pa.date_fin IS NOT NULL
      AND (b.date_scolarite NOT BETWEEN pa.date_debut AND pa.date_fin
           OR b.date_conseil_classe < pa.date_debut)

    UNION ALL
    SELECT i.bilan_id, 'ENSEIGNANT_INCONNU', 'avertissement',
           'enseignant inconnu des personnels de l''établissement : ' || i.refs
           || ' ; LSU ne refuse pas le bilan pour cela, vérifiez les enseignants dans LSU.'
    FROM inconnus AS i
)
SELECT b.bilan_id, b.type_bilan, b.eleve_ref, b.periode_ref, b.cycle, b.ligne,
       list(struct_pack(code := m.code, severite := m.severite, detail := m.detail) ORDER BY m.severite DESC, m.code)
           FILTER (WHERE m.code IS NOT NULL) AS motifs
FROM xml_bilans AS b
LEFT JOIN motifs AS m USING (bilan_id)
GROUP BY ALL
ORDER BY b.ligne
