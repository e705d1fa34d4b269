namespace Attune.Storage.MySql;

/// <summary>
/// Optuna's RDB schema as SQLAlchemy creates it on MySQL (schema version 12): ENUM columns, AUTO_INCREMENT keys,
/// <c>FLOAT(53)</c> (double) values; timestamps as <c>DATETIME(6)</c> so that microseconds survive (Optuna's own
/// tables use <c>DATETIME</c>, which Attune reads as well); utf8mb4 with a binary collation, so that study names
/// and keys compare exactly. Attune adds its own indexes on <c>trials</c> (RelationalSchema).
/// </summary>
internal static class MySqlSchema
{
    private const string Table = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    public static readonly IReadOnlyList<string> Statements =
    [
        "CREATE TABLE studies (study_id INTEGER NOT NULL AUTO_INCREMENT, study_name VARCHAR(512) NOT NULL, PRIMARY KEY (study_id))" + Table,
        "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)",
        "CREATE TABLE version_info (version_info_id INTEGER NOT NULL, schema_version INTEGER, library_version VARCHAR(256), PRIMARY KEY (version_info_id), CHECK (version_info_id=1))" + Table,
        "CREATE TABLE study_directions (study_direction_id INTEGER NOT NULL AUTO_INCREMENT, direction ENUM('NOT_SET','MINIMIZE','MAXIMIZE') NOT NULL, study_id INTEGER NOT NULL, objective INTEGER NOT NULL, PRIMARY KEY (study_direction_id), UNIQUE (study_id, objective), FOREIGN KEY(study_id) REFERENCES studies (study_id))" + Table,
        "CREATE TABLE study_user_attributes (study_user_attribute_id INTEGER NOT NULL AUTO_INCREMENT, study_id INTEGER, `key` VARCHAR(512), value_json TEXT, PRIMARY KEY (study_user_attribute_id), UNIQUE (study_id, `key`), FOREIGN KEY(study_id) REFERENCES studies (study_id))" + Table,
        "CREATE TABLE study_system_attributes (study_system_attribute_id INTEGER NOT NULL AUTO_INCREMENT, study_id INTEGER, `key` VARCHAR(512), value_json TEXT, PRIMARY KEY (study_system_attribute_id), UNIQUE (study_id, `key`), FOREIGN KEY(study_id) REFERENCES studies (study_id))" + Table,
        "CREATE TABLE trials (trial_id INTEGER NOT NULL AUTO_INCREMENT, number INTEGER, study_id INTEGER, state ENUM('RUNNING','COMPLETE','PRUNED','FAIL','WAITING') NOT NULL, datetime_start DATETIME(6), datetime_complete DATETIME(6), PRIMARY KEY (trial_id), FOREIGN KEY(study_id) REFERENCES studies (study_id))" + Table,
        "CREATE TABLE trial_user_attributes (trial_user_attribute_id INTEGER NOT NULL AUTO_INCREMENT, trial_id INTEGER, `key` VARCHAR(512), value_json TEXT, PRIMARY KEY (trial_user_attribute_id), UNIQUE (trial_id, `key`), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))" + Table,
        "CREATE TABLE trial_system_attributes (trial_system_attribute_id INTEGER NOT NULL AUTO_INCREMENT, trial_id INTEGER, `key` VARCHAR(512), value_json TEXT, PRIMARY KEY (trial_system_attribute_id), UNIQUE (trial_id, `key`), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))" + Table,
        "CREATE TABLE trial_params (param_id INTEGER NOT NULL AUTO_INCREMENT, trial_id INTEGER, param_name VARCHAR(512), param_value FLOAT(53), distribution_json TEXT, PRIMARY KEY (param_id), UNIQUE (trial_id, param_name), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))" + Table,
        "CREATE TABLE trial_values (trial_value_id INTEGER NOT NULL AUTO_INCREMENT, trial_id INTEGER NOT NULL, objective INTEGER NOT NULL, value FLOAT(53), value_type ENUM('FINITE','INF_POS','INF_NEG') NOT NULL, PRIMARY KEY (trial_value_id), UNIQUE (trial_id, objective), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))" + Table,
        "CREATE TABLE trial_intermediate_values (trial_intermediate_value_id INTEGER NOT NULL AUTO_INCREMENT, trial_id INTEGER NOT NULL, step INTEGER NOT NULL, intermediate_value FLOAT(53), intermediate_value_type ENUM('FINITE','INF_POS','INF_NEG','NAN') NOT NULL, PRIMARY KEY (trial_intermediate_value_id), UNIQUE (trial_id, step), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))" + Table,
        "CREATE TABLE trial_heartbeats (trial_heartbeat_id INTEGER NOT NULL AUTO_INCREMENT, trial_id INTEGER NOT NULL, heartbeat DATETIME(6) NOT NULL, PRIMARY KEY (trial_heartbeat_id), UNIQUE (trial_id), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))" + Table,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))" + Table,
    ];
}
