-- Databases created before the column existed get it here.
ALTER TABLE controles ADD COLUMN IF NOT EXISTS sorties VARCHAR
