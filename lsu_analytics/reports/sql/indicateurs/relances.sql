-- Écoles et collèges à relancer après une période : chaque établissement du périmètre ayant des élèves en C,
-- sa dernière période terminée à X (parmi les périodicités de ses classes de C : celle qui a fini le plus
-- tard), ses bilans saisis / attendus et verrouillés / saisis en classes de saisie directe pour cet indice
-- (BP_SAISIS, BP_VERROUILLES_SAISIE de la table indicateurs, secret compris), et sa direction
-- (DIRECTEUR au 1er degré, CHEF_ETABLISSEMENT au 2d).
WITH x AS (
    SELECT CAST(date_extraction AS DATE) AS x_date FROM manifeste LIMIT 1
), etabs AS (
    SELECT e.uai, e.nom, e.degre, e.academie, e.departement,
           CASE WHEN e.degre = '1D' THEN e.circonscription END AS circonscription
    FROM etablissements e
    WHERE dans_perimetre($niveau, $code, e.academie, e.departement, e.circonscription, e.uai)
      AND EXISTS (SELECT 1 FROM indicateurs i
                  WHERE i.millesime = $millesime AND i.niveau_perimetre = 'etablissement'
                    AND i.code_perimetre = e.uai AND i.indicateur = 'EFFECTIF' AND i.niveau_scolaire = 'TOUS')
), finies AS (
    SELECT pe.uai, pe.periodicite, pe.indice, pe.nb_periodes, pe.date_fin
    FROM periodes pe, x
    WHERE pe.millesime = $millesime AND pe.date_fin < x.x_date
      AND pe.uai IN (SELECT uai FROM etabs)
      AND EXISTS (SELECT 1 FROM classes cl WHERE cl.uai = pe.uai AND cl.millesime = $millesime
                                            AND cl.periodicite = pe.periodicite)
), derniere AS (
    SELECT uai, arg_max(periodicite, (date_fin, indice)) AS periodicite, arg_max(indice, (date_fin, indice)) AS indice,
           arg_max(nb_periodes, (date_fin, indice)) AS nb_periodes, max(date_fin) AS date_fin
    FROM finies GROUP BY uai
), direction AS (
    SELECT uai, list({'nom': trim(coalesce(prenom, '') || ' ' || coalesce(nom, '')), 'role': role}
                     ORDER BY personnel_id) AS personnes
    FROM personnels
    WHERE role IN ('DIRECTEUR', 'CHEF_ETABLISSEMENT') AND uai IN (SELECT uai FROM etabs)
    GROUP BY uai
), ind AS (
    SELECT code_perimetre AS uai, periode, indicateur, numerateur, denominateur, valeur,
           coalesce(masque, false) AS masque
    FROM indicateurs
    WHERE millesime = $millesime AND niveau_perimetre = 'etablissement' AND niveau_scolaire = 'TOUS'
      AND indicateur IN ('BP_SAISIS', 'BP_VERROUILLES_SAISIE') AND periode IS NOT NULL
)
SELECT e.uai, e.nom, e.degre, e.academie, e.departement, e.circonscription,
       d.personnes AS direction,
       de.periodicite, de.indice AS periode, de.nb_periodes, de.date_fin,
       s.numerateur AS saisis_num, s.denominateur AS saisis_den, s.valeur AS saisis_valeur, s.masque AS saisis_masque,
       v.numerateur AS verrou_num, v.denominateur AS verrou_den, v.valeur AS verrou_valeur, v.masque AS verrou_masque
FROM etabs e
LEFT JOIN derniere de USING (uai)
LEFT JOIN direction d USING (uai)
LEFT JOIN ind s ON s.uai = e.uai AND s.periode = de.indice AND s.indicateur = 'BP_SAISIS'
LEFT JOIN ind v ON v.uai = e.uai AND v.periode = de.indice AND v.indicateur = 'BP_VERROUILLES_SAISIE'
ORDER BY e.uai
