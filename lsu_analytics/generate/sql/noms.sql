-- Noms, prénoms et libellés. Quelques valeurs portent accents, apostrophes, « ; » et « " »
-- pour éprouver le dialecte CSV ; tous les caractères existent en windows-1252.
CREATE OR REPLACE TABLE ref_noms AS
SELECT row_number() OVER () - 1 AS i, nom FROM (SELECT unnest([
    'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
    'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
    'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Müller', 'Lefebvre', 'Faure', 'André',
    'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
    'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson',
    'Marchand', 'Duval', 'Denis', 'Dumont', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun',
    'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Nguyen',
    'N''Diaye', 'D''Almeida', 'L''Hôte', 'Le Gall', 'Ben Saïd', 'Œuvrard', 'Šimek', 'Da Costa', 'Côté',
    'Lefèvre;Martin', 'Durand "le Jeune"', 'Pérez-Ibáñez', 'O''Connor', 'Benoît'
]) AS nom);

CREATE OR REPLACE TABLE ref_prenoms AS
SELECT row_number() OVER () - 1 AS i, prenom FROM (SELECT unnest([
    'Léa', 'Chloé', 'Zoé', 'Inès', 'Anaïs', 'Maëlle', 'Noé', 'Raphaël', 'Gaël', 'Jérôme',
    'Hélène', 'Françoise', 'Zoë', 'Joël', 'Loïc', 'Mathéo', 'Éloïse', 'Célia', 'Jade', 'Louise',
    'Emma', 'Alice', 'Lina', 'Rose', 'Léo', 'Gabriel', 'Louis', 'Arthur', 'Jules', 'Adam',
    'Lucas', 'Hugo', 'Nathan', 'Ethan', 'Tom', 'Sacha', 'Timéo', 'Maël', 'Noah', 'Théo',
    'Liam', 'Paul', 'Mohamed', 'Yanis', 'Aïcha', 'Fatoumata', 'Yasmine', 'Sarah', 'Camille', 'Manon',
    'Ambre', 'Juliette', 'Margaux', 'Anne-Sophie', 'Jean-Noël', 'N''Golo', 'Héloïse', 'Cécile', 'Ève', 'Ana',
    'Jean "Jeannot"', 'Marie;Claire', 'Björn', 'Agnès'
]) AS prenom);

-- Éponymes d'établissements.
CREATE OR REPLACE TABLE ref_eponymes AS
SELECT row_number() OVER () - 1 AS i, nom FROM (SELECT unnest([
    'Jean-Jaurès', 'Jules-Ferry', 'Victor-Hugo', 'Marie-Curie', 'Jean-Moulin', 'Louis-Pasteur',
    'Les Tilleuls', 'Les Écrins', 'de l''Arc-en-Ciel', 'Simone-Veil', 'Albert-Camus', 'Jacques-Prévert',
    'Anatole-France', 'Saint-Exupéry', 'Paul-Éluard', 'George-Sand', 'Le Château', 'du Parc',
    'Pierre-et-Marie-Curie', 'Les Îles "Vertes"', 'Molière; annexe', 'Lucie-Aubrac'
]) AS nom);

-- Disciplines par niveau (codes nationaux de matière).
CREATE OR REPLACE TABLE ref_disciplines AS
SELECT * FROM (VALUES
    (0, '020700', 0, 4), (1, '061300', 0, 4), (2, '030201', 0, 4), (3, '100100', 0, 4),
    (4, '090100', 0, 4), (5, '042100', 3, 4),
    (0, '020700', 5, 8), (1, '061300', 5, 8), (2, '030201', 5, 8), (3, '042100', 5, 8),
    (4, '062900', 5, 8), (5, '070800', 5, 8), (6, '100100', 5, 8)
) t(d_idx, discipline_code, lvl_min, lvl_max);

CREATE OR REPLACE TABLE ref_elements_a_modifier AS
SELECT row_number() OVER () - 1 AS i, txt FROM (SELECT unnest([
    'Appréciation générale du 2e trimestre',
    'Positionnement en mathématiques ; appréciation de français',
    'Correction du "niveau atteint" en EPS',
    'Synthèse générale' || chr(10) || 'Appréciation en histoire-géographie',
    'Erreur de saisie : moyenne de SVT (12,5 au lieu de 15,5)',
    'Élément de programme oublié' || chr(10) || 'Parcours citoyen ; projet "Eau"'
]) AS txt);
