-- Mise en forme des valeurs pour le CSV (format de date déclaré dans le manifeste, booléens 0/1).
CREATE OR REPLACE TEMP MACRO fmt_date(d) AS strftime(d, getvariable('fmt_date'));
CREATE OR REPLACE TEMP MACRO fmt_ts(t) AS strftime(t, getvariable('fmt_ts'));
CREATE OR REPLACE TEMP MACRO fmt_bool(b) AS CASE WHEN b THEN '1' WHEN NOT b THEN '0' END;
-- Lignes supplémentaires (écrites en ISO) : reformatées si lisibles, laissées telles quelles sinon.
CREATE OR REPLACE TEMP MACRO refmt_date(v) AS coalesce(strftime(try_cast(v AS DATE), getvariable('fmt_date')), v);
CREATE OR REPLACE TEMP MACRO refmt_ts(v) AS coalesce(strftime(try_cast(v AS TIMESTAMP), getvariable('fmt_ts')), v);
CREATE OR REPLACE TEMP MACRO bool_of(v) AS CASE v WHEN '1' THEN true WHEN '0' THEN false END;
