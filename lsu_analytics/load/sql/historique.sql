-- The loads recorded in the database being replaced stay in the history.
INSERT INTO chargements BY NAME
SELECT * FROM ancienne.chargements
