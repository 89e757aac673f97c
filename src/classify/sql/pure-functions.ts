// Built-in functions whose call only computes a value: aggregates, window functions, string, math,
// date/time, JSON, arrays, full-text search, and the catalog's read-only information functions. A
// call to any other function (a user-defined one, an extension's) is unknown: its body is not
// visible here and `SELECT purge_all_orders()` deletes as surely as a DELETE.
const NAMES = `
count sum avg min max bool_and bool_or every bit_and bit_or bit_xor string_agg array_agg json_agg jsonb_agg
json_object_agg jsonb_object_agg xmlagg stddev stddev_pop stddev_samp variance var_pop var_samp corr covar_pop
covar_samp regr_slope regr_intercept regr_count regr_r2 regr_avgx regr_avgy percentile_cont percentile_disc mode
rank dense_rank percent_rank cume_dist row_number ntile lag lead first_value last_value nth_value grouping any_value
coalesce nullif greatest least
lower upper initcap length char_length character_length octet_length bit_length substr substring trim btrim ltrim
rtrim lpad rpad left right repeat replace reverse position strpos split_part concat concat_ws format quote_ident
quote_literal quote_nullable regexp_replace regexp_match regexp_matches regexp_split_to_array regexp_split_to_table
regexp_count regexp_instr regexp_like regexp_substr translate ascii chr md5 sha224 sha256 sha384 sha512 encode decode
to_hex starts_with string_to_array string_to_table array_to_string unistr normalize casefold overlay
abs ceil ceiling floor round trunc sign sqrt cbrt exp ln log log10 power pow mod div pi degrees radians random
random_normal width_bucket gcd lcm factorial sin cos tan asin acos atan atan2 sinh cosh tanh scale min_scale
trim_scale setseed
now current_timestamp current_date current_time localtime localtimestamp clock_timestamp statement_timestamp
transaction_timestamp timeofday date_trunc date_part date_bin extract age make_date make_time make_timestamp
make_timestamptz make_interval justify_days justify_hours justify_interval to_char to_date to_number to_timestamp
isfinite timezone date_add date_subtract
to_json to_jsonb json_build_object jsonb_build_object json_build_array jsonb_build_array json_object jsonb_object
json_array_length jsonb_array_length json_extract_path jsonb_extract_path json_extract_path_text
jsonb_extract_path_text json_array_elements jsonb_array_elements json_array_elements_text jsonb_array_elements_text
json_each jsonb_each json_each_text jsonb_each_text json_object_keys jsonb_object_keys json_typeof jsonb_typeof
jsonb_set jsonb_set_lax jsonb_insert jsonb_pretty jsonb_strip_nulls json_strip_nulls jsonb_path_query
jsonb_path_query_array jsonb_path_query_first jsonb_path_exists jsonb_path_match row_to_json array_to_json
json_populate_record jsonb_populate_record json_to_record jsonb_to_record json_to_recordset jsonb_to_recordset
array_length array_upper array_lower array_ndims array_dims array_position array_positions array_append
array_prepend array_cat array_remove array_replace cardinality unnest generate_series generate_subscripts
array_fill trim_array array_sample array_shuffle
to_tsvector to_tsquery plainto_tsquery phraseto_tsquery websearch_to_tsquery ts_rank ts_rank_cd ts_headline
setweight strip numnode querytree
gen_random_uuid uuid_generate_v4 uuidv4 uuidv7 uuid_extract_timestamp
current_setting current_database current_schema current_schemas current_user session_user version
pg_backend_pid pg_is_in_recovery pg_postmaster_start_time pg_conf_load_time inet_client_addr inet_server_addr
pg_size_pretty pg_size_bytes pg_relation_size pg_total_relation_size pg_table_size pg_indexes_size
pg_database_size pg_tablespace_size pg_column_size pg_relation_filenode pg_relation_filepath
pg_get_viewdef pg_get_indexdef pg_get_constraintdef pg_get_functiondef pg_get_triggerdef pg_get_ruledef
pg_get_expr pg_get_userbyid pg_get_serial_sequence pg_get_keywords pg_typeof pg_table_is_visible
format_type obj_description col_description shobj_description has_table_privilege has_column_privilege
has_schema_privilege has_database_privilege has_function_privilege has_sequence_privilege pg_has_role
pg_current_wal_lsn pg_last_wal_receive_lsn pg_last_wal_replay_lsn pg_wal_lsn_diff pg_last_xact_replay_timestamp
txid_current txid_current_if_assigned pg_current_xact_id pg_current_snapshot pg_xact_commit_timestamp
pg_stat_get_activity pg_blocking_pids pg_try_advisory_lock pg_advisory_unlock pg_advisory_xact_lock
pg_try_advisory_xact_lock pg_advisory_unlock_all pg_sleep pg_notify pg_listening_channels currval lastval
row int4 int8 numeric text bool int2 float4 float8 varchar date timestamp timestamptz interval
host masklen network broadcast inet_same_family overlaps is_normalized pg_collation_for
`;

// The same idea for the other dialects (MySQL, MariaDB, SQLite, T-SQL, BigQuery, Snowflake).
const OTHER = `
ifnull if iif isnull nvl nvl2 isnumeric len datalength charindex patindex stuff space str format instr locate
mid lcase ucase char hex unhex bin oct conv field find_in_set elt make_set soundex quote group_concat
date time datetime julianday strftime unixepoch typeof total printf char_length sqlite_version changes
last_insert_rowid last_insert_id row_count found_rows database schema user system_user current_role uuid
uuid_short newid newsequentialid getdate getutcdate sysdatetime sysutcdatetime sysdatetimeoffset curdate curtime
sysdate utc_date utc_time utc_timestamp unix_timestamp from_unixtime date_format str_to_date datediff dateadd
datename datepart eomonth date_sub adddate subdate addtime subtime timediff timestampdiff timestampadd year
month day hour minute second microsecond week weekday weekofyear yearweek quarter dayofweek dayofmonth
dayofyear dayname monthname last_day makedate maketime period_add period_diff sec_to_time time_to_sec
to_days from_days convert cast try_cast try_convert parse try_parse rand truncate json_extract json_unquote
json_value json_query json_contains json_contains_path json_keys json_length json_type json_valid
json_array json_set json_insert json_replace json_remove json_merge_patch json_merge_preserve json_search
json_quote json_arrayagg json_objectagg json_group_array json_group_object json_each json_tree
regexp regexp_like safe_cast safe_divide ifnull countif approx_count_distinct array_agg format_date
format_timestamp parse_date parse_timestamp current_datetime generate_uuid iff zeroifnull nullifzero
to_varchar to_variant parse_json object_construct array_construct flatten split div0 decode exists
`;

export const PURE_FUNCTIONS_OTHER: ReadonlySet<string> = new Set(`${NAMES} ${OTHER}`.split(/\s+/).filter(Boolean));

export const PURE_FUNCTIONS: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));
