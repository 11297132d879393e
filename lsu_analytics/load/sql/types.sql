-- How a text value becomes a contract type. `{v}` is the raw text; NULL means "unreadable"
-- (the caller rejects a non-NULL text whose typed value is NULL). Nothing is guessed: only the
-- format the manifest declares is read, and DuckDB's lenient casts ('1.5', ' 12', '1_000') are fenced off.
-- Integers: only digits and signs get to the cast (a GLOB is cheaper than a regular expression; the cast
-- refuses misplaced signs, so the result is the one of '[+-]?[0-9]+'). Decimals keep the regular
-- expression: the GLOBs needed for the separator's place cost more than it.

-- name: text
{v}

-- name: int
CASE WHEN NOT {v} GLOB '*[!0-9+-]*' THEN TRY_CAST({v} AS INTEGER) END

-- name: decimal.
CASE WHEN regexp_full_match({v}, '[+-]?[0-9]+([.][0-9]+)?') THEN TRY_CAST({v} AS {decimal}) END

-- name: decimal,
CASE WHEN regexp_full_match({v}, '[+-]?[0-9]+(,[0-9]+)?') THEN TRY_CAST(replace({v}, ',', '.') AS {decimal}) END

-- name: bool
-- '1' and '0' first: the usual values skip lower().
CASE {v} WHEN '1' THEN true WHEN '0' THEN false
ELSE CASE lower({v}) WHEN 'true' THEN true WHEN 'oui' THEN true WHEN 'false' THEN false WHEN 'non' THEN false END END

-- name: date.iso
CASE WHEN length({v}) = 10 THEN CAST(TRY_STRPTIME({v}, '%Y-%m-%d') AS DATE) END

-- name: date.fr
CASE WHEN length({v}) = 10 THEN CAST(TRY_STRPTIME({v}, '%d/%m/%Y') AS DATE) END

-- name: timestamp.iso
CASE WHEN length({v}) = 19 THEN TRY_STRPTIME({v}, ['%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S']) END

-- name: timestamp.fr
CASE WHEN length({v}) = 19 THEN TRY_STRPTIME({v}, '%d/%m/%Y %H:%M:%S') END
