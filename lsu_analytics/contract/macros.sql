-- Functions the contract defines (export-contract.md), shared by the rules and the indicators.
-- annee_scolaire(d): the school year of a date, 1 September boundary (2025 = 2025-2026).
CREATE OR REPLACE TEMP MACRO annee_scolaire(d) AS
    year(d) - CASE WHEN month(d) < 9 THEN 1 ELSE 0 END;
