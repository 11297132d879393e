-- What the import file of the school getvariable('xml_uai') for the year getvariable('xml_millesime') carries,
-- taken from a loaded export (the file a school's software would have sent). Only what the XSD can hold:
-- locked periodic reports with a synthesis and at least one subject (date-verrou, acquis-conseils and one
-- acquis are required), one per pupil and period (the XSD's key), the latest locked; locked end-of-cycle
-- reports of cycles 3 and 4, one per pupil and cycle.
CREATE OR REPLACE TEMP VIEW xml_bilans AS
SELECT b.*, c.code_division
FROM bilans_periodiques b
JOIN classes c USING (classe_id)
WHERE b.uai = getvariable('xml_uai') AND b.millesime = getvariable('xml_millesime')
  AND b.date_verrou IS NOT NULL AND b.synthese_renseignee
  AND EXISTS (SELECT 1 FROM acquis a WHERE a.bilan_id = b.bilan_id)
QUALIFY row_number() OVER (PARTITION BY b.eleve_id, b.nb_periodes, b.indice
                           ORDER BY b.date_verrou DESC, b.bilan_id) = 1;

-- Pupils: those of a periodic report (division of their latest one) or else of an end-of-cycle report
-- with a class of the school that year (division of their latest enrolment).
CREATE OR REPLACE TEMP VIEW xml_eleves AS
WITH divisions AS (
    SELECT eleve_id, arg_max(code_division, date_verrou) AS code_division FROM xml_bilans GROUP BY 1
    UNION ALL
    SELECT i.eleve_id, arg_max(c.code_division, i.date_entree)
    FROM inscriptions i
    JOIN classes c USING (classe_id)
    WHERE i.uai = getvariable('xml_uai') AND i.millesime = getvariable('xml_millesime')
      AND i.eleve_id NOT IN (SELECT eleve_id FROM xml_bilans)
      AND i.eleve_id IN (SELECT eleve_id FROM bilans_cycle WHERE uai = getvariable('xml_uai'))
    GROUP BY 1
)
SELECT d.eleve_id, left(d.code_division, 20) AS code_division,
       left(coalesce(nullif(trim(e.nom), ''), '?'), 100) AS nom,
       left(coalesce(nullif(trim(e.prenom), ''), '?'), 100) AS prenom
FROM divisions d
JOIN eleves e USING (eleve_id);

CREATE OR REPLACE TEMP VIEW xml_cycles AS
SELECT b.*
FROM bilans_cycle b
WHERE b.uai = getvariable('xml_uai') AND b.millesime = getvariable('xml_millesime')
  AND b.cycle IN (3, 4) AND b.date_verrou IS NOT NULL
  AND b.eleve_id IN (SELECT eleve_id FROM xml_eleves)
QUALIFY row_number() OVER (PARTITION BY b.eleve_id, b.cycle ORDER BY b.date_verrou DESC, b.bilan_cycle_id) = 1;

-- The teacher of a class's subjects: the school's teacher named after the class (the generator names the
-- teacher of CL<année>_<uai>_<niveau>_<n> ENS_<uai>_<niveau>_<n>), else the school's first teacher.
CREATE OR REPLACE TEMP VIEW xml_enseignants_classes AS
WITH ecole AS (
    SELECT personnel_id FROM personnels WHERE uai = getvariable('xml_uai') AND role = 'ENSEIGNANT'
)
SELECT DISTINCT b.classe_id,
       coalesce((SELECT personnel_id FROM ecole WHERE personnel_id = 'ENS_' || substr(b.classe_id, 8)),
                (SELECT min(personnel_id) FROM ecole)) AS enseignant
FROM xml_bilans b;
