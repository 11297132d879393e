-- Lignes supplémentaires que le chargeur doit rejeter, ajoutées en fin de fichier (aucune ligne de base
-- n'est modifiée, donc aucun résultat de règle ne dépend de leur rejet). Valeurs en ISO, reformatées à l'écriture.
-- Une seule faute par ligne.

INSERT INTO g_extra
-- Clé primaire en double : le premier élève, avec un autre prénom (la première occurrence est gardée).
SELECT 'eleves', 1, NULL, 'CLE_PRIMAIRE_EN_DOUBLE', false,
       MAP {'eleve_id': eleve_id, 'ine': ine, 'nom': nom, 'prenom': 'Doublon', 'date_naissance': iso_d(date_naissance)}
FROM (SELECT * FROM eleves ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'eleves', 2, 'date_naissance', 'TYPE_INVALIDE', true,
       MAP {'eleve_id': 'EL800000001', 'ine': '1234567890A', 'nom': 'Date "impossible"', 'prenom': 'Léna',
            'date_naissance': '2015-02-30'}
UNION ALL
SELECT 'etablissements', 1, 'service_en_ligne_ouvert', 'TYPE_INVALIDE', true,
       MAP {'uai': '0389999T', 'nom': 'École fermée ; à vérifier', 'degre': '1D', 'secteur': 'PU', 'academie': '08',
            'departement': '038', 'circonscription': '038C01', 'service_en_ligne_ouvert': 'peut-être'}
UNION ALL
SELECT 'classes', 1, 'niveau', 'CODE_HORS_LISTE', false,
       MAP {'classe_id': 'CL_REJET_CM3', 'uai': uai, 'millesime': CAST(millesime AS VARCHAR), 'code_division': 'CM3_1',
            'niveau': 'CM3', 'periodicite': periodicite, 'source_donnees': 'SAISIE', 'type_positionnement': 'ECHELLE_4'}
FROM (SELECT * FROM classes ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'periodes', 1, NULL, 'CLE_PRIMAIRE_EN_DOUBLE', false,
       MAP {'uai': uai, 'millesime': CAST(millesime AS VARCHAR), 'periodicite': periodicite,
            'nb_periodes': CAST(nb_periodes AS VARCHAR), 'indice': CAST(indice AS VARCHAR),
            'date_debut': iso_d(date_debut + 7), 'date_fin': iso_d(date_fin), 'date_parametrage': iso_ts(date_parametrage)}
FROM (SELECT * FROM periodes ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'inscriptions', 1, 'classe_id', 'VALEUR_REQUISE_MANQUANTE', false,
       MAP {'eleve_id': eleve_id, 'uai': uai, 'classe_id': NULL, 'millesime': CAST(millesime AS VARCHAR),
            'date_entree': iso_d(date_entree), 'date_sortie': NULL}
FROM (SELECT * FROM inscriptions ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'bilans_periodiques', 1, 'indice', 'TYPE_INVALIDE', true,
       MAP {'bilan_id': 'BP_REJET_01', 'eleve_id': eleve_id, 'classe_id': classe_id, 'uai': uai,
            'millesime': CAST(millesime AS VARCHAR), 'periodicite': periodicite, 'indice': 'deux',
            'nb_periodes': CAST(nb_periodes AS VARCHAR), 'date_creation': iso_ts(date_creation), 'mode_creation': mode_creation,
            'date_verrou': NULL, 'date_publication': NULL, 'date_visa': NULL, 'synthese_renseignee': '1',
            'vie_scolaire_renseignee': '0'}
FROM (SELECT * FROM bilans_periodiques ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'acquis', 1, 'positionnement', 'CODE_HORS_LISTE', false,
       MAP {'bilan_id': bilan_id, 'discipline_code': '999999', 'positionnement': '5', 'moyenne_eleve': NULL,
            'nb_elements_programme': '2', 'appreciation_renseignee': '1'}
FROM (SELECT * FROM acquis ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'bilans_cycle_socle', 1, 'domaine_code', 'CODE_HORS_LISTE', false,
       MAP {'bilan_cycle_id': bilan_cycle_id, 'domaine_code': 'CPD_XXX', 'positionnement': '3'}
FROM (SELECT * FROM bilans_cycle_socle ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'attestations', 1, 'type', 'CODE_HORS_LISTE', false,
       MAP {'attestation_id': 'AT_REJET_B2I', 'eleve_id': eleve_id, 'uai': uai, 'type': 'B2I',
            'millesime': CAST(millesime AS VARCHAR), 'date_obtention': iso_d(date_obtention)}
FROM (SELECT * FROM attestations ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'modifications', 1, NULL, 'CLE_PRIMAIRE_EN_DOUBLE', false,
       MAP {'modification_id': modification_id, 'objet': objet, 'objet_id': objet_id,
            'date_modification': iso_ts(date_modification + INTERVAL 1 HOUR), 'auteur_id': auteur_id, 'action': 'MODIFICATION'}
FROM (SELECT * FROM modifications ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'modifications', 2, 'date_modification', 'TYPE_INVALIDE', true,
       MAP {'modification_id': 'M_REJET_DATE', 'objet': objet, 'objet_id': objet_id,
            'date_modification': '2025-13-01T10:00:00', 'auteur_id': auteur_id, 'action': 'MODIFICATION'}
FROM (SELECT * FROM modifications ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'autorisations', 1, 'autorite', 'CODE_HORS_LISTE', false,
       MAP {'autorisation_id': 'AU_REJET_RECTEUR', 'uai': uai, 'eleve_id': eleve_id, 'objet_id': objet_id,
            'millesime_concerne': CAST(millesime_concerne AS VARCHAR), 'autorite': 'RECTEUR',
            'signataire_id': signataire_id, 'date_autorisation': iso_d(date_autorisation), 'reference_sesam': '0439473',
            'elements_a_modifier': 'Autorité inconnue ;' || chr(10) || 'signée "par délégation"'}
FROM (SELECT * FROM autorisations ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'consultations', 1, 'profil', 'CODE_HORS_LISTE', false,
       MAP {'consultation_id': 'CS_REJET_ELEVE', 'date_consultation': iso_ts(date_consultation),
            'utilisateur_id': utilisateur_id, 'profil': 'ELEVE', 'canal': canal, 'classe_id_utilisateur': NULL,
            'eleve_id': eleve_id, 'objet': objet, 'objet_id': objet_id}
FROM (SELECT * FROM consultations ORDER BY _ord LIMIT 1)
UNION ALL
SELECT 'comptes_responsables', 1, 'eleve_id', 'VALEUR_REQUISE_MANQUANTE', false,
       MAP {'compte_id': 'RESP_REJET_01', 'eleve_id': NULL, 'date_activation': iso_ts(date_activation),
            'date_desactivation': NULL}
FROM (SELECT * FROM comptes_responsables ORDER BY _ord LIMIT 1);
